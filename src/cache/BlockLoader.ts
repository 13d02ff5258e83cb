/**
 * The asynchronous side of the block cache: given block indices, returns their bytes from the
 * persistent store or the network.
 *
 * - Each wanted block gets one pending promise per file, so overlapping or identical concurrent
 *   loads share requests instead of repeating them.
 * - Missing blocks are grouped into runs of adjacent blocks: one Range request per run.
 * - Requests are bounded (a semaphore) and retried on transient failures.
 * - Every response's size and validator are compared with the file's identity: blocks of a
 *   changed file are never mixed with old ones.
 * - A warm reopen (identity remembered, blocks stored) makes no request at all.
 */
import type { ByteSource, PrimedBytes, RangeReadResult, SourceIdentity } from '../bytes/ByteSource';
import { cancelledError, throwIfAborted } from '../bytes/abort';
import { withRetry } from '../bytes/retry';
import { ExplorerError, asExplorerError } from '../errors';
import { ReadaheadWindow } from './readahead';
import { groupRuns, type BlockRun } from './runs';
import { Semaphore } from './Semaphore';
import { StatsEmitter } from './StatsEmitter';
import { BLOCK_SIZE, type LoaderStats, type PersistentBlockStore } from './types';

export interface BlockLoaderOptions {
  blockSize?: number;
  persistent?: PersistentBlockStore | null;
  /** Concurrent network requests, all files together. Default 4. */
  maxInFlight?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  /** Read-ahead after a random jump, in blocks. Default 0. */
  initialReadaheadBlocks?: number;
  /** Largest read-ahead window. Default 4 MiB. */
  maxReadaheadBytes?: number;
  /** Largest single request; longer runs are split. Default 16 MiB. */
  maxRequestBytes?: number;
  /** Least time between stats notifications. Default 100 ms. */
  statsIntervalMs?: number;
}

export interface BlockLoaderStats extends LoaderStats {
  warnings: string[];
  persistentWriteErrors: number;
}

interface Pending {
  promise: Promise<Uint8Array>;
  resolve(data: Uint8Array): void;
  reject(error: ExplorerError): void;
  /** Loads waiting for this block now; a request nobody waits for any more is aborted. */
  waiters: number;
}

interface Task {
  controller: AbortController;
  run: BlockRun;
  /** Aborted because some of its blocks are no longer wanted: the wanted rest is fetched again. */
  trimmed: boolean;
}

interface Opening {
  source: ByteSource;
  promise: Promise<SourceIdentity>;
  controller: AbortController;
  waiters: number;
}

interface FileState {
  source: ByteSource;
  identity: SourceIdentity;
  /** Identity came from identify() just now, not from the store: its validator may be filled in. */
  fresh: boolean;
  /** Validator first seen in this session when the identity has none. */
  sessionValidator: string | null;
  blockCount: number;
  pending: Map<number, Pending>;
  tasks: Set<Task>;
  /** Blocks from identify()'s probe, handed out once. */
  primed: Map<number, Uint8Array>;
  readahead: ReadaheadWindow;
  /** Bumped by cancel(): work started before it is void. */
  generation: number;
  /** Set once the file is known to have changed: every later load fails with it. */
  failure: ExplorerError | null;
  forgetting: Promise<void> | null;
  /** False after a quota error: this file carries on without persistence. */
  persist: boolean;
  persistedAny: boolean;
}

const MAX_WARNINGS = 20;

function newPending(): Pending {
  let resolve!: (d: Uint8Array) => void;
  let reject!: (e: ExplorerError) => void;
  const promise = new Promise<Uint8Array>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A block nobody waits for any more may still fail: that must not be an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject, waiters: 0 };
}

function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 ** 2) return `${+(n / 1024).toFixed(1)} KiB`;
  if (n < 1024 ** 3) return `${+(n / 1024 ** 2).toFixed(1)} MiB`;
  return `${+(n / 1024 ** 3).toFixed(2)} GiB`;
}

export class BlockLoader {
  readonly blockSize: number;
  private readonly persistent: PersistentBlockStore | null;
  private readonly maxRetries: number | undefined;
  private readonly retryBaseDelayMs: number | undefined;
  private readonly initialReadahead: number;
  private readonly maxReadahead: number;
  private readonly maxRunBlocks: number;
  private readonly semaphore: Semaphore;
  private readonly files = new Map<string, FileState>();
  private readonly opening = new Map<string, Opening>();
  private readonly writes = new Set<Promise<void>>();
  private readonly counters = {
    requests: 0,
    bytesFetched: 0,
    bytesFromPersistent: 0,
    retries: 0,
    inFlight: 0,
    persistentWriteErrors: 0,
  };
  private current: string | null = null;
  private warnings: string[] = [];
  private readonly emitter: StatsEmitter<BlockLoaderStats>;

