/// <reference lib="webworker" />
/**
 * The reading worker: file readers (h5wasm) and the synchronous side of the bridge; in
 * retry-on-miss mode also the block loader, beside which Zarr stores are read.
 */
import { expose } from 'comlink';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';
import { createZarrHost } from './zarrHost';

// One loader for both backends (retry-on-miss mode): same cache, same counters.
let service: LoaderService | null = null;
const loaderService = () => (service ??= new LoaderService(browserStoreOptions()));

expose({ ...createReaderHost(loaderService), zarr: createZarrHost(() => loaderService().loader) });
