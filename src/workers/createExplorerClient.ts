/**
 * Main-thread side of the workers: starts them, picks the bridge mode, and hands the UI a
 * DataReader per open file. The only module the UI imports from src/workers.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { SourceDescriptor } from '../bytes/ByteSource';
import type { LoaderStats } from '../cache/types';
import { ExplorerError, asExplorerError } from '../errors';
import { createSharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { urlFileName } from '../hdf5/paths';
import type { DataReader, FileSummary, MinMaxEnvelope } from '../reader/contract';
import type { BridgeMode, ClientStats, ExplorerClient, OpenedFile } from './ExplorerClient';
import type { FetcherWorkerApi } from './fetcher.worker';
import type { Hdf5WorkerApi } from './hdf5WorkerApi';
import type { LoaderApi } from './loaderService';

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

export function displayNameOf(source: SourceDescriptor): string {
  return source.kind === 'url' ? urlFileName(source.url) : (source.file.name ?? 'local file');
}

export function createExplorerClient(options?: { forceBridge?: BridgeMode }): ExplorerClient {
  const bridge: BridgeMode =
    options?.forceBridge === 'retry-on-miss' || !canUseSharedMemory()
      ? 'retry-on-miss'
      : 'shared-memory';

  const hdf5Worker = new Worker(new URL('./hdf5.worker.ts', import.meta.url), {
    type: 'module',
    name: 'hdf5',
  });
  const hdf5 = wrap<Hdf5WorkerApi>(hdf5Worker);
  const workers: Worker[] = [hdf5Worker];
  let loader: Remote<LoaderApi> = hdf5;

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
    if (bridge === 'shared-memory') {
      const fetcherWorker = new Worker(new URL('./fetcher.worker.ts', import.meta.url), {
        type: 'module',
        name: 'fetcher',
      });
      workers.push(fetcherWorker);
      const fetcher = wrap<FetcherWorkerApi>(fetcherWorker);
      loader = fetcher;
      const buffers = createSharedBuffers();
      const channel = new MessageChannel();
      // comlink transfers only what is marked on a top-level argument: mark the whole config.
      await fetcher.attach(transfer(channel.port1, [channel.port1]), buffers);
      await hdf5.init(
        transfer({ mode: 'shared-memory', buffers, port: channel.port2 }, [channel.port2]),
      );
    } else {
      await hdf5.init({ mode: 'retry-on-miss' });
    }
    await loader.subscribeStats(
      proxy((stats: LoaderStats) => {
        latest = { ...latest, ...stats };
        emit();
      }),
    );
  })();
  for (const worker of workers) {
    worker.addEventListener('error', onWorkerError);
    worker.addEventListener('messageerror', onWorkerError);
  }

  let latest: ClientStats = { ...EMPTY_STATS, bytesFromMemory: 0, bridge };
  const listeners = new Set<(stats: ClientStats) => void>();
  const emit = () => listeners.forEach((listener) => listener(latest));

  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    if (deathReason) throw deathReason;
    try {
      return await Promise.race([ready.then(work), death]);
    } catch (error) {
      throw asExplorerError(error);
    } finally {
      void refreshMemoryStats();
    }
  };
  // Many calls finish in a burst (a tree level, a table's columns): one stats query at a time.
  let memoryStatsPending = false;
  const refreshMemoryStats = async () => {
    if (deathReason || memoryStatsPending) return;
    memoryStatsPending = true;
    try {
      const { bytesFromMemory } = await hdf5.memoryStats();
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
  let callCounter = 0;
  const open = async (
    source: SourceDescriptor,
    openOptions?: { signal?: AbortSignal },
  ): Promise<OpenedFile> => {
    if (looksLikeZarr(source)) {
      throw new ExplorerError(
        'unsupported',
        'This is a Zarr store (.zarr). Zarr support is coming; for now only HDF5 .nwb files open.',
      );
    }
    const fileId = `f${++counter}-${Date.now().toString(36)}`;
    const onAbort = () => void ready.then(() => loader.cancel(fileId)).catch(() => {});
    openOptions?.signal?.addEventListener('abort', onAbort);
    try {
      const displayName = displayNameOf(source);
      const identity = await call(() => loader.openDescriptor(fileId, source));
      if (openOptions?.signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.');
      const summary = await call(() => hdf5.open(fileId, source, identity, displayName));
      return { id: fileId, summary, reader: remoteReader(fileId, summary) };
    } finally {
      openOptions?.signal?.removeEventListener('abort', onAbort);
    }
  };

  const remoteReader = (fileId: string, summary: FileSummary): DataReader => ({
    summary: async () => summary,
    listChildren: (path, opts) => call(() => hdf5.listChildren(fileId, path, opts)),
    getAttributes: (path) => call(() => hdf5.getAttributes(fileId, path)),
    getKind: (path) => call(() => hdf5.getKind(fileId, path)),
    describeDataset: (path) => call(() => hdf5.describeDataset(fileId, path)),
    readSlice: (path, selection) => call(() => hdf5.readSlice(fileId, path, selection)),
    reduceMinMax: (path, request, opts) =>
      call(async () => {
        const callId = `${fileId}:${++callCounter}`;
        const signal = opts?.signal;
        if (signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.');
        const onAbort = () => void hdf5.abortCall(callId).catch(() => {});
        signal?.addEventListener('abort', onAbort);
        try {
          const progress = opts?.onProgress;
          return await hdf5.reduceMinMax(
            fileId,
            path,
            request,
            callId,
            progress && proxy((partial: MinMaxEnvelope) => progress(partial)),
          );
        } finally {
          signal?.removeEventListener('abort', onAbort);
        }
      }),
    close: () =>
      call(async () => {
        await hdf5.closeFile(fileId);
        if (loader !== hdf5) await loader.close(fileId);
      }),
  });

  return {
    bridge,
    open,
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

/** A Zarr store is a folder of objects, not one file: the HDF5 backend cannot read it. */
function looksLikeZarr(source: SourceDescriptor): boolean {
  if (source.kind !== 'url') return false;
  try {
    return /\.zarr\/?$/i.test(new URL(source.url, 'http://localhost/').pathname);
  } catch {
    return false;
  }
}
