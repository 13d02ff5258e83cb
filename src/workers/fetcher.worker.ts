/// <reference lib="webworker" />
/**
 * The fetcher worker's entry (shared-memory mode only), small on purpose: it opens IndexedDB as
 * soon as the worker runs, then loads the block loader (fetcherWorkerMain.ts) meanwhile.
 * Messages from the page that arrive before it has loaded wait for it (earlyMessages.ts).
 */
import { mark } from '../perf/marks';
import { failLoudly, keepEarlyMessages } from './earlyMessages';
import { browserStoreOptions } from './persistentStore';

mark('fetcher-worker-start');

const store = browserStoreOptions();
const endpoint = keepEarlyMessages(self as unknown as DedicatedWorkerGlobalScope);
import('./fetcherWorkerMain').then((main) => main.serve(endpoint, store), failLoudly);
