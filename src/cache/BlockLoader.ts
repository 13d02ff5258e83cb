/**
 * The asynchronous side of the block cache: given block indices, returns their bytes from the
 * persistent store or the network.
 *
 * - Each wanted block gets one pending promise per file, so overlapping or identical concurrent
 *   loads share requests instead of repeating them.
 * - Missing blocks are grouped into runs of adjacent blocks: one Range request per run, and a
 *   long run is cut into pieces fetched at once while request slots are free (spreadRuns.ts).
 * - Requests are bounded (a semaphore) and retried on transient failures.
 * - Every response's size and validator are compared with the file's identity: blocks of a
 *   changed file are never mixed with old ones.
 * - A warm reopen (identity remembered, blocks stored) makes no request at all while it paints;
 *   a moment later one background request (the first byte: size and ETag) checks the file is
 *   still the one cached. If it changed, the old blocks are dropped, later loads fail with
 *   'changed', and the stats list the file as out of date until it is closed (the UI offers to
 *   load the new version): old and new bytes never mix.
 */
import type {
  ByteSource,
  PrimedBytes,
  RangeReadResult,
  SourceIdentity,
  TailRead,
} from '../bytes/ByteSource';
import { cancelledError, raceAbort, throwIfAborted } from '../bytes/abort';
import { withRetry } from '../bytes/retry';
import { ExplorerError, asExplorerError } from '../errors';
import { BackgroundWrites } from './backgroundWrites';
import { cutBlocks } from './cutBlocks';
import { checkIdentity } from './identityCheck';
import { LoaderMeter, type BlockLoaderStats } from './loaderMeter';
import { newPending, type Pending } from './pendingBlock';
import { withConcurrencyLimit, withMeter, withRetries, type RangeRead } from './rangeReads';
import { ReadaheadWindow } from './readahead';
import { groupRuns, type BlockRun } from './runs';
import { Semaphore } from './Semaphore';
import { spreadRuns } from './spreadRuns';
import { BLOCK_SIZE, type LoaderStats, type PersistentBlockStore } from './types';

export type { BlockLoaderStats } from './loaderMeter';

export interface BlockLoaderOptions {
  blockSize?: number;
  persistent?: PersistentBlockStore | null;
  /** Concurrent network requests, all files together. Default 6 (a browser's HTTP/1.1 limit per host). */
  maxInFlight?: number;
  maxRetries?: number;
  retryBaseDelayMs?: number;
  /** Wait after a warm open before its one revalidation request. Default 1500 ms; <0: never. */
  revalidateAfterMs?: number;
  /** Read-ahead after a random jump, in blocks. Default 0. */
  initialReadaheadBlocks?: number;
  /** Largest read-ahead window. Default 4 MiB. */
  maxReadaheadBytes?: number;
  /** Largest single request; longer runs are split. Default 16 MiB. */
  maxRequestBytes?: number;
  /**
   * Least piece when a long run is cut to fill free request slots (spreadRuns.ts). Default
   * 256 KiB: below it, a piece's transfer time saved is smaller than the cost of a request.
   * Infinity: never cut.
   */
  minPieceBytes?: number;
  /** Least time between stats notifications. Default 100 ms. */
  statsIntervalMs?: number;
}

interface Task {
  controller: AbortController;
  run: BlockRun;
  /** Aborted because some of its blocks are no longer wanted: the wanted rest is fetched again. */
  trimmed: boolean;
}

/** What to read while opening a file, beside its size probe. */
export interface OpenOptions {
  /**
   * Bytes at the end of the file (from a block boundary) read in the probe's round: HDF5 files
   * keep the root's metadata there. Only where the size is not known yet (a known size leaves
   * the reader to ask for the tail with the head, in one round anyway).
   */
  tailBytes?: number;
}

interface Opening {
  source: ByteSource;
  promise: Promise<SourceIdentity>;
  controller: AbortController;
  waiters: number;
}

