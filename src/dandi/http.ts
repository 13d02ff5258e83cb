/**
 * One JSON GET against the DANDI API, with a timeout and errors turned into ExplorerErrors the UI
 * can act on. The API key is attached only when the request goes to the API's own origin: `next`
 * links and URLs found in responses are followed through here too, and must never carry it
 * elsewhere.
 *
 * A key the archive does not know is refused with 401 "Invalid token." on every endpoint, public
 * ones included (DRF's TokenAuthentication runs before any view). So a 401 to a request that
 * carried the key means the key is stale: the request is made again without it, and the caller
 * is told (`onKeyRejected`) so the user can be asked to forget it.
 */
import { ExplorerError } from '../errors';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface ApiRequestContext {
  /** Origin of the API base; the only origin that ever sees the key. */
  apiOrigin: string;
  apiKey: string | null;
  timeoutMs: number;
  fetchImpl: typeof fetch;
  /** The archive answered 401 to a request that carried the key: the key is not valid. */
  onKeyRejected?(): void;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** What a 404 means here, in the user's words ("Dandiset 000017 does not exist."). */
  notFound?: string;
  /** The URL to ask without the key after a stale key's 401 (default: the same URL). */
  anonymousUrl?: string;
}

/** An error the API answered, with its status and the archive's own words when it gave any. */
export class DandiApiError extends ExplorerError {
  constructor(
    code: ConstructorParameters<typeof ExplorerError>[0],
    message: string,
    readonly status: number,
    readonly archiveMessage: string | null,
  ) {
    super(code, message);
  }
}

/** Headers for a request to `url`: the key only for the API origin. */
export function authHeaders(url: string, ctx: Pick<ApiRequestContext, 'apiOrigin' | 'apiKey'>) {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (ctx.apiKey && new URL(url).origin === ctx.apiOrigin) {
    headers.Authorization = `token ${ctx.apiKey}`;
  }
  return headers;
}

export async function getJson<T>(
  url: string,
  ctx: ApiRequestContext,
  options: RequestOptions = {},
): Promise<T> {
  const headers = authHeaders(url, ctx);
  let response = await fetchWithTimeout(url, { headers }, ctx, options.signal);
  let keyRefused = false;
  if (response.status === 401 && 'Authorization' in headers) {
    await response.body?.cancel().catch(() => undefined);
    keyRefused = true;
    ctx.onKeyRejected?.();
    const anonymous = options.anonymousUrl ?? url;
    response = await fetchWithTimeout(
      anonymous,
      { headers: authHeaders(anonymous, { ...ctx, apiKey: null }) },
      ctx,
      options.signal,
    );
  }
  if (!response.ok) {
    const said = await archiveMessage(response);
    throw httpError(response.status, 'Authorization' in headers, url, options.notFound, {
      archiveMessage: said,
      keyRefused,
    });
  }
  try {
    return (await response.json()) as T;
  } catch (cause) {
    throw new ExplorerError('server', `The DANDI API sent something that is not JSON (${url}).`, {
      cause,
    });
  }
}

/**
 * fetch() with a deadline. The caller's abort is 'cancelled'; our deadline is a 'network' error
 * (the API is down or too slow), which the UI offers to retry.
 */
export async function fetchWithTimeout(
  url: string,
  init: RequestInit,
  ctx: Pick<ApiRequestContext, 'timeoutMs' | 'fetchImpl'>,
  signal?: AbortSignal,
): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ctx.timeoutMs);
  const combined = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
  try {
    return await ctx.fetchImpl(url, { ...init, signal: combined });
  } catch (cause) {
    if (signal?.aborted) throw new ExplorerError('cancelled', 'Cancelled.', { cause });
    if (deadline.signal.aborted) {
      throw new ExplorerError(
        'network',
        `The DANDI API did not answer within ${Math.round(ctx.timeoutMs / 1000)} s (${hostOf(url)}).`,
        { cause },
      );
    }
    throw new ExplorerError('network', `Could not reach the DANDI API at ${hostOf(url)}.`, {
      cause,
    });
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What the archive said in an error body, as text: DRF's `{"detail": "..."}`, a validation
 * error's `{"field": "..." | ["..."]}`, or the bare JSON string dandi-archive sends for its own
 * errors. Null for a body that is not JSON (a proxy's HTML page). Never more than 2 KB is kept.
 */
export async function archiveMessage(response: Response): Promise<string | null> {
  let text: string;
  try {
    text = await response.text();
  } catch {
    return null;
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const flat = (v: unknown): string[] =>
    typeof v === 'string'
      ? [v]
      : Array.isArray(v)
        ? v.flatMap(flat)
        : v && typeof v === 'object'
          ? Object.values(v).flatMap(flat)
          : [];
  const said = flat(body).join(' ').trim();
  return said ? said.slice(0, 2000) : null;
}

export function httpError(
  status: number,
  keySent: boolean,
  url: string,
  notFound?: string,
  extra: { archiveMessage?: string | null; keyRefused?: boolean } = {},
): DandiApiError {
  const said = extra.archiveMessage ?? null;
  const error = (code: ConstructorParameters<typeof ExplorerError>[0], message: string) =>
    new DandiApiError(code, message, status, said);
  if (status === 404) {
    return error('not-found', notFound ?? `Not found on the DANDI API: ${url}`);
  }
  if (status === 401 || status === 403) {
    if (extra.keyRefused) {
      return error(
        'forbidden',
        'The DANDI API key is no longer valid (the archive answered “Invalid token.”), and this dandiset is embargoed: paste a current key to open it.',
      );
    }
    return error(
      'forbidden',
      keySent
        ? 'The DANDI API key was refused: it is wrong, expired, or does not give access to this dandiset.'
        : 'This dandiset is embargoed: paste a DANDI API key to open it.',
    );
  }
  if (status === 429 || status >= 500) {
    return error('server', `The DANDI API answered ${status}; try again shortly.`);
  }
  if (said) return error('server', `The DANDI API refused the request: ${said}`);
  return error('server', `The DANDI API answered ${status} for ${url}.`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
