/**
 * The reading worker's main code, loaded by reader.worker.ts once h5wasm is on its way: file
 * readers and the synchronous side of the bridge; in retry-on-miss mode also the block loader,
 * beside which Zarr stores and LINDI files are read.
 */
import { expose, type Endpoint } from 'comlink';
import { IdbEnvelopeStore } from './IdbEnvelopeStore';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';
import { watchFatalErrors } from './fatalErrors';
import { lazyZarrHost } from './lazyZarrHost';

export function serve(endpoint: Endpoint): void {
  const envelopes = typeof indexedDB === 'undefined' ? null : new IdbEnvelopeStore();
  // One loader for both backends (retry-on-miss mode): same cache, same counters.
  let service: LoaderService | null = null;
  const loaderService = () => (service ??= new LoaderService(browserStoreOptions()));
  // A wasm trap leaves h5wasm unusable: it is reported as this worker's death (the client
  // restarts).
  expose(
    watchFatalErrors({
      ...createReaderHost(loaderService, envelopes),
      zarr: lazyZarrHost(() => loaderService().loader),
    }),
    endpoint,
  );
}