interface FileState {
  source: ByteSource;
  /** The source's reads through the request stack (limit, retries, counting). */
  read: RangeRead;
  identity: SourceIdentity;
  /** Identity came from identify() just now, not from the store: its validator may be filled in. */
  fresh: boolean;
  /** Validator first seen in this session when the identity has none. */
  sessionValidator: string | null;
  blockCount: number;
  pending: Map<number, Pending>;
  tasks: Set<Task>;
  /** Blocks from identify()'s probe (and its tail, once it arrives), handed out once. */
  primed: Map<number, Uint8Array>;
  /** Aborts the opening's tail read while it is in flight. */
  cancelTail: (() => void) | null;
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

export class BlockLoader {
  readonly blockSize: number;
  /** Network requests run at once, all files together (readers plan bursts around it). */
  readonly maxInFlight: number;
  private readonly persistent: PersistentBlockStore | null;
  private readonly maxRetries: number | undefined;
  private readonly retryBaseDelayMs: number | undefined;
  private readonly initialReadahead: number;
  private readonly maxReadahead: number;
  private readonly maxRunBlocks: number;
  private readonly minPieceBlocks: number;
  private readonly revalidateAfterMs: number;
  /**
   * Sources whose identity this loader saw the server confirm (a fresh open or a revalidation):
   * opening one again in the same page life is not a return visit and needs no new check. (The
   * reading worker reads a LINDI file's head, then the Zarr host opens it again.)
   */
  private readonly confirmed = new Set<string>();
  private readonly semaphore: Semaphore;
  private readonly files = new Map<string, FileState>();
  private readonly opening = new Map<string, Opening>();
  private readonly writes = new BackgroundWrites();
  private readonly meter: LoaderMeter;
  private readonly counters: LoaderMeter['counters'];

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
    this.minPieceBlocks = (opts.minPieceBytes ?? 256 * 1024) / this.blockSize;
    this.revalidateAfterMs = opts.revalidateAfterMs ?? 1500;
    this.maxInFlight = opts.maxInFlight ?? 6;
    this.semaphore = new Semaphore(this.maxInFlight);
    this.meter = new LoaderMeter(opts.statsIntervalMs ?? 100);
    this.counters = this.meter.counters;
  }

  /** The request stack every network read of a file goes through. */
  private requestStack(source: ByteSource): RangeRead {
    const retry = {
      maxRetries: this.maxRetries,
      baseDelayMs: this.retryBaseDelayMs,
      onRetry: () => void this.counters.retries++,
    };
    const read: RangeRead = (range, signal) => source.read(range, signal);
    return withConcurrencyLimit(
      withRetries(withMeter(read, this.meter, source.displayName), retry),
      this.semaphore,
    );
  }

  /**
   * Learns the file's identity. Warm path: the persistent store remembers one for this key, so
   * no request is made (a size known in advance that disagrees with it forgets the old file).
   */
  open(
    fileId: string,
    source: ByteSource,
    signal?: AbortSignal,
    options?: OpenOptions,
  ): Promise<SourceIdentity> {
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
        options?.tailBytes ?? 0,
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
    tailBytes: number,
  ): Promise<SourceIdentity> {
    let identity = await this.rememberedIdentity(source);
    const primed: PrimedBytes[] = [];
    let tailRead: TailRead | null = null;
    const fresh = !identity;
    const tail = (size: number) => {
      if (tailBytes <= 0) return null;
      const start = Math.max(0, Math.floor((size - tailBytes) / this.blockSize)) * this.blockSize;
      return { start, end: size };
    };
    if (!identity) {
      identity = await withRetry(() => source.identify(signal, { tail }), {
        maxRetries: this.maxRetries,
        baseDelayMs: this.retryBaseDelayMs,
        signal,
        onRetry: () => {
          this.counters.retries++;
          this.counters.requests++;
        },
      });
      const head = source.takePrimed?.();
      if (head) {
        primed.push(head);
        this.meter.probed(head.data.byteLength);
      }
      tailRead = source.takeTailRead?.() ?? null;
      if (this.persistent) {
        await this.persistent
          .rememberIdentity(identity)
          .catch((e: unknown) => this.warn('Could not remember the file', e));
      }
    }
    if (signal.aborted) tailRead?.cancel();
    throwIfAborted(signal);
    const state: FileState = {
      source,
      read: this.requestStack(source),
      identity,
      fresh,
      sessionValidator: null,
      blockCount: Math.ceil(identity.size / this.blockSize),
      pending: new Map(),
      tasks: new Set(),
      primed: new Map(),
      cancelTail: null,
      readahead: new ReadaheadWindow(this.initialReadahead, this.maxReadahead),
      generation: 0,
      failure: null,
      forgetting: null,
      persist: true,
      persistedAny: false,
    };
    this.files.set(fileId, state);
    for (const bytes of primed) {
      const blocks = cutBlocks(bytes.start, bytes.data, this.blockSize, identity.size);
      for (const [b, data] of blocks) state.primed.set(b, data);
      this.persistBlocks(state, blocks);
    }
    if (tailRead) this.awaitTail(state, tailRead);
    this.meter.changed();
    if (fresh) this.confirmed.add(source.key);
    const checked = this.confirmed.has(source.key);
    if (!checked && identity.size > 0 && this.revalidateAfterMs >= 0) {
      setTimeout(() => void this.revalidate(fileId, state), this.revalidateAfterMs);
    }
    return identity;
  }

