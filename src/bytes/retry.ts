/** Retries transient failures (network drops, 5xx, 429) with exponential backoff and jitter. */
import { asExplorerError, type ExplorerError } from '../errors';
import { cancelledError, sleep, throwIfAborted } from './abort';

export interface RetryOptions {
  /** Retries after the first attempt. Default 4. */
  maxRetries?: number;
  /** First backoff; doubles each retry. Default 200 ms. */
  baseDelayMs?: number;
  /** Longest wait between attempts, Retry-After included. Default 10 s. */
  maxDelayMs?: number;
  signal?: AbortSignal;
  /** Called before each wait; `attempt` is the retry number, from 1. */
  onRetry?: (info: { attempt: number; error: ExplorerError; delayMs: number }) => void;
  /** Replaceable for tests. */
  random?: () => number;
}

/** Only failures that another attempt may cure: never 4xx other than 429, never a cancel. */
export function isRetryable(error: ExplorerError): boolean {
  return error.code === 'network' || error.code === 'server';
}

function retryAfterOf(error: unknown): number | undefined {
  const v = (error as { retryAfterMs?: unknown }).retryAfterMs;
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function backoffDelay(
  attempt: number,
  baseDelayMs: number,
  maxDelayMs: number,
  random: () => number,
): number {
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  // "Equal jitter": half fixed, half random, so clients that failed together spread out.
  return exp / 2 + random() * (exp / 2);
}

export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  opts: RetryOptions = {},
): Promise<T> {
  const maxRetries = opts.maxRetries ?? 4;
  const base = opts.baseDelayMs ?? 200;
  const maxDelay = opts.maxDelayMs ?? 10_000;
  const random = opts.random ?? Math.random;
  for (let attempt = 0; ; attempt++) {
    throwIfAborted(opts.signal);
    try {
      return await fn(attempt);
    } catch (e) {
      const error = asExplorerError(e);
      if (opts.signal?.aborted) throw cancelledError();
      if (!isRetryable(error) || attempt >= maxRetries) throw error;
      const hinted = retryAfterOf(e);
      const delayMs = Math.min(
        maxDelay,
        hinted !== undefined
          ? Math.max(hinted, base)
          : backoffDelay(attempt + 1, base, maxDelay, random),
      );
      opts.onRetry?.({ attempt: attempt + 1, error, delayMs });
      await sleep(delayMs, opts.signal);
    }
  }
}
