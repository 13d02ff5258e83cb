/// <reference lib="webworker" />
/** The HDF5 worker: h5wasm and the synchronous side of the bridge. */
import { expose } from 'comlink';
import { IdbEnvelopeStore } from '../cache/IdbEnvelopeStore';
import { createHdf5WorkerApi } from './hdf5WorkerApi';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';

const envelopes = typeof indexedDB === 'undefined' ? null : new IdbEnvelopeStore();
expose(createHdf5WorkerApi(() => new LoaderService(browserStoreOptions()), envelopes));