  /**
   * The opening's tail read, still in flight when the file opens (the reader starts on the
   * probe's bytes): its blocks are pending until it answers, so a load that needs one waits for
   * it instead of asking again. Blocks nobody waits for yet are kept as primed ones. A failed
   * tail leaves the blocks that are waited for to an ordinary fetch, and drops the others.
   */
  private awaitTail(f: FileState, read: TailRead): void {
    const owned = new Map<number, Pending>();
    const first = Math.ceil(read.range.start / this.blockSize);
    for (let b = first; b * this.blockSize < read.range.end && b < f.blockCount; b++) {
      if (f.pending.has(b) || f.primed.has(b)) continue;
      const p = newPending();
      f.pending.set(b, p);
      owned.set(b, p);
    }
    f.cancelTail = read.cancel;
    const current = (b: number, p: Pending) => f.pending.get(b) === p; // not cancelled since
    void read.bytes.then((tail) => {
      f.cancelTail = null;
      const blocks = tail
        ? cutBlocks(tail.start, tail.data, this.blockSize, f.identity.size)
        : new Map<number, Uint8Array>();
      if (tail) {
        this.meter.probed(tail.data.byteLength);
        this.persistBlocks(f, blocks);
      }
      const unanswered = new Map<number, Pending>();
      for (const [b, p] of owned) {
        if (!current(b, p)) continue;
        const data = blocks.get(b);
        if (data && p.waiters > 0) this.settle(f, b, p, data);
        else if (data) {
          f.primed.set(b, data);
          this.settle(f, b, p, data);
        } else if (p.waiters > 0) unanswered.set(b, p);
        else this.fail(f, b, p, cancelledError());
      }
      if (unanswered.size > 0) void this.fetchRuns(f, unanswered, this.semaphore.free);
      this.meter.changed();
    });
  }

