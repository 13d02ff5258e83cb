/// <reference lib="webworker" />
/**
 * The fetcher worker (shared-memory mode only): block loading, IndexedDB and the network,
 * answering the blocked HDF5 worker through shared memory.
 */
import { expose } from 'comlink';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { LoaderService, type LoaderApi } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { serveSharedMemory } from './sharedMemoryServer';
import { createZarrHostApi, type ZarrHostApi } from './zarrHostApi';

const service = new LoaderService(browserStoreOptions());

export interface FetcherWorkerApi extends LoaderApi, ZarrHostApi {
  attach(port: MessagePort, buffers: SharedBuffers): void;
}

const api: FetcherWorkerApi = {
  ...createZarrHostApi(() => service.loader),
  attach: (port, buffers) => serveSharedMemory(port, buffers, service),
  openDescriptor: (fileId, descriptor) => service.openDescriptor(fileId, descriptor),
  stats: () => service.stats(),
  subscribeStats: (listener) => service.subscribeStats(listener),
  cancel: (fileId) => service.cancel(fileId),
  close: (fileId) => service.close(fileId),
  clearPersistentCache: () => service.clearPersistentCache(),
};

expose(api);
