/**
 * Main-thread side of the workers: starts them, picks the bridge mode, and hands the UI a
 * DataReader per open file. The only module the UI imports from src/workers.
 */
import { familyDisplayName } from '../bytes/family/memberNames';
import { proxy, type Remote } from 'comlink';
import type { OpenSource, SourceDescriptor } from '../bytes/ByteSource';
import type { LoaderStats } from '../cache/types';
import { ExplorerError, asExplorerError } from '../errors';
import { urlFileName } from '../common/urlFileName';
import type { DataReader, FileSummary, ReadOptions } from '../reader/contract';
import { readerMethods, splitOptions, type ReaderMethod } from '../reader/methods';
import { withAnswerRecording, withKeptAnswers, type KeptAnswers } from '../reader/storedAnswers';
import type { BridgeMode, ClientStats, ExplorerClient, OpenedFile } from './ExplorerClient';
import { mark, markSpan } from '../perf/marks';
import type { ReaderHostApi } from './readerHost';
import { packCallArgs } from './servedCalls';
import {
  startWorkerSession,
  type AdoptedWorker,
  type WorkerName,
  type WorkerSession,
} from './workerSession';
import { EARLY_OPEN_ID } from './earlyOpen';
import { likelyFormat } from '../zarr/detect';
import type { ZarrHostApi } from './zarrHost';
import type { KeptFound } from './answerBook';
import { readKeptAnswersOnPage } from './pageKeptAnswers';

const EMPTY_STATS: LoaderStats = {
  requests: 0,
  bytesFetched: 0,
  bytesFromPersistent: 0,
  retries: 0,
  inFlight: 0,
  current: null,
};

export function canUseSharedMemory(): boolean {
  return (
    typeof SharedArrayBuffer !== 'undefined' &&
    typeof crossOriginIsolated !== 'undefined' &&
    crossOriginIsolated
  );
}

export function displayNameOf(source: OpenSource): string {
  if (source.kind === 'folder') return source.name;
  if (source.kind === 'url') return urlFileName(source.url);
  if (source.kind === 'family') return familyDisplayName(source.pattern);
  return source.file.name ?? 'local file';
}

/** More deaths than this within RESTART_WINDOW_MS: the workers are left stopped (no crash loop). */
const MAX_RESTARTS = 3;
const RESTART_WINDOW_MS = 60_000;

/** What is needed to open a file again in a new session, under the same id. */
type OpenRecord = {
  displayName: string;
  /** Set when reopening after a restart failed: calls on the file say why. */
  lost?: ExplorerError;
} & (
  | { on: 'hdf5'; source: SourceDescriptor }
  /** On the Zarr host, as a store or a LINDI file. */
  | { on: 'zarr' | 'lindi'; source: OpenSource }
);

export interface ExplorerClientOptions {
  forceBridge?: BridgeMode;
  /**
   * The attributes the tree projects on its listings: on a first visit the root's listing with
   * these is read from the opening blocks and answers before h5wasm is ready (LoaderApi
   * firstListing). Given by the app, which knows what the tree asks; none: not read early.
   */
  firstListingAttrs?: readonly string[];
  /** Workers already started for the first session (SessionHooks.adoptWorker). */
  adoptWorker?: (name: WorkerName) => AdoptedWorker | null;
}