  constructor(opts: BlockLoaderOptions = {}) {
    this.blockSize = opts.blockSize ?? BLOCK_SIZE;
    this.persistent = opts.persistent ?? null;
    this.maxRetries = opts.maxRetries;
    this.retryBaseDelayMs = opts.retryBaseDelayMs;
    this.maxReadahead = Math.max(
      0,
      Math.floor((opts.maxReadaheadBytes ?? 4 * 1024 * 1024) / this.blockSize),
    );
    this.initialReadahead = Math.min(opts.initialReadaheadBlocks ?? 0, this.maxReadahead);
    this.maxRunBlocks = Math.max(
      1,
      Math.floor((opts.maxRequestBytes ?? 16 * 1024 * 1024) / this.blockSize),
    );
    this.semaphore = new Semaphore(opts.maxInFlight ?? 4);
    this.emitter = new StatsEmitter(() => this.stats(), opts.statsIntervalMs ?? 100);
  }

  /**
   * Learns the file's identity. Warm path: the persistent store remembers one for this key, so
   * no request is made (a size known in advance that disagrees with it forgets the old file).
   */
  open(fileId: string, source: ByteSource, signal?: AbortSignal): Promise<SourceIdentity> {
    const open = this.files.get(fileId);
    if (open?.source === source) return Promise.resolve(open.identity);
    let entry = this.opening.get(fileId);
    if (entry?.source !== source) {
      if (open || entry) this.close(fileId);
      const controller = new AbortController();
      const promise: Promise<SourceIdentity> = this.doOpen(
        fileId,
        source,
        controller.signal,
      ).finally(() => {
        if (this.opening.get(fileId)?.promise === promise) this.opening.delete(fileId);
      });
      promise.catch(() => undefined); // awaited by the callers below
      entry = { source, promise, controller, waiters: 0 };
      this.opening.set(fileId, entry);
    }
    return this.waitOpen(entry, signal);
  }

  /** Concurrent opens of one file share the work; it is aborted when the last caller gives up. */
  private async waitOpen(entry: Opening, signal?: AbortSignal): Promise<SourceIdentity> {
    entry.waiters++;
    try {
      return await raceAbort(entry.promise, signal);
    } catch (e) {
      throw asExplorerError(e);
    } finally {
      entry.waiters--;
      if (signal?.aborted && entry.waiters === 0) entry.controller.abort();
    }
  }

  private async doOpen(
    fileId: string,
    source: ByteSource,
    signal: AbortSignal,
  ): Promise<SourceIdentity> {
    let identity = await this.rememberedIdentity(source);
    let primed: PrimedBytes | null = null;
    const fresh = !identity;
    if (!identity) {
      identity = await withRetry(() => source.identify(signal), {
        maxRetries: this.maxRetries,
        baseDelayMs: this.retryBaseDelayMs,
        signal,
        onRetry: () => {
          this.counters.retries++;
          this.counters.requests++;
        },
      });
      primed = source.takePrimed?.() ?? null;
      if (primed) {
        this.counters.requests++;
        this.counters.bytesFetched += primed.data.byteLength;
      }
      if (this.persistent) {
        await this.persistent
          .rememberIdentity(identity)
          .catch((e: unknown) => this.warn('Could not remember the file', e));
      }
    }
    throwIfAborted(signal);
    const state: FileState = {
      source,
      identity,
      fresh,
      sessionValidator: null,
      blockCount: Math.ceil(identity.size / this.blockSize),
      pending: new Map(),
      tasks: new Set(),
      primed: new Map(),
      readahead: new ReadaheadWindow(this.initialReadahead, this.maxReadahead),
      generation: 0,
      failure: null,
      forgetting: null,
      persist: true,
      persistedAny: false,
    };
    this.files.set(fileId, state);
    if (primed) {
      state.primed = this.blocksOf(state, primed.start, primed.data, true);
      this.persistBlocks(state, state.primed);
    }
    this.emitter.changed(this.counters.inFlight === 0);
    return identity;
  }

