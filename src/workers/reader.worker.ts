/// <reference lib="webworker" />
/**
 * The reading worker: file readers (h5wasm) and the synchronous side of the bridge; in
 * retry-on-miss mode also the block loader, beside which Zarr stores and LINDI files are read.
 */
import { expose } from 'comlink';
import h5wasmBinaryUrl from 'virtual:h5wasm-binary';
import { compileH5wasm } from '../hdf5/h5wasmBinary';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { mark } from '../perf/marks';
import { IdbEnvelopeStore } from './IdbEnvelopeStore';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';
import { watchFatalErrors } from './fatalErrors';
import { createZarrHost } from './zarrHost';

mark('hdf5-worker-start');
// Before anything else: compile the wasm and load h5wasm while the page starts and the file is
// asked for. A failure here comes back to the first call that needs h5wasm.
void compileH5wasm(h5wasmBinaryUrl).catch(() => undefined);
void loadH5wasm().catch(() => undefined);

const envelopes = typeof indexedDB === 'undefined' ? null : new IdbEnvelopeStore();
// One loader for both backends (retry-on-miss mode): same cache, same counters.
let service: LoaderService | null = null;
const loaderService = () => (service ??= new LoaderService(browserStoreOptions()));

// A wasm trap leaves h5wasm unusable: it is reported as this worker's death (the client restarts).
expose(
  watchFatalErrors({
    ...createReaderHost(loaderService, envelopes),
    zarr: createZarrHost(() => loaderService().loader),
  }),
);
