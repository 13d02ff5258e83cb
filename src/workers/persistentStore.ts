/** The persistent block store a worker uses: IndexedDB when the platform has it, else none. */
import { IdbBlockStore } from '../cache/IdbBlockStore';
import type { LoaderServiceOptions } from './loaderService';

export function browserStoreOptions(): LoaderServiceOptions {
  if (typeof indexedDB === 'undefined') return { persistent: null };
  const store = new IdbBlockStore();
  return { persistent: store, clearPersistent: () => store.clear() };
}
