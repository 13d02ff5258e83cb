/**
 * One JSON GET against the DANDI API, with a timeout and errors turned into ExplorerErrors the UI
 * can act on. The API key is attached only when the request goes to the API's own origin: `next`
 * links and URLs found in responses are followed through here too, and must never carry it
 * elsewhere.
 */
import { ExplorerError } from '../errors';

export const DEFAULT_TIMEOUT_MS = 15_000;

export interface ApiRequestContext {
  /** Origin of the API base; the only origin that ever sees the key. */
  apiOrigin: string;
  apiKey: string | null;
  timeoutMs: number;
  fetchImpl: typeof fetch;
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** What a 404 means here, in the user's words ("Dandiset 000017 does not exist."). */
  notFound?: string;
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
  const response = await fetchWithTimeout(url, { headers }, ctx, options.signal);
  if (!response.ok) {
    // Drain so the connection can be reused; the body of an error is not needed.
    await response.body?.cancel().catch(() => undefined);
    throw httpError(response.status, 'Authorization' in headers, url, options.notFound);
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

export function httpError(
  status: number,
  keySent: boolean,
  url: string,
  notFound?: string,
): ExplorerError {
  if (status === 404) {
    return new ExplorerError('not-found', notFound ?? `Not found on the DANDI API: ${url}`);
  }
  if (status === 401 || status === 403) {
    return new ExplorerError(
      'forbidden',
      keySent
        ? 'The DANDI API key was refused: it is wrong, expired, or does not give access to this dandiset.'
        : 'This dandiset is embargoed: paste a DANDI API key to open it.',
    );
  }
  if (status === 429 || status >= 500) {
    return new ExplorerError('server', `The DANDI API answered ${status}; try again shortly.`);
  }
  return new ExplorerError('server', `The DANDI API answered ${status} for ${url}.`);
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
