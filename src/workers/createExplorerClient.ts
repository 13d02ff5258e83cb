/**
 * Main-thread side of the workers: starts them, picks the bridge mode, and hands the UI a
 * DataReader per open file. The only module the UI imports from src/workers.
 */
import { familyDisplayName } from '../bytes/family/memberNames';
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { OpenSource, SourceDescriptor } from '../bytes/ByteSource';
import type { LoaderStats } from '../cache/types';
import { ExplorerError, asExplorerError } from '../errors';
import { createSharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { urlFileName } from '../common/urlFileName';
import type { DataReader, FileSummary, ReadOptions } from '../reader/contract';
import { readerMethods, splitOptions, type ReaderMethod } from '../reader/methods';
import type { BridgeMode, ClientStats, ExplorerClient, OpenedFile } from './ExplorerClient';
import type { FetcherWorkerApi } from './fetcherWorkerMain';
import type { LoaderApi } from './loaderService';
import { mark, markSpan } from '../perf/marks';
import type { ReaderHostApi } from './readerHost';
import { likelyFormat } from '../zarr/detect';
import type { ZarrHostApi } from './zarrHost';

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

export function createExplorerClient(options?: { forceBridge?: BridgeMode }): ExplorerClient {
  const bridge: BridgeMode =
    options?.forceBridge === 'retry-on-miss' || !canUseSharedMemory()
      ? 'retry-on-miss'
      : 'shared-memory';

  const readerWorker = new Worker(new URL('./reader.worker.ts', import.meta.url), {
    type: 'module',
    name: 'reader',
  });
  const host = wrap<ReaderHostApi & { zarr: ZarrHostApi }>(readerWorker);
  const workers: Worker[] = [readerWorker];
  let loader: Remote<LoaderApi> = host;
  let fetcher: Remote<FetcherWorkerApi> | null = null;

  // A worker that dies must not leave calls hanging: every call races against this.
  let deathReason: ExplorerError | null = null;
  let rejectOnDeath: (error: ExplorerError) => void = () => {};
  const death = new Promise<never>((_, reject) => {
    rejectOnDeath = reject;
  });
  death.catch(() => {});
  const onWorkerError = (event: ErrorEvent | MessageEvent) => {
    const detail = 'message' in event && typeof event.message === 'string' ? event.message : '';
    deathReason = new ExplorerError(
      'internal',
      `A reading worker stopped${detail ? `: ${detail}` : ''}. Reload the page to go on.`,
    );
    rejectOnDeath(deathReason);
  };

  const ready = (async () => {
    mark('client-start');
    let initialised: Promise<void>;
    if (bridge === 'shared-memory') {
      const fetcherWorker = new Worker(new URL('./fetcher.worker.ts', import.meta.url), {
        type: 'module',
        name: 'fetcher',
      });
      workers.push(fetcherWorker);
      const remoteFetcher = wrap<FetcherWorkerApi>(fetcherWorker);
      fetcher = remoteFetcher;
      loader = remoteFetcher;
      const buffers = createSharedBuffers();
      const channel = new MessageChannel();
      // comlink transfers only what is marked on a top-level argument: mark the whole config.
      await remoteFetcher.attach(transfer(channel.port1, [channel.port1]), buffers);
      initialised = host.init(
        transfer({ mode: 'shared-memory', buffers, port: channel.port2 }, [channel.port2]),
      );
    } else {
      // The reading worker sets its loader up before it awaits h5wasm: stats can subscribe now.
      initialised = host.init({ mode: 'retry-on-miss' });
    }
    // Subscribed before h5wasm is ready: the loader starts on a file meanwhile (prepare).
    await loader.subscribeStats(
      proxy((stats: LoaderStats) => {
        latest = { ...latest, ...stats };
        emit();
      }),
    );
    await initialised;
    mark('client-ready');
  })();
  for (const worker of workers) {
    worker.addEventListener('error', onWorkerError);
    worker.addEventListener('messageerror', onWorkerError);
  }

  let latest: ClientStats = { ...EMPTY_STATS, bytesFromMemory: 0, bridge };
  const listeners = new Set<(stats: ClientStats) => void>();
  const emit = () => listeners.forEach((listener) => listener(latest));

  /**
   * The one place where worker failures become checked ExplorerErrors. A call that is given a
   * signal rejects with 'cancelled' as soon as it aborts, and the worker is told to stop it.
   */
  const call = async <T>(
    work: (callId: number) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> => {
    if (deathReason) throw deathReason;
    if (signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.');
    const callId = ++callCounter;
    let onAbort = () => {};
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        abortCall(callId);
        reject(new ExplorerError('cancelled', 'Cancelled.'));
      };
    });
    aborted.catch(() => {});
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await Promise.race([ready.then(() => work(callId)), death, aborted]);
    } catch (error) {
      throw asExplorerError(error);
    } finally {
      signal?.removeEventListener('abort', onAbort);
      void refreshMemoryStats();
    }
  };
  let callCounter = 0;
  // Shared-memory mode: the reading worker may be blocked waiting for this call's blocks, so the
  // fetcher (which loads them) hears the abort first and wakes it; the reading worker drops a
  // call that had not started. Retry mode: the reading worker loads its own blocks.
  const abortCall = (callId: number) => {
    void ready
      .then(() =>
        Promise.all([
          fetcher?.abortCall(callId),
          host.abortCall(callId),
          zarrHost().abortCall(callId),
        ]),
      )
      .catch(() => {});
  };
  // Many calls finish in a burst (a tree level, a table's columns): one stats query at a time.
  let memoryStatsPending = false;
  const refreshMemoryStats = async () => {
    if (deathReason || memoryStatsPending) return;
    memoryStatsPending = true;
    try {
      const { bytesFromMemory } = await host.memoryStats();
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

  // comlink types a nested object as a promise of it, but reaching through it gives a proxy
  // whose calls run in the worker: the Zarr host sits beside the loader (fetcher or reader).
  const zarrHost = () => (fetcher ? fetcher.zarr : host.zarr) as unknown as Remote<ZarrHostApi>;

  let counter = 0;
  /**
   * Opens by content: the reading worker reads the source as one file and names its format. HDF5
   * opens there; a Zarr store or a LINDI file then opens on the Zarr host beside the block loader
   * (the fetcher worker in shared-memory mode). A dropped folder can only be a store.
   */
  const newFileId = () => `f${++counter}-${Date.now().toString(36)}`;
  const startLoading = (fileId: string, source: SourceDescriptor) => {
    mark('open-asked');
    void loader.prepare(fileId, source).catch(() => {});
  };
  /** The file prepare() started on, until an open() takes it over or drops it. */
  let prepared: { fileId: string; source: string } | null = null;
  const prepare = (source: OpenSource) => {
    if (source.kind !== 'url' || likelyFormat(source) === 'zarr') return;
    dropPrepared();
    prepared = { fileId: newFileId(), source: JSON.stringify(source) };
    startLoading(prepared.fileId, source);
  };
  const dropPrepared = () => {
    if (prepared) void loader.close(prepared.fileId).catch(() => {});
    prepared = null;
  };
  /** The prepared file's id when `source` is what was prepared (a URL source is plain data). */
  const takePrepared = (source: OpenSource): string | null => {
    const same = prepared?.source === JSON.stringify(source) && source.kind === 'url';
    const fileId = same ? prepared!.fileId : null;
    if (same) prepared = null;
    else dropPrepared();
    return fileId;
  };

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
    const fileId = early ?? newFileId();
    if (!early) startLoading(fileId, source);
    const opened = await markSpan('hdf5-open', () =>
      call(
        (callId) =>
          host.open(fileId, callId, source, displayName) as Promise<
            FileSummary | { openOn: 'zarr' | 'lindi' }
          >,
        signal,
      ),
    );
    if ('openOn' in opened) {
      void loader.close(fileId).catch(() => {});
      return openOnZarrHost(`${fileId}z`, source, opened.openOn, signal);
    }
    return { id: fileId, summary: opened, reader: remoteReader(fileId, opened, host) };
  };

  const openOnZarrHost = async (
    fileId: string,
    source: OpenSource,
    format: 'zarr' | 'lindi',
    signal?: AbortSignal,
  ): Promise<OpenedFile> => {
    const zarr = zarrHost();
    const summary = await call((callId) => zarr.open(fileId, callId, source, format), signal);
    return { id: fileId, summary, reader: remoteReader(fileId, summary, zarr) };
  };

  /** The client's DataReader: every reading method forwarded, from the one method list. */
  const remoteReader = (
    fileId: string,
    summary: FileSummary,
    server: Remote<ReaderHostApi> | Remote<ZarrHostApi>,
  ): DataReader => {
    const forward =
      (method: ReaderMethod) =>
      (...args: unknown[]) => {
        const { positional, options } = splitOptions(method, args);
        // An AbortSignal cannot cross to a worker: it stays here and aborts the call by its id.
        const { signal, ...rest } = options ?? {};
        // Callbacks (an envelope's progress) cross as comlink proxies.
        for (const [key, value] of Object.entries(rest)) {
          if (typeof value === 'function') rest[key] = proxy(value as (...a: unknown[]) => unknown);
        }
        const served = server[method] as unknown as (...wire: unknown[]) => Promise<unknown>;
        return call((callId) => served(fileId, callId, ...positional, rest), signal);
      };
    const methods = Object.fromEntries(readerMethods.map((m) => [m, forward(m)]));
    return {
      ...(methods as Pick<DataReader, ReaderMethod>),
      summary: async () => summary,
      close: () =>
        call(async () => {
          await server.closeFile(fileId);
          if (server === host && loader !== host) await loader.close(fileId);
        }),
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
    cancel: (fileId) => void ready.then(() => loader.cancel(fileId)).catch(() => {}),
    clearPersistentCache: () => call(() => loader.clearPersistentCache()),
    dispose() {
      for (const worker of workers) worker.terminate();
      listeners.clear();
    },
  };
}
