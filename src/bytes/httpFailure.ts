/**
 * Why a fetch() failed, told precisely and fast. Both HTTP sources (HttpRangeSource for files,
 * HttpObjectSource for Zarr objects) send their requests through `fetchOrExplain`, so a failure
 * reads the same whichever format asked.
 *
 * The browser rejects a request refused by CORS exactly like one to a host that is down: a bare
 * TypeError. Retrying a refusal only delays the message (it fails the same way every time), so on
 * a rejection we send one `no-cors` HEAD: a host that answers it (an opaque response) is up and
 * refusing this page, which is a 'cors' error, never retried; a host that does not answer it is
 * unreachable, a 'network' error the retry loop may cure.
 */
import { ExplorerError } from '../errors';
import { cancelledError } from './abort';

/** Longest wait for the no-cors probe: a refusal is reported well under 2 s. */
const PROBE_TIMEOUT_MS = 1500;

/** Answers whether the host at `url` answers at all, whatever its CORS headers. */
export type ReachabilityProbe = (url: string, signal?: AbortSignal) => Promise<boolean>;

/**
 * A `no-cors` HEAD: no custom headers (a token or a signature never goes with it), no body, no
 * preflight. It resolves with an opaque response when the host answered. The app's COEP is
 * `credentialless`, which lets such a request through without a Cross-Origin-Resource-Policy.
 */
export const probeNoCors: ReachabilityProbe = async (url, signal) => {
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), PROBE_TIMEOUT_MS);
  const onAbort = () => timeout.abort();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await fetch(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: timeout.signal,
    });
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
};

/**
 * The URL as shown in a message: origin and path. A query string may hold a presigned URL's
 * signature, which has no place in an error a user may paste into a bug report.
 */
export function shownUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
  } catch {
    return url;
  }
}

export interface ExplainOptions {
  signal?: AbortSignal;
  probe?: ReachabilityProbe;
  /** Headers the request carried (a token, a signature): the preflight had to allow them. */
  sentHeaders?: readonly string[];
}

/** fetch() that rejects only with an ExplorerError saying what went wrong and what to do. */
export async function fetchOrExplain(
  fetchImpl: typeof fetch,
  url: string,
  init: RequestInit,
  options: ExplainOptions = {},
): Promise<Response> {
  try {
    return await fetchImpl(url, init);
  } catch (e) {
    throw await explainRejection(e, url, options);
  }
}

/** Turns what fetch() rejected with into 'cancelled', 'cors' or 'network'. */
export async function explainRejection(
  e: unknown,
  url: string,
  { signal, probe = probeNoCors, sentHeaders = [] }: ExplainOptions,
): Promise<ExplorerError> {
  if (signal?.aborted) return cancelledError();
  if (e instanceof ExplorerError) return e;
  if ((e as { name?: unknown } | null)?.name === 'AbortError') return cancelledError();
  if (!(e instanceof TypeError)) {
    return new ExplorerError(
      'internal',
      `${shownUrl(url)}: ${String((e as Error)?.message ?? e)}`,
      {
        cause: e,
      },
    );
  }
  const mixed = mixedContent(url);
  if (mixed) return new ExplorerError('network', mixed, { cause: e });
  const answered = await probe(url, signal);
  if (signal?.aborted) return cancelledError();
  if (answered) return new ExplorerError('cors', corsAdvice(url, sentHeaders), { cause: e });
  return new ExplorerError(
    'network',
    `Could not reach ${hostOf(url)}: no answer from ${shownUrl(url)}. ` +
      'Check the address and your connection, then retry.',
    { cause: e },
  );
}

/** The server settings the page needs, named, so the user can pass them to whoever runs it. */
function corsAdvice(url: string, sentHeaders: readonly string[]): string {
  const origin = pageOrigin();
  const allowHeaders = ['Range', ...sentHeaders.filter((h) => h.toLowerCase() !== 'range')];
  return (
    `${hostOf(url)} answered, but its CORS headers do not let this page (${origin}) read ` +
    `${shownUrl(url)}. The server must send Access-Control-Allow-Origin: ${origin} (or *), ` +
    `allow the request headers (Access-Control-Allow-Headers: ${allowHeaders.join(', ')}) and ` +
    'expose Content-Range, Content-Length and ETag (Access-Control-Expose-Headers).'
  );
}

/** An https page may not fetch http: the browser blocks it before any request leaves. */
function mixedContent(url: string): string | null {
  const page = globalThis.location?.protocol;
  let target: string;
  try {
    target = new URL(url).protocol;
  } catch {
    return null;
  }
  if (page !== 'https:' || target !== 'http:') return null;
  return (
    `${shownUrl(url)} is plain http, which this https page may not read (mixed content). ` +
    'Use the https address of the file.'
  );
}

function pageOrigin(): string {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? origin : 'this page';
}

export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}