export function createExplorerClient(options?: ExplorerClientOptions): ExplorerClient {
  const bridge: BridgeMode =
    options?.forceBridge === 'retry-on-miss' || !canUseSharedMemory()
      ? 'retry-on-miss'
      : 'shared-memory';

  let latest: ClientStats = { ...EMPTY_STATS, bytesFromMemory: 0, bridge };
  const listeners = new Set<(stats: ClientStats) => void>();
  const emit = () => listeners.forEach((listener) => listener(latest));
  /** Counters of the sessions that died, so the totals never go back after a restart. */
  let carried: LoaderStats = EMPTY_STATS;
  /** Said by the client itself (a restart), shown with the loader's warnings. */
  const notices: string[] = [];
  const onStats = (owner: () => WorkerSession) => (stats: LoaderStats) => {
    if (owner() !== session) return;
    latest = {
      ...latest,
      ...stats,
      requests: carried.requests + stats.requests,
      bytesFetched: carried.bytesFetched + stats.bytesFetched,
      bytesFromPersistent: carried.bytesFromPersistent + stats.bytesFromPersistent,
      retries: carried.retries + stats.retries,
      warnings: [...(stats.warnings ?? []), ...notices],
    };
    emit();
  };

  const openFiles = new Map<string, OpenRecord>();
  const deaths: number[] = [];
  /** Set when the workers died too often to restart again. */
  let givenUp: ExplorerError | null = null;

  /** Only the first session takes workers already started: a restart needs new ones. */
  let adoptWorker = options?.adoptWorker;
  const start = (): WorkerSession => {
    const started: WorkerSession = startWorkerSession(bridge, {
      onStats: onStats(() => started),
      onDeath: (reason) => restartAfter(started, reason),
      adoptWorker,
    });
    adoptWorker = undefined;
    return started;
  };

  /**
   * A dead session is replaced at once: calls made from now on wait for the new workers and for
   * the open files to be reopened there (their blocks come back from the persistent cache). Calls
   * that were running in the dead one fail with the reason, and the user is told in the status bar.
   */
  const restartAfter = (dead: WorkerSession, reason: ExplorerError) => {
    if (dead !== session) return;
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && deaths[0] < now - RESTART_WINDOW_MS) deaths.shift();
    carried = {
      ...carried,
      requests: latest.requests,
      bytesFetched: latest.bytesFetched,
      bytesFromPersistent: latest.bytesFromPersistent,
      retries: latest.retries,
    };
    if (deaths.length > MAX_RESTARTS) {
      givenUp = new ExplorerError(
        'internal',
        `${reason.message} It stopped ${deaths.length} times in a minute, so it was not ` +
          'restarted again. Reload the page to go on.',
      );
      notices.push(givenUp.message);
      latest = { ...latest, inFlight: 0, current: null, warnings: [...notices] };
      emit();
      return;
    }
    const names = [...openFiles.values()].map((f) => f.displayName);
    notices.push(
      `${reason.message} It was restarted${names.length ? ` and ${names.join(', ')} reopened from the cache` : ''}.`,
    );
    latest = { ...latest, inFlight: 0, current: null, warnings: [...notices] };
    emit();
    const next = start();
    session = next;
    next.ready = next.ready.then(() => reopenAll(next));
  };

  /** Opens every open file again, under its id, in a new session. */
  const reopenAll = async (next: WorkerSession) => {
    await Promise.all(
      [...openFiles].map(async ([fileId, record]) => {
        const callId = ++callCounter;
        try {
          if (record.on === 'hdf5') {
            void next.loader.prepare(fileId, record.source).catch(() => {});
            await Promise.race([
              next.host.open(fileId, callId, record.source, record.displayName),
              next.death,
            ]);
          } else {
            await Promise.race([
              next.zarr.open(fileId, callId, record.source, record.on),
              next.death,
            ]);
          }
          record.lost = undefined;
        } catch (error) {
          record.lost = asExplorerError(error);
        }
      }),
    );
  };

  let session = start();

  /**
   * The one place where worker failures become checked ExplorerErrors. A call that is given a
   * signal rejects with 'cancelled' as soon as it aborts, and the worker is told to stop it.
   */
  const call = async <T>(
    work: (session: WorkerSession, callId: number) => Promise<T>,
    signal?: AbortSignal,
    fileId?: string,
  ): Promise<T> => {
    if (givenUp) throw givenUp;
    if (signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.');
    const current = session;
    const callId = ++callCounter;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        abortCall(current, callId);
        reject(new ExplorerError('cancelled', 'Cancelled.'));
      };
    });
    aborted.catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const run = current.ready.then(() => {
        const lost = fileId ? openFiles.get(fileId)?.lost : undefined;
        if (lost) throw lost;
        return work(current, callId);
      });
      return await Promise.race([run, current.death, aborted]);
    } catch (error) {
      const e = asExplorerError(error);
      if (current.deathReason && e === current.deathReason) {
        // This call was running when the worker died: it may be what killed it, so it is not
        // run again by itself; a retry goes to the new workers.
        throw new ExplorerError(
          'internal',
          `${e.message} The reading workers were restarted; retry to read again.`,
        );
      }
      throw e;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      void refreshMemoryStats();
    }
  };
  let callCounter = 0;
  // Shared-memory mode: the reading worker may be blocked waiting for this call's blocks, so the
  // fetcher (which loads them) hears the abort first and wakes it; the reading worker drops a
  // call that had not started. Retry mode: the reading worker loads its own blocks.
  const abortCall = (owner: WorkerSession, callId: number) => {
    void owner.ready
      .then(() =>
        Promise.all([
          owner.fetcher?.abortCall(callId),
          owner.host.abortCall(callId),
          owner.zarr.abortCall(callId),
        ]),
      )
      .catch(() => {});
  };
  // Many calls finish in a burst (a tree level, a table's columns): one stats query at a time.
  let memoryStatsPending = false;
  const refreshMemoryStats = async () => {
    if (session.deathReason || memoryStatsPending) return;
    memoryStatsPending = true;
    try {
      const { bytesFromMemory } = await session.host.memoryStats();
      if (bytesFromMemory !== latest.bytesFromMemory) {
        latest = { ...latest, bytesFromMemory };
        emit();
      }
    } catch {
      // A worker that died is reported by the call itself.
    } finally {
      memoryStatsPending = false;
    }
  };

  let counter = 0;
  const newFileId = () => `f${++counter}-${Date.now().toString(36)}`;
  const startLoading = (fileId: string, source: SourceDescriptor) => {
    mark('open-asked');
    void session.loader.prepare(fileId, source).catch(() => {});
  };
  /** The file prepare() started on, until an open() takes it over or drops it. */
  let prepared: {
    fileId: string;
    source: string;
    session: WorkerSession;
    /** The kept answers the page read itself (pageKeptAnswers.ts). */
    kept: Promise<KeptFound | null>;
  } | null = null;
  const prepare = async (source: OpenSource): Promise<boolean> => {
    // Only what is likely HDF5: a Zarr store or LINDI JSON is read by the Zarr host, not the loader.
    if (source.kind !== 'url' || likelyFormat(source) !== 'hdf5') return false;
    // Started by the fetcher worker itself (an early-opened link): taken over. Asked for again,
    // which does nothing if the worker did start it, and starts it if it did not.
    if (prepared?.session === session && prepared.source === JSON.stringify(source)) {
      startLoading(prepared.fileId, source);
      return (await prepared.kept) !== null;
    }
    dropPrepared();
    const kept = readKeptAnswersOnPage(source).catch(() => null);
    prepared = { fileId: newFileId(), source: JSON.stringify(source), session, kept };
    startLoading(prepared.fileId, source);
    return (await kept) !== null;
  };
  const dropPrepared = () => {
    if (prepared) void prepared.session.loader.close(prepared.fileId).catch(() => {});
    prepared = null;
  };
  /** The prepared file when `source` is what was prepared (a URL source is plain data). */
  const takePrepared = (source: OpenSource) => {
    const same =
      source.kind === 'url' &&
      prepared?.source === JSON.stringify(source) &&
      prepared.session === session;
    const taken = same ? prepared : null;
    if (same) prepared = null;
    else dropPrepared();
    return taken;
  };

  // A link's file the adopted fetcher worker started on by itself (earlyOpen.ts): held as if
  // prepare() had started it, so the app's prepare or open of the same source takes it over, and
  // any other closes it.
  if (session.earlyOpened) {
    const source: SourceDescriptor = { kind: 'url', url: session.earlyOpened };
    prepared = {
      fileId: EARLY_OPEN_ID,
      source: JSON.stringify(source),
      session,
      kept: readKeptAnswersOnPage(source).catch(() => null),
    };
  }

  /**
   * Opens by content: the reading worker reads the source as one file and names its format. HDF5
   * opens there; a Zarr store or a LINDI file then opens on the Zarr host beside the block loader
   * (the fetcher worker in shared-memory mode). A dropped folder can only be a store.
   */
  const open = async (source: OpenSource, openOptions?: ReadOptions): Promise<OpenedFile> => {
    const signal = openOptions?.signal;
    if (source.kind === 'folder') {
      dropPrepared();
      return openOnZarrHost(newFileId(), source, 'zarr', signal);
    }
    // A name that says "store" (`.zarr`, a trailing slash) is tried as one first, so a consolidated
    // store opens from its one `.zmetadata` request; the bytes still decide, as below.
    if (likelyFormat(source) === 'zarr') {
      dropPrepared();
      try {
        return await openOnZarrHost(`${newFileId()}z`, source, 'zarr', signal);
      } catch (error) {
        if (!['not-hdf5', 'not-found'].includes(asExplorerError(error).code)) throw error;
      }
    }
    const displayName = displayNameOf(source);
    // The loader starts on the file now (unless prepare() did); the reader's open below waits
    // for h5wasm.
    const early = takePrepared(source);
    const fileId = early?.fileId ?? newFileId();
    // Again for a prepared file: nothing more to do then (the loader prepares a file once), but an
    // early-opened file the page did not prepare is then sure to be started.
    startLoading(fileId, source);
    const opening = markSpan('hdf5-open', () =>
      call(
        (s, callId) =>
          s.host.open(fileId, callId, source, displayName) as Promise<
            FileSummary | { openOn: 'zarr' | 'lindi' }
          >,
        signal,
      ),
    );
    // A return visit: answers kept for this very version of the file paint the first screens
    // while h5wasm loads (the loader knows the version from IndexedDB, no h5wasm needed). The
    // page's own read of them, when it made one, comes first; the loader's confirms it.
    const loaderFound = orDeath(
      session.loader.keptSummary(fileId) as Promise<KeptFound | null>,
    ).catch(() => null);
    const pageFound = early?.kept ?? Promise.resolve(null);
    // A first visit (nothing kept): the root's listing read from the opening blocks, when the
    // loader's parser can (it declines whatever it does not fully know, and answers null when
    // answers were kept). Asked now, beside the kept answers, so it is ready when they are not.
    const attrs = options?.firstListingAttrs;
    const parsed: Promise<KeptFound | null> = attrs
      ? orDeath(session.loader.firstListing(fileId, [...attrs]))
          .then((listing) =>
            listing
              ? {
                  summary: { format: 'hdf5' as const, name: displayName, size: listing.size },
                  version: '',
                  entries: listing.entries,
                }
              : null,
          )
          .catch(() => null)
      : Promise.resolve(null);
    let firstFromBlocks: [string, unknown][] | null = null;
    const found = pageFound
      .then((k) => k ?? loaderFound)
      .then(async (k) => {
        if (k) return k;
        const listing = await parsed;
        firstFromBlocks = listing?.entries ?? null;
        return listing;
      });
    type First =
      | FileSummary
      | { openOn: 'zarr' | 'lindi' }
      | { kept: FileSummary; entries: [string, unknown][] };
    const first: First = await Promise.race<First>([
      opening,
      found.then((k): Promise<First> | First =>
        k ? { kept: k.summary, entries: k.entries } : opening,
      ),
    ]);
    const kept = keptAnswersOf(fileId, 'kept' in first ? first.entries : []);
    // The loader reads the file under another version than the page found (or none): the page's
    // answers are not this file's.
    void pageFound.then(async (page) => {
      if (page && (await loaderFound)?.version !== page.version) kept.stop();
    });
    if ('kept' in first) {
      mark('kept-answers-open');
      openFiles.set(fileId, { source, displayName, on: 'hdf5' });
      const fromBlocks = firstFromBlocks;
      const real = opening.then((opened) => {
        if ('openOn' in opened) {
          throw new ExplorerError('internal', `${displayName} is no longer an HDF5 file.`);
        }
        // A first visit: the answer read from the blocks is the reader's own answer (the parser
        // declines what it cannot match), kept for the next visit with the real summary.
        if (fromBlocks) kept.keep(fromBlocks, opened);
        return withAnswerRecording(remoteReader(fileId, opened), kept);
      });
      real.catch(() => {
        openFiles.delete(fileId);
        void session.loader.close(fileId).catch(() => {});
      });
      return { id: fileId, summary: first.kept, reader: withKeptAnswers(real, kept, first.kept) };
    }
    const opened = first;
    if ('openOn' in opened) {
      void session.loader.close(fileId).catch(() => {});
      return openOnZarrHost(`${fileId}z`, source, opened.openOn, signal);
    }
    openFiles.set(fileId, { source, displayName, on: 'hdf5' });
    kept.keep([], opened);
    const reader = withAnswerRecording(remoteReader(fileId, opened), kept);
    return { id: fileId, summary: opened, reader };
  };

  const orDeath = <T>(work: Promise<T>): Promise<T> => Promise.race([work, session.death]);

  /**
   * The answers the loader keeps for an HDF5 file across visits (reader/storedAnswers.ts),
   * answered here from the copy the loader handed over with
   * keptSummary (no worker round trip per call), and no longer once the loader says the file
   * changed on the server (its out-of-date list names the file).
   */
  const keptAnswersOf = (
    fileId: string,
    found: [string, unknown][],
  ): KeptAnswers & {
    keep(entries: [string, unknown][], summary?: FileSummary): void;
    /** No more answers from these (the loader reads another version). */
    stop(): void;
  } => {
    const answers = new Map(found);
    const answerNow = (key: string) => {
      const changed = latest.outOfDate?.some((f) => f.fileId === fileId);
      return !changed && answers.has(key) ? { value: answers.get(key) } : undefined;
    };
    return {
      stop: () => answers.clear(),
      answerNow,
      answer: async (key) => answerNow(key),
      keep: (entries: [string, unknown][], summary?: FileSummary) =>
        void session.loader.keepAnswers(fileId, entries, summary).catch(() => {}),
    };
  };

  const openOnZarrHost = async (
    fileId: string,
    source: OpenSource,
    format: 'zarr' | 'lindi',
    signal?: AbortSignal,
  ): Promise<OpenedFile> => {
    const summary = await call((s, callId) => s.zarr.open(fileId, callId, source, format), signal);
    openFiles.set(fileId, { source, displayName: displayNameOf(source), on: format });
    return { id: fileId, summary, reader: remoteReader(fileId, summary) };
  };

  /**
   * The client's DataReader: every reading method forwarded, from the one method list, to
   * whichever session is current (a restart reopens the file under the same id).
   */
  const remoteReader = (fileId: string, summary: FileSummary): DataReader => {
    const serverOf = (s: WorkerSession): Remote<ReaderHostApi> | Remote<ZarrHostApi> =>
      openFiles.get(fileId)?.on === 'hdf5' ? s.host : s.zarr;
    const forward =
      (method: ReaderMethod) =>
      (...args: unknown[]) => {
        const { positional, options } = splitOptions(method, args);
        // An AbortSignal cannot cross to a worker: it stays here and aborts the call by its id.
        const { signal, ...rest } = options ?? {};
        // Callbacks (an envelope's progress) cross as comlink proxies, each a top-level argument.
        const wire = packCallArgs(positional, options ? rest : undefined, (fn) => proxy(fn));
        return call(
          (s, callId) => {
            const served = serverOf(s)[method] as unknown as (
              ...wire: unknown[]
            ) => Promise<unknown>;
            return served(fileId, callId, ...wire);
          },
          signal,
          fileId,
        );
      };
    const methods = Object.fromEntries(readerMethods.map((m) => [m, forward(m)]));
    return {
      ...(methods as Pick<DataReader, ReaderMethod>),
      summary: async () => summary,
      close: () => {
        const onHost = openFiles.get(fileId)?.on === 'hdf5';
        openFiles.delete(fileId);
        return call(async (s) => {
          await (onHost ? s.host : s.zarr).closeFile(fileId);
          if (onHost && s.fetcher) await s.loader.close(fileId);
        });
      },
    };
  };

  return {
    bridge,
    open,
    prepare,
    stats: () => latest,
    subscribeStats(listener) {
      listeners.add(listener);
      listener(latest);
      return () => listeners.delete(listener);
    },
    cancel: (fileId) =>
      void session.ready.then(() => session.loader.cancel(fileId)).catch(() => {}),
    // Blocks live with the loader; finished envelopes with the reading worker: both go.
    clearPersistentCache: () =>
      call(async (s) => {
        await Promise.all([s.loader.clearPersistentCache(), s.host.clearEnvelopes()]);
      }),
    dispose() {
      session.terminate();
      listeners.clear();
    },
  };
}
