/**
 * One error type for every layer, with a code the UI can act on.
 *
 * Errors cross worker boundaries (comlink sends only name, message and stack), so the code
 * travels in `name` as "ExplorerError:<code>" and is recovered with `asExplorerError`.
 */

export type ErrorCode =
  /** HTTP 404 / missing local file. */
  | 'not-found'
  /** HTTP 401 / 403. */
  | 'forbidden'
  /** fetch() rejected: CORS refusal or the host could not be reached. */
  | 'network'
  /** The browser refused a cross-origin response (the host answered, but without CORS headers). */
  | 'cors'
  /** The server answered a Range request with the whole body (200) or ignored the range. */
  | 'no-range-support'
  /** The file ends before the bytes its own structure points at (e.g. a truncated download). */
  | 'truncated'
  /** Bytes that are not HDF5 (or not Zarr). */
  | 'not-hdf5'
  /** A server error that survived the retries (5xx, 429). */
  | 'server'
  /** The file on the server changed since its blocks were cached. */
  | 'changed'
  /** Persistent cache could not store blocks even after eviction. */
  | 'quota'
  /** A read too large to do at once. */
  | 'too-large'
  /** The user (or a newer request) cancelled. */
  | 'cancelled'
  /** A format feature we do not read (a filter, a codec, a dtype). */
  | 'unsupported'
  /** Anything else: a bug or an unexpected library error. */
  | 'internal';

/** Every code once, so a code that crossed a worker as text can be checked, not trusted. */
const CODES: Record<ErrorCode, true> = {
  'not-found': true,
  forbidden: true,
  network: true,
  cors: true,
  'no-range-support': true,
  truncated: true,
  'not-hdf5': true,
  server: true,
  changed: true,
  quota: true,
  'too-large': true,
  cancelled: true,
  unsupported: true,
  internal: true,
};

export function isErrorCode(text: string): text is ErrorCode {
  return Object.hasOwn(CODES, text);
}

const PREFIX = 'ExplorerError:';

export class ExplorerError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    // The code rides in `name` so it survives structured cloning and comlink's error transfer.
    this.name = PREFIX + code;
  }
}

/** Recovers an ExplorerError from anything thrown, including one that crossed a worker. */
export function asExplorerError(error: unknown): ExplorerError {
  if (error instanceof ExplorerError) return error;
  if (
    error instanceof Error ||
    (typeof error === 'object' && error !== null && 'message' in error)
  ) {
    const e = error as { name?: unknown; message?: unknown };
    const name = typeof e.name === 'string' ? e.name : '';
    const message = typeof e.message === 'string' ? e.message : String(error);
    if (name.startsWith(PREFIX)) {
      // An unknown code (a newer worker, a forged name) is a bug to report, with its message kept.
      const code = name.slice(PREFIX.length);
      return new ExplorerError(isErrorCode(code) ? code : 'internal', message);
    }
    if (name === 'AbortError') return new ExplorerError('cancelled', 'Cancelled.');
    return new ExplorerError('internal', message || 'Unexpected error.', { cause: error });
  }
  return new ExplorerError('internal', String(error));
}

export function isCancelled(error: unknown): boolean {
  return asExplorerError(error).code === 'cancelled';
}
