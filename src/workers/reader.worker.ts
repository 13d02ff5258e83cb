/// <reference lib="webworker" />
/** The reading worker: file readers (h5wasm) and the synchronous side of the bridge. */
import { expose } from 'comlink';
import { IdbEnvelopeStore } from '../cache/IdbEnvelopeStore';
import { LoaderService } from './loaderService';
import { browserStoreOptions } from './persistentStore';
import { createReaderHost } from './readerHost';

const envelopes = typeof indexedDB === 'undefined' ? null : new IdbEnvelopeStore();
expose(createReaderHost(() => new LoaderService(browserStoreOptions()), envelopes));
