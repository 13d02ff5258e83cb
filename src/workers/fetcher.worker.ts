/// <reference lib="webworker" />
/**
 * The fetcher worker (shared-memory mode only): block loading, IndexedDB and the network,
 * answering the blocked reading worker through shared memory.
 */
import { expose } from 'comlink';
import type { SourceDescriptor } from '../bytes/ByteSource';
import type { FileSummary } from '../reader/contract';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { mark } from '../perf/marks';
import { serveSharedMemory, type SharedMemoryServer } from './sharedMemoryServer';
import { watchFatalErrors } from './fatalErrors';
import { lazyZarrHost } from './lazyZarrHost';
import { EARLY_OPEN_ID, earlyOpenIn } from './earlyOpen';

mark('fetcher-worker-start');

const service = new LoaderService(browserStoreOptions());
// A link's file, named in this worker's name by index.html: started now, not when the page's
// first message arrives.
const early = earlyOpenIn(self.name);
if (early) service.prepare(EARLY_OPEN_ID, early);
let server: SharedMemoryServer | null = null;

const api = {
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
  keptSummary: (fileId: string) => service.keptSummary(fileId),
  keptAnswer: (fileId: string, key: string) => service.keptAnswer(fileId, key),
  keepAnswers: (fileId: string, entries: [string, unknown][], summary?: FileSummary) =>
    service.keepAnswers(fileId, entries, summary),
  firstListing: (fileId: string, attrs: string[]) => service.firstListing(fileId, attrs),
  /** Zarr stores and LINDI files are read here, beside the loader (no synchronous bridge). */
  zarr: lazyZarrHost(() => service.loader),
};

export type FetcherWorkerApi = typeof api;

// Zarr codecs run wasm here too: a trap is reported as this worker's death (the client restarts).
expose(watchFatalErrors(api));
