/**
 * Keeps recently read objects in memory (LRU by bytes), so zarrita's repeated reads of the same
 * metadata or chunk never go back to the block loader. Concurrent reads of one key share one load.
 */
import type { GetOptions, RangeQuery, ZarrStore } from './store';

export function withMemoryCache(store: ZarrStore, maxBytes: number): ZarrStore {
  const cache = new Map<string, Uint8Array | undefined>();
  const loading = new Map<string, Promise<Uint8Array | undefined>>();
  let bytes = 0;

  const remember = (key: string, value: Uint8Array | undefined) => {
    const size = value?.byteLength ?? 0;
    if (size > maxBytes / 4) return;
    cache.set(key, value);
    bytes += size;
    for (const [k, v] of cache) {
      if (bytes <= maxBytes) break;
      cache.delete(k);
      bytes -= v?.byteLength ?? 0;
    }
  };

  const get = async (rawKey: string, options?: GetOptions): Promise<Uint8Array | undefined> => {
    const key = stripSlash(rawKey);
    if (cache.has(key)) {
      const value = cache.get(key);
      cache.delete(key);
      cache.set(key, value);
      // A copy: codecs may decode in place.
      return value?.slice();
    }
    let pending = loading.get(key);
    if (!pending) {
      pending = store.get(key, options).finally(() => loading.delete(key));
      loading.set(key, pending);
      pending.then((v) => remember(key, v)).catch(() => undefined);
    }
    const value = await pending;
    return value?.slice();
  };

  const wrapped: ZarrStore = { get, keys: store.keys };
  if (store.getRange) {
    const inner = store.getRange.bind(store);
    wrapped.getRange = (key: string, range: RangeQuery, options?: GetOptions) =>
      inner(stripSlash(key), range, options);
  }
  return wrapped;
}

/** Serves some keys from memory (consolidated metadata) and the rest from the store. */
export function withOverlay(
  store: ZarrStore,
  docs: ReadonlyMap<string, Uint8Array>,
  keys: ReadonlySet<string> | null,
): ZarrStore {
  const isMetadata = (key: string) => /(^|\/)(\.zarray|\.zgroup|\.zattrs|zarr\.json)$/.test(key);
  const wrapped: ZarrStore = {
    keys,
    async get(rawKey, options) {
      const key = stripSlash(rawKey);
      const doc = docs.get(key);
      if (doc) return doc.slice();
      // Consolidated metadata lists every node: a metadata key it lacks does not exist.
      if (isMetadata(key)) return undefined;
      return store.get(key, options);
    },
  };
  if (store.getRange) {
    const inner = store.getRange.bind(store);
    wrapped.getRange = (key, range, options) => inner(stripSlash(key), range, options);
  }
  return wrapped;
}

/** zarrita asks for "/a/.zarray"; our keys have no leading slash. */
function stripSlash(key: string): string {
  return key.replace(/^\/+/, '');
}
