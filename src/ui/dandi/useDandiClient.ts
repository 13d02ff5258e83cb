/**
 * One DandiClient per API base for the whole tab, so what it learns (embargo status, the bucket)
 * survives navigation; and the API key of that base as React state.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { apiBaseFromQuery, apiKeys, DandiClient, normalizeApiBase } from '../../dandi';

const clients = new Map<string, DandiClient>();

export function dandiClientFor(apiBase: string): DandiClient {
  let client = clients.get(apiBase);
  if (!client) clients.set(apiBase, (client = new DandiClient({ apiBase })));
  return client;
}

/** The API base: the prop when given, else the page's `dandiApi` parameter, else production. */
export function resolveApiBase(prop: string | undefined): string {
  if (prop) {
    try {
      return normalizeApiBase(prop);
    } catch {
      // An invalid prop falls through to the URL setting rather than breaking the page.
    }
  }
  return apiBaseFromQuery(typeof window === 'undefined' ? '' : window.location.search);
}

export interface ApiKeyState {
  key: string | null;
  remembered: boolean;
  /** The archive refused the key as invalid (401 "Invalid token."); it is no longer sent. */
  rejected: boolean;
  /** Changes whenever the key does: part of load keys so everything reloads with the new key. */
  stamp: string;
  set(key: string, remember: boolean): void;
  clear(): void;
}

export function useApiKey(apiBase: string): ApiKeyState {
  const key = useSyncExternalStore(apiKeys.subscribe, () => apiKeys.get(apiBase));
  const remembered = useSyncExternalStore(apiKeys.subscribe, () => apiKeys.isRemembered(apiBase));
  const rejected = useSyncExternalStore(apiKeys.subscribe, () => apiKeys.isRejected(apiBase));
  const set = useCallback(
    (k: string, remember: boolean) => apiKeys.set(apiBase, k, remember),
    [apiBase],
  );
  const clear = useCallback(() => apiKeys.clear(apiBase), [apiBase]);
  // A short fingerprint, not the key itself, so keys never end up in logs of load keys.
  const stamp = key ? `k${fingerprint(key)}` : 'anon';
  return { key, remembered, rejected, stamp, set, clear };
}

function fingerprint(s: string): string {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return (h >>> 0).toString(36);
}
