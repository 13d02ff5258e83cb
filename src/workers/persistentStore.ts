/** The persistent block store a worker uses: IndexedDB when the platform has it, else none. */
import { IdbBlockStore } from '../cache/IdbBlockStore';
import { markSpan } from '../perf/marks';
import { IdbAnswerStore } from './IdbAnswerStore';
import type { LoaderServiceOptions } from './loaderService';

export function browserStoreOptions(): LoaderServiceOptions {
  if (typeof indexedDB === 'undefined') return { persistent: null };
  const store = new IdbBlockStore();
  // The first lookup opens the databases: its span is what IndexedDB costs an open.
  const lookup = store.getRememberedIdentity.bind(store);
  store.getRememberedIdentity = (key) => markSpan('idb-identity', () => lookup(key));
  return {
    persistent: store,
    clearPersistent: () => store.clear(),
    answers: new IdbAnswerStore(),
  };
}
