/**
 * DANDI API keys, one per API base. A key lives in memory for the tab; it is written to
 * localStorage only when the user ticks "remember", and forgetting it removes it from both.
 *
 * The store never sends anything: the HTTP layer asks it for the key of the API it is calling and
 * attaches it to requests for that API's origin only.
 */

const STORAGE_PREFIX = 'nwb-explorer:dandi-api-key:';

/** The subset of Storage we use, so Node tests can pass a Map-backed fake (or nothing). */
export interface KeyStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ApiKeyStore {
  get(apiBase: string): string | null;
  /** Whether the current key of `apiBase` is persisted. */
  isRemembered(apiBase: string): boolean;
  set(apiBase: string, key: string, remember: boolean): void;
  clear(apiBase: string): void;
  subscribe(listener: () => void): () => void;
}

function defaultStorage(): KeyStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // Some privacy modes throw on access: fall back to memory only.
    return null;
  }
}

export function createApiKeyStore(storage: KeyStorage | null = defaultStorage()): ApiKeyStore {
  const memory = new Map<string, string>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const stored = (apiBase: string): string | null => {
    try {
      return storage?.getItem(STORAGE_PREFIX + apiBase) ?? null;
    } catch {
      return null;
    }
  };

  return {
    get(apiBase) {
      return memory.get(apiBase) ?? stored(apiBase);
    },
    isRemembered(apiBase) {
      return stored(apiBase) !== null;
    },
    set(apiBase, key, remember) {
      const trimmed = key.trim();
      if (!trimmed) return this.clear(apiBase);
      memory.set(apiBase, trimmed);
      try {
        if (remember) storage?.setItem(STORAGE_PREFIX + apiBase, trimmed);
        else storage?.removeItem(STORAGE_PREFIX + apiBase);
      } catch {
        // Quota or privacy mode: the key still works for this tab.
      }
      notify();
    },
    clear(apiBase) {
      memory.delete(apiBase);
      try {
        storage?.removeItem(STORAGE_PREFIX + apiBase);
      } catch {
        // Nothing stored, or storage unavailable: memory is already cleared.
      }
      notify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The tab's shared store (the UI and the client use the same one). */
export const apiKeys: ApiKeyStore = createApiKeyStore();
