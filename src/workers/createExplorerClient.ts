/**
 * Main-thread side of the workers: starts them, picks the bridge mode, and hands the UI a
 * DataReader per open file. The only module the UI imports from src/workers.
 */
import { proxy, transfer, wrap, type Remote } from 'comlink';
import type { OpenSource, SourceDescriptor } from '../bytes/ByteSource';
import type { LoaderStats } from '../cache/types';
import { ExplorerError, asExplorerError } from '../errors';
import { createSharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { urlFileName } from '../hdf5/paths';
import type { DataReader, FileSummary } from '../reader/contract';
import type { BridgeMode, ClientStats, ExplorerClient, OpenedFile } from './ExplorerClient';
import type { FetcherWorkerApi } from './fetcher.worker';
import type { Hdf5WorkerApi } from './hdf5WorkerApi';
import type { LoaderApi } from './loaderService';
import { likelyFormat } from '../zarr/detect';
import type { ZarrHostApi } from './zarrHostApi';

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
  // The worker that owns the block loader also reads Zarr stores and LINDI files.
  let loader: Remote<LoaderApi & ZarrHostApi> = hdf5;

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
  const open = async (
    source: OpenSource,
    openOptions?: { signal?: AbortSignal },
  ): Promise<OpenedFile> => {
    const fileId = `f${++counter}-${Date.now().toString(36)}`;
    const onAbort = () =>
      void ready
        .then(() => {
          loader.cancel(fileId);
          loader.zarrCancel(fileId);
        })
        .catch(() => {});
    openOptions?.signal?.addEventListener('abort', onAbort);
    try {
      const first = likelyFormat(source);
      if (source.kind === 'folder' || first !== 'hdf5') {
        try {
          return await openZarrFile(fileId, source, first === 'lindi' ? 'lindi' : 'auto');
        } catch (error) {
          // Content decides: a .json or .zarr name that is HDF5 after all still opens.
          if (source.kind === 'folder' || asExplorerError(error).code !== 'not-hdf5') throw error;
        }
      }
      try {
        return await openHdf5File(fileId, source as SourceDescriptor, openOptions?.signal);
      } catch (error) {
        // Not HDF5 (a JSON file), or no file at this URL (a Zarr store is a folder): try Zarr
        // and LINDI by content; keep the HDF5 error when neither fits.
        const code = asExplorerError(error).code;
        if (first !== 'hdf5' || !['not-hdf5', 'not-found', 'forbidden'].includes(code)) throw error;
        try {
          return await openZarrFile(fileId, source, 'auto');
        } catch (zarrError) {
          const zarrCode = asExplorerError(zarrError).code;
          if (['not-hdf5', 'not-found', 'forbidden'].includes(zarrCode)) throw error;
          throw zarrError;
        }
      }
    } finally {
      openOptions?.signal?.removeEventListener('abort', onAbort);
    }
  };

  const openHdf5File = async (
    fileId: string,
    source: SourceDescriptor,
    signal?: AbortSignal,
  ): Promise<OpenedFile> => {
    const displayName = displayNameOf(source);
    const identity = await call(() => loader.openDescriptor(fileId, source));
    if (signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.');
    const summary = await call(() => hdf5.open(fileId, source, identity, displayName));
    return { id: fileId, summary, reader: remoteReader(fileId, summary) };
  };

  const openZarrFile = async (
    fileId: string,
    source: OpenSource,
    format: 'lindi' | 'auto',
  ): Promise<OpenedFile> => {
    const summary = await call(() => loader.zarrOpen(fileId, source, format));
    return { id: fileId, summary, reader: zarrReader(fileId, summary) };
  };

  const zarrReader = (fileId: string, summary: FileSummary): DataReader => ({
    summary: async () => summary,
    listChildren: (path, opts) =>
      call(() => loader.zarrListChildren(fileId, path, opts?.attrs ? { attrs: opts.attrs } : {})),
    getAttributes: (path) => call(() => loader.zarrGetAttributes(fileId, path)),
    getKind: (path) => call(() => loader.zarrGetKind(fileId, path)),
    describeDataset: (path) => call(() => loader.zarrDescribeDataset(fileId, path)),
    readSlice: (path, selection) => call(() => loader.zarrReadSlice(fileId, path, selection)),
    close: () => call(async () => loader.zarrClose(fileId)),
  });

  const remoteReader = (fileId: string, summary: FileSummary): DataReader => ({
    summary: async () => summary,
    listChildren: (path, opts) => call(() => hdf5.listChildren(fileId, path, opts)),
    getAttributes: (path) => call(() => hdf5.getAttributes(fileId, path)),
    getKind: (path) => call(() => hdf5.getKind(fileId, path)),
    describeDataset: (path) => call(() => hdf5.describeDataset(fileId, path)),
    readSlice: (path, selection) => call(() => hdf5.readSlice(fileId, path, selection)),
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
    cancel: (fileId) =>
      void ready
        .then(() => {
          loader.cancel(fileId);
          if (fileId !== undefined) loader.zarrCancel(fileId);
        })
        .catch(() => {}),
    clearPersistentCache: () => call(() => loader.clearPersistentCache()),
    dispose() {
      for (const worker of workers) worker.terminate();
      listeners.clear();
    },
  };
}