  private async rememberedIdentity(source: ByteSource): Promise<SourceIdentity | undefined> {
    if (!this.persistent) return undefined;
    let remembered: SourceIdentity | undefined;
    try {
      remembered = await this.persistent.getRememberedIdentity(source.key);
    } catch (e) {
      this.warn('Could not read the persistent cache', e);
      return undefined;
    }
    if (remembered && source.knownSize !== undefined && remembered.size !== source.knownSize) {
      // The size given now disagrees with the cached file: it changed since.
      await this.persistent
        .forget(source.key)
        .catch((e: unknown) => this.warn('Could not drop old blocks', e));
      return undefined;
    }
    return remembered;
  }

  /** Returns at least the requested blocks (and maybe read-ahead blocks after them). */
  async load(
    fileId: string,
    blocks: number[],
    signal?: AbortSignal,
  ): Promise<Map<number, Uint8Array>> {
    const f = this.files.get(fileId);
    if (!f) throw new ExplorerError('internal', `File ${fileId} is not open.`);
    if (f.failure) throw f.failure;
    throwIfAborted(signal);
    const requested = [...new Set(blocks)].sort((a, b) => a - b);
    const result = new Map<number, Uint8Array>();
    if (requested.length === 0) return result;
    for (const b of requested) {
      if (!Number.isInteger(b) || b < 0 || b >= f.blockCount) {
        throw new ExplorerError(
          'truncated',
          `Block ${b} is past the end of ${f.source.displayName} (${f.identity.size} bytes).`,
        );
      }
    }
    const first = requested[0];
    const last = requested[requested.length - 1];
    const takePrimed = (b: number) => {
      const d = f.primed.get(b);
      if (d) {
        f.primed.delete(b);
        result.set(b, d);
      }
      return !!d;
    };

    // Read-ahead: blocks after the last one asked for, only while they extend the same run.
    const window = f.readahead.next(first);
    const extra: number[] = [];
    for (let b = last + 1; b <= Math.min(last + window, f.blockCount - 1); b++) {
      if (f.pending.has(b)) break;
      if (!takePrimed(b)) extra.push(b);
    }
    f.readahead.record(last, last + window);

    const owned = new Map<number, Pending>();
    const claim = (b: number): Pending => {
      let p = f.pending.get(b);
      if (!p) {
        p = newPending();
        f.pending.set(b, p);
        owned.set(b, p);
      }
      p.waiters++;
      return p;
    };
    const needed = requested.filter((b) => !takePrimed(b)).map((b) => [b, claim(b)] as const);
    const ahead = extra.map((b) => [b, claim(b)] as const);
    if (owned.size > 0) void this.runJob(f, owned);

    try {
      const [got, gotAhead] = await raceAbort(
        Promise.all([
          Promise.all(needed.map(([, p]) => p.promise)),
          // Read-ahead is a bonus: its failure never fails the load.
          Promise.allSettled(ahead.map(([, p]) => p.promise)),
        ]),
        signal,
      );
      needed.forEach(([b], k) => result.set(b, got[k]));
      ahead.forEach(([b], k) => {
        const r = gotAhead[k];
        if (r.status === 'fulfilled') result.set(b, r.value);
      });
      return result;
    } catch (e) {
      throw asExplorerError(e);
    } finally {
      for (const [, p] of [...needed, ...ahead]) p.waiters--;
      if (signal?.aborted) this.abortUnwanted(f);
    }
  }

  /** Finds `owned` blocks in the persistent store, then fetches the rest in runs. */
  private async runJob(f: FileState, owned: Map<number, Pending>): Promise<void> {
    const generation = f.generation;
    if (this.persistent) {
      try {
        const found = await this.persistent.getBlocks(f.identity, [...owned.keys()]);
        for (const [b, data] of found) {
          const p = owned.get(b);
          if (!p) continue;
          this.counters.bytesFromPersistent += data.byteLength;
          this.settle(f, b, p, data);
          owned.delete(b);
        }
      } catch (e) {
        this.warn('Could not read the persistent cache', e);
      }
    }
    if (generation !== f.generation) return; // cancel() has rejected them already
    for (const [b, p] of owned) {
      if (p.waiters === 0) {
        this.fail(f, b, p, cancelledError());
        owned.delete(b);
      }
    }
    await this.fetchRuns(f, owned);
  }

