/// <reference lib="webworker" />
/** The HDF5 worker: h5wasm and the synchronous side of the bridge. */
import { expose } from 'comlink';
import h5wasmBinaryUrl from 'virtual:h5wasm-binary';
import { compileH5wasm } from '../hdf5/h5wasmBinary';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { createHdf5WorkerApi } from './hdf5WorkerApi';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { mark } from '../perf/marks';

mark('hdf5-worker-start');
// Before anything else: compile the wasm and load h5wasm while the first bytes are fetched.
// A failure here comes back to the first call that needs h5wasm.
void compileH5wasm(h5wasmBinaryUrl).catch(() => undefined);
void loadH5wasm().catch(() => undefined);

expose(createHdf5WorkerApi(() => new LoaderService(browserStoreOptions())));
