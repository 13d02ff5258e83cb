/**
 * DANDI API keys, one per API base. A key lives in memory for the tab; it is written to
 * localStorage only when the user ticks "remember", and forgetting it removes it from both.
 *
 * The store never sends anything: the HTTP layer asks it for the key of the API it is calling and
 * attaches it to requests for that API's origin only. When the archive refuses a key (401
 * "Invalid token."), the store marks it rejected: it is no longer sent, and the UI offers to
 * forget it. Setting a key (or clearing it) lifts the mark.
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
  /** The archive refused the current key of `apiBase` as invalid. */
  markRejected(apiBase: string): void;
  isRejected(apiBase: string): boolean;
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

export function createApiKeyStore(
  storage: KeyStorage | null = defaultStorage(),
  /** Where remembered keys live in storage; other secrets (S3 keys) use their own prefix. */
  prefix = STORAGE_PREFIX,
): ApiKeyStore {
  const memory = new Map<string, string>();
  const rejected = new Set<string>();
  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((l) => l());

  const stored = (apiBase: string): string | null => {
    try {
      return storage?.getItem(prefix + apiBase) ?? null;
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
      rejected.delete(apiBase);
      try {
        if (remember) storage?.setItem(prefix + apiBase, trimmed);
        else storage?.removeItem(prefix + apiBase);
      } catch {
        // Quota or privacy mode: the key still works for this tab.
      }
      notify();
    },
    clear(apiBase) {
      memory.delete(apiBase);
      rejected.delete(apiBase);
      try {
        storage?.removeItem(prefix + apiBase);
      } catch {
        // Nothing stored, or storage unavailable: memory is already cleared.
      }
      notify();
    },
    markRejected(apiBase) {
      if (rejected.has(apiBase) || this.get(apiBase) === null) return;
      rejected.add(apiBase);
      notify();
    },
    isRejected(apiBase) {
      return rejected.has(apiBase);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The tab's shared store (the UI and the client use the same one). */
export const apiKeys: ApiKeyStore = createApiKeyStore();