  private async fetchRuns(f: FileState, owned: Map<number, Pending>): Promise<void> {
    const runs = groupRuns(owned.keys(), this.maxRunBlocks);
    await Promise.all(runs.map((run) => this.fetchRun(f, run, owned)));
  }

  private async fetchRun(f: FileState, run: BlockRun, owned: Map<number, Pending>): Promise<void> {
    const task: Task = { controller: new AbortController(), run, trimmed: false };
    const signal = task.controller.signal;
    f.tasks.add(task);
    const start = run.first * this.blockSize;
    const end = Math.min((run.first + run.count) * this.blockSize, f.identity.size);
    try {
      const release = await this.semaphore.acquire(signal);
      let result: RangeReadResult;
      try {
        result = await withRetry(() => this.readOnce(f, start, end, signal), {
          maxRetries: this.maxRetries,
          baseDelayMs: this.retryBaseDelayMs,
          signal,
          onRetry: () => {
            this.counters.retries++;
          },
        });
      } finally {
        release();
      }
      this.checkIdentity(f, result);
      const blocks = this.blocksOf(f, start, result.data, false);
      for (const [b, data] of blocks) {
        const p = owned.get(b);
        if (p) this.settle(f, b, p, data);
      }
      this.persistBlocks(f, blocks);
    } catch (e) {
      let error = signal.aborted ? cancelledError() : asExplorerError(e);
      if (error.code === 'changed') error = await this.fileChanged(f, error);
      const again = new Map<number, Pending>();
      for (let b = run.first; b < run.first + run.count; b++) {
        const p = owned.get(b);
        if (!p) continue;
        if (task.trimmed && p.waiters > 0 && f.pending.get(b) === p) again.set(b, p);
        else this.fail(f, b, p, error);
      }
      if (again.size > 0) void this.fetchRuns(f, again);
    } finally {
      f.tasks.delete(task);
    }
  }

  private async readOnce(
    f: FileState,
    start: number,
    end: number,
    signal: AbortSignal,
  ): Promise<RangeReadResult> {
    this.counters.requests++;
    this.counters.inFlight++;
    this.current = `bytes ${formatBytes(start)}–${formatBytes(end)} of ${f.source.displayName}`;
    this.emitter.changed(false);
    try {
      const result = await f.source.read({ start, end }, signal);
      this.counters.bytesFetched += result.data.byteLength;
      return result;
    } finally {
      this.counters.inFlight--;
      if (this.counters.inFlight === 0) this.current = null;
      this.emitter.changed(this.counters.inFlight === 0);
    }
  }

  /** Throws 'changed' when a response describes a different file than the identity. */
  private checkIdentity(f: FileState, { seen }: RangeReadResult): void {
    const name = f.source.displayName;
    if (
      seen.size !== undefined &&
      seen.size < f.identity.size &&
      f.source.knownSize === f.identity.size
    ) {
      // The size came from the descriptor (e.g. DANDI metadata) and the server's copy is
      // shorter: a cut file, not a new version.
      throw new ExplorerError(
        'truncated',
        `${name} is ${seen.size} bytes on the server, shorter than the ${f.identity.size} expected.`,
      );
    }
    if (seen.size !== undefined && seen.size !== f.identity.size) {
      throw new ExplorerError(
        'changed',
        `${name} changed on the server (size ${f.identity.size} → ${seen.size}). Reopen it.`,
      );
    }
    if (!seen.validator) return;
    const expected = f.identity.validator ?? f.sessionValidator;
    if (expected === null) {
      if (f.fresh && !f.persistedAny) {
        // Nothing stored under the validator-less identity yet: adopt the validator, so the
        // next session can tell a changed file from this one.
        f.identity = { ...f.identity, validator: seen.validator };
        void this.persistent
          ?.rememberIdentity(f.identity)
          .catch((e: unknown) => this.warn('Could not remember the file', e));
      } else {
        f.sessionValidator = seen.validator;
      }
    } else if (expected !== seen.validator) {
      throw new ExplorerError(
        'changed',
        `${name} changed on the server (its ETag differs). Reopen it.`,
      );
    }
  }

  /** Forgets the file's stored blocks (once), stops its other requests, fails later loads. */
  private async fileChanged(f: FileState, error: ExplorerError): Promise<ExplorerError> {
    if (!f.failure) {
      f.failure = error;
      f.persist = false;
      for (const t of f.tasks) t.controller.abort();
      f.forgetting = this.persistent
        ? this.persistent
            .forget(f.identity.key)
            .catch((e: unknown) => this.warn('Could not drop old blocks', e))
        : Promise.resolve();
    }
    await f.forgetting;
    return f.failure;
  }