  /**
   * One request for the first byte of a file opened from the cache: its size and validator say
   * whether the server still has the file the blocks were cached from. A failure to reach the
   * server (offline) leaves the cached copy in use, silently.
   */
  private async revalidate(fileId: string, f: FileState): Promise<void> {
    if (this.files.get(fileId) !== f || f.failure) return;
    const task: Task = {
      controller: new AbortController(),
      run: { first: 0, count: 1 },
      trimmed: false,
    };
    f.tasks.add(task);
    try {
      const result = await f.read({ start: 0, end: 1 }, task.controller.signal);
      this.checkIdentity(f, result);
      this.confirmed.add(f.source.key);
    } catch (e) {
      const error = asExplorerError(e);
      if (error.code === 'changed' || error.code === 'truncated') {
        await this.fileChanged(f, new ExplorerError('changed', error.message));
        // Said until the file is closed: reopening it (the app's "Load the new version") reads
        // the new version under a new identity, as the old blocks are gone.
        if (this.files.get(fileId) === f) {
          this.meter.markOutOfDate(fileId, {
            name: f.source.displayName,
            detail: error.message.replace(/\s*Reopen it\.$/, ''),
          });
        }
      }
    } finally {
      f.tasks.delete(task);
    }
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

  /**
   * Returns at least the requested blocks (and maybe read-ahead blocks after them). `planned`:
   * the caller cut its burst into pieces itself (one per request slot), so this piece's run is
   * not cut again.
   */
  async load(
    fileId: string,
    blocks: number[],
    signal?: AbortSignal,
    { planned = false }: { planned?: boolean } = {},
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
    if (owned.size > 0) void this.runJob(f, owned, planned ? 1 : null);

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
  /** `slots`: how many requests the runs may be cut into; null: as many as are free then. */
  private async runJob(
    f: FileState,
    owned: Map<number, Pending>,
    slots: number | null,
  ): Promise<void> {
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
    await this.fetchRuns(f, owned, slots ?? this.semaphore.free);
  }

  private async fetchRuns(f: FileState, owned: Map<number, Pending>, slots: number): Promise<void> {
    // Free slots, not maxInFlight: loads that arrive together are not cut into more requests
    // than can run at once.
    const runs = spreadRuns(groupRuns(owned.keys(), this.maxRunBlocks), slots, this.minPieceBlocks);
    await Promise.all(runs.map((run) => this.fetchRun(f, run, owned)));
  }

  private async fetchRun(f: FileState, run: BlockRun, owned: Map<number, Pending>): Promise<void> {
    const task: Task = { controller: new AbortController(), run, trimmed: false };
    const signal = task.controller.signal;
    f.tasks.add(task);
    const start = run.first * this.blockSize;
    const end = Math.min((run.first + run.count) * this.blockSize, f.identity.size);
    try {
      const result = await f.read({ start, end }, signal);
      this.checkIdentity(f, result);
      const blocks = cutBlocks(start, result.data, this.blockSize, f.identity.size);
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
      if (again.size > 0) void this.fetchRuns(f, again, 1);
    } finally {
      f.tasks.delete(task);
    }
  }

  /** Throws 'changed' when a response describes a different file than the identity. */
  private checkIdentity(f: FileState, { seen }: RangeReadResult): void {
    const outcome = checkIdentity(
      {
        identity: f.identity,
        knownSize: f.source.knownSize,
        sessionValidator: f.sessionValidator,
        mayAdoptValidator: f.fresh && !f.persistedAny,
        displayName: f.source.displayName,
      },
      seen,
    );
    if (outcome.kind === 'adopt') {
      f.identity = outcome.identity;
      void this.persistent
        ?.rememberIdentity(f.identity)
        .catch((e: unknown) => this.warn('Could not remember the file', e));
    } else if (outcome.kind === 'session') {
      f.sessionValidator = outcome.validator;
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
  }

  /** Resolves when background writes to the persistent store have finished. */
  flushWrites(): Promise<void> {
    return this.writes.flush();
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
      f.cancelTail?.();
      for (const t of f.tasks) t.controller.abort();
      for (const [b, p] of [...f.pending]) this.fail(f, b, p, cancelledError());
    }
  }

  close(fileId: string): void {
    this.cancel(fileId);
    this.files.delete(fileId);
    this.opening.delete(fileId);
    this.meter.closed(fileId);
  }

  /** The identity a file is read under now; undefined when it is not open or found changed. */
  identityOf(fileId: string): SourceIdentity | undefined {
    const f = this.files.get(fileId);
    return f && !f.failure ? f.identity : undefined;
  }

  stats(): BlockLoaderStats {
    return this.meter.stats();
  }

  onStats(listener: (s: LoaderStats) => void): () => void {
    return this.meter.onStats(listener);
  }

  private warn(what: string, e: unknown): void {
    this.meter.warn(what, e);
  }
}
