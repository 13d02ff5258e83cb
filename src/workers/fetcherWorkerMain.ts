/**
 * The fetcher worker's main code (shared-memory mode only), loaded by fetcher.worker.ts: block
 * loading, IndexedDB and the network, answering the blocked reading worker through shared memory.
 */
import { expose, type Endpoint } from 'comlink';
import type { SourceDescriptor } from '../bytes/ByteSource';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { LoaderService, type LoaderServiceOptions } from './loaderService';
import { serveSharedMemory, type SharedMemoryServer } from './sharedMemoryServer';
import { watchFatalErrors } from './fatalErrors';
import { createZarrHost } from './zarrHost';

function createFetcherApi(store: LoaderServiceOptions) {
  const service = new LoaderService(store);
  let server: SharedMemoryServer | null = null;
  return {
    attach(port: MessagePort, buffers: SharedBuffers): void {
      server = serveSharedMemory(port, buffers, service);
    },
    /** Stops one reader call's blocks and wakes the blocked reading worker with 'cancelled'. */
    abortCall: (callId: number) => server?.abortCall(callId),
    prepare: (fileId: string, descriptor: SourceDescriptor) => service.prepare(fileId, descriptor),
    stats: () => service.stats(),
    subscribeStats: (listener: Parameters<LoaderService['subscribeStats']>[0]) =>
      service.subscribeStats(listener),
    cancel: (fileId?: string) => service.cancel(fileId),
    close: (fileId: string) => service.close(fileId),
    clearPersistentCache: () => service.clearPersistentCache(),
    /** Zarr stores and LINDI files are read here, beside the loader (no synchronous bridge). */
    zarr: createZarrHost(() => service.loader),
  };
}

export type FetcherWorkerApi = ReturnType<typeof createFetcherApi>;

/** `store` was opened by the entry script, as the worker started. */
export function serve(endpoint: Endpoint, store: LoaderServiceOptions): void {
  // Zarr codecs run wasm here too: a trap is reported as this worker's death (the client restarts).
  expose(watchFatalErrors(createFetcherApi(store)), endpoint);
}
