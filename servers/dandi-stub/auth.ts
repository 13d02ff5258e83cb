/**
 * Who a request is, as the real API decides it before any view runs. dandi-archive
 * (dandiapi/settings/base.py:145-149) authenticates with OAuth2, session and DRF's
 * TokenAuthentication; DRF authenticates every request (rest_framework/views.py `initial`), so a
 * bad `Authorization: token …` header is refused on every endpoint, public ones included:
 * rest_framework/authentication.py:177-208 (encode/django-rest-framework at 751a19fe):
 * - a header whose first word is not "token" (case-insensitive) is not this authenticator's;
 * - "token" alone: 401 "Invalid token header. No credentials provided." (183-185);
 * - more than two words: 401 "Invalid token header. Token string should not contain spaces."
 *   (186-188);
 * - an unknown key: 401 "Invalid token." (198-203).
 * AuthenticationFailed is a 401 (rest_framework/exceptions.py:170-173) with the first
 * authenticator's challenge (OAuth2's `Bearer realm="api"`) in WWW-Authenticate.
 */
import type { IncomingMessage } from 'node:http';

export type Caller =
  | { kind: 'anonymous' }
  /** A known key; `owner` is whether it owns the stand-in's embargoed dandisets. */
  | { kind: 'user'; owner: boolean };

export type AuthResult = { ok: true; caller: Caller } | { ok: false; detail: string };

export const AUTH_CHALLENGE = { 'WWW-Authenticate': 'Bearer realm="api"' };

export function authenticate(
  req: IncomingMessage,
  keys: { owner: string; other: string },
): AuthResult {
  const header = req.headers.authorization;
  const words = header ? header.trim().split(/\s+/) : [];
  if (words.length === 0 || words[0].toLowerCase() !== 'token') {
    return { ok: true, caller: { kind: 'anonymous' } };
  }
  if (words.length === 1) {
    return { ok: false, detail: 'Invalid token header. No credentials provided.' };
  }
  if (words.length > 2) {
    return {
      ok: false,
      detail: 'Invalid token header. Token string should not contain spaces.',
    };
  }
  if (words[1] === keys.owner) return { ok: true, caller: { kind: 'user', owner: true } };
  if (words[1] === keys.other) return { ok: true, caller: { kind: 'user', owner: false } };
  return { ok: false, detail: 'Invalid token.' };
}
