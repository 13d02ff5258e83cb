/**
 * How the loader runs one network read, as wrappers that each add one thing to a range read and
 * return the same shape (the style of zarrita's store wrappers), stacked where a file is opened:
 *
 *   withConcurrencyLimit(withRetries(withMeter(read, meter, name), retry), semaphore)
 *
 * reads: one slot of the semaphore for the whole read, retries inside it, and every attempt
 * counted as a request. Nothing here knows about blocks or files: any keyed byte source (a Zarr
 * store's `getRange(key, range)` bound to its key) can run through the same stack.
 */
import type { ByteRange, RangeReadResult } from '../bytes/ByteSource';
import { withRetry, type RetryOptions } from '../bytes/retry';
import type { LoaderMeter } from './loaderMeter';
import type { Semaphore } from './Semaphore';

export type RangeRead = (range: ByteRange, signal: AbortSignal) => Promise<RangeReadResult>;

/** Counts each attempt as a request, with its bytes and the activity shown to the user. */
export function withMeter(read: RangeRead, meter: LoaderMeter, name: string): RangeRead {
  return async (range, signal) => {
    meter.requestStarted(range.start, range.end, name);
    let received = 0;
    try {
      const result = await read(range, signal);
      received = result.data.byteLength;
      return result;
    } finally {
      meter.requestEnded(received);
    }
  };
}

/** Retries network errors, 5xx and 429 with backoff (see bytes/retry.ts). */
export function withRetries(
  read: RangeRead,
  options: Omit<RetryOptions, 'signal'> = {},
): RangeRead {
  return (range, signal) => withRetry(() => read(range, signal), { ...options, signal });
}

/** Holds one slot of a semaphore (shared by every file) for the whole read, retries included. */
export function withConcurrencyLimit(read: RangeRead, semaphore: Semaphore): RangeRead {
  return async (range, signal) => {
    const release = await semaphore.acquire(signal);
    try {
      return await read(range, signal);
    } finally {
      release();
    }
  };
}
