/** Turns an HTTP status into the ExplorerError the UI acts on. */
import { ExplorerError } from '../errors';

/**
 * An ExplorerError that also carries the server's Retry-After, so the retry loop can honour it
 * without the shared error type growing HTTP-specific fields.
 */
export class HttpStatusError extends ExplorerError {
  readonly status: number;
  readonly retryAfterMs: number | undefined;

  constructor(
    code: ConstructorParameters<typeof ExplorerError>[0],
    message: string,
    status: number,
    retryAfterMs?: number,
  ) {
    super(code, message);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; undefined when absent or bad. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * `where` names the request (its URL, see shownUrl); the message adds what was expected (the
 * file's bytes) and what to do, so a failure never needs a second look at the console.
 */
export function errorForStatus(
  status: number,
  where: string,
  retryAfter: string | null = null,
): HttpStatusError {
  const got = `${where} answered HTTP ${status} where the file's bytes were expected`;
  if (status === 404 || status === 410) {
    return new HttpStatusError(
      'not-found',
      `${got}: not found. Check the address (a link may have moved or expired).`,
      status,
    );
  }
  if (status === 401 || status === 403) {
    const why = status === 401 ? 'it needs authentication' : 'access refused';
    return new HttpStatusError(
      'forbidden',
      `${got}: ${why}. Check the token or keys, or ask for a fresh link.`,
      status,
    );
  }
  if (status === 429 || status >= 500) {
    return new HttpStatusError(
      'server',
      `${got}: server error. Try again later.`,
      status,
      parseRetryAfter(retryAfter),
    );
  }
  // Other statuses are not transient: never retried.
  return new HttpStatusError(
    'internal',
    `${got}: an unexpected status. Check the address points at the file itself.`,
    status,
  );
}
