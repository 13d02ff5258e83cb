/// <reference lib="webworker" />
/** The HDF5 worker: h5wasm and the synchronous side of the bridge. */
import { expose } from 'comlink';
import { createHdf5WorkerApi } from './hdf5WorkerApi';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { mark } from '../perf/marks';

mark('hdf5-worker-start');

expose(createHdf5WorkerApi(() => new LoaderService(browserStoreOptions())));