  /** Cuts bytes starting at `start` into blocks; `partial` keeps only whole blocks (probes). */
  private blocksOf(
    f: FileState,
    start: number,
    data: Uint8Array,
    partial: boolean,
  ): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    const bs = this.blockSize;
    const end = start + data.byteLength;
    for (let b = Math.ceil(start / bs); b * bs < end; b++) {
      const bStart = b * bs;
      const bEnd = Math.min(bStart + bs, f.identity.size);
      if (bEnd > end || bEnd <= bStart) {
        if (partial) break;
        continue;
      }
      // One block that is the whole response needs no copy; others get their own buffer so a
      // cached block never pins a large response buffer.
      const whole =
        bStart === start &&
        bEnd === end &&
        data.byteOffset === 0 &&
        data.byteLength === data.buffer.byteLength;
      out.set(b, whole ? data : data.slice(bStart - start, bEnd - start));
    }
    return out;
  }

  private settle(f: FileState, b: number, p: Pending, data: Uint8Array): void {
    if (f.pending.get(b) === p) f.pending.delete(b);
    p.resolve(data);
  }

  private fail(f: FileState, b: number, p: Pending, error: ExplorerError): void {
    if (f.pending.get(b) === p) f.pending.delete(b);
    p.reject(error);
  }

  /** Writes in the background; failures become warnings, never failed reads. */
  private persistBlocks(f: FileState, blocks: Map<number, Uint8Array>): void {
    if (!this.persistent || !f.persist || blocks.size === 0) return;
    f.persistedAny = true;
    const write = this.persistent.putBlocks(f.identity, blocks).catch((e: unknown) => {
      const error = asExplorerError(e);
      if (error.code === 'quota') {
        f.persist = false;
        this.warn(`Persistent cache is full: ${f.source.displayName} is read without it`, error);
      } else {
        this.counters.persistentWriteErrors++;
        this.warn('Could not store blocks', error);
      }
    });
    this.writes.add(write);
    void write.finally(() => this.writes.delete(write));
  }

  /** Resolves when background writes to the persistent store have finished. */
  async flushWrites(): Promise<void> {
    while (this.writes.size > 0) await Promise.allSettled([...this.writes]);
  }

  /**
   * Aborts requests whose blocks no load waits for any more. A request of which only some blocks
   * are still wanted (another call shares them) is aborted too, and those blocks are fetched
   * again on their own: a cancelled 16 MB read does not go on for one block a listing shares.
   */
  private abortUnwanted(f: FileState): void {
    for (const task of f.tasks) {
      let wanted = 0;
      for (let b = task.run.first; b < task.run.first + task.run.count; b++) {
        if ((f.pending.get(b)?.waiters ?? 0) > 0) wanted++;
      }
      if (wanted === task.run.count) continue;
      task.trimmed = wanted > 0;
      task.controller.abort();
    }
  }

  /** Aborts in-flight work for one file (or all): pending loads reject with 'cancelled'. */
  cancel(fileId?: string): void {
    for (const [id, o] of this.opening)
      if (fileId === undefined || id === fileId) o.controller.abort();
    for (const [id, f] of this.files) {
      if (fileId !== undefined && id !== fileId) continue;
      f.generation++;
      for (const t of f.tasks) t.controller.abort();
      for (const [b, p] of [...f.pending]) this.fail(f, b, p, cancelledError());
    }
  }

  close(fileId: string): void {
    this.cancel(fileId);
    this.files.delete(fileId);
    this.opening.delete(fileId);
  }

  /** The identity a file is read under now (its validator may have been learned since open). */
  identity(fileId: string): SourceIdentity | undefined {
    return this.files.get(fileId)?.identity;
  }

  stats(): BlockLoaderStats {
    const { persistentWriteErrors, ...c } = this.counters;
    return { ...c, current: this.current, warnings: [...this.warnings], persistentWriteErrors };
  }

  onStats(listener: (s: LoaderStats) => void): () => void {
    return this.emitter.subscribe(listener);
  }

  private warn(what: string, e: unknown): void {
    const message = `${what}: ${asExplorerError(e).message}`;
    this.warnings = [...this.warnings, message].slice(-MAX_WARNINGS);
    this.emitter.changed(this.counters.inFlight === 0);
  }
}
