/// <reference lib="webworker" />
/** The reading worker: file readers (h5wasm) and the synchronous side of the bridge. */
import { expose } from 'comlink';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';

expose(createReaderHost(() => new LoaderService(browserStoreOptions())));
