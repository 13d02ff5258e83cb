/**
 * Said once the archive refused the API key as invalid (a 401 "Invalid token." to a request that
 * carried it): the key is no longer sent, public dandisets load without it, and the user can
 * forget it (or paste a new one where an embargoed dandiset asks for it).
 */
import type { ApiKeyState } from './useDandiClient';

export function StaleKeyNotice({ apiKey, apiHost }: { apiKey: ApiKeyState; apiHost: string }) {
  if (!apiKey.rejected || !apiKey.key) return null;
  return (
    <div className="notice dandi-stale-key" role="status" data-testid="dandi-stale-key">
      <p>
        The DANDI API key {apiKey.remembered ? 'remembered in this browser' : 'set for this tab'} is
        no longer valid: {apiHost} answered “Invalid token.” Public dandisets open without it;
        embargoed ones need a current key.
      </p>
      <button type="button" className="button button--small" onClick={apiKey.clear}>
        Forget the key
      </button>
    </div>
  );
}
