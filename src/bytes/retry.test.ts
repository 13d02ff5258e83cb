import { describe, expect, it } from 'vitest';
import { ExplorerError, type ErrorCode } from '../errors';
import { HttpStatusError, errorForStatus, parseRetryAfter } from './httpStatus';
import { backoffDelay, withRetry } from './retry';

function failing(codes: ErrorCode[], value = 'ok') {
  let calls = 0;
  const fn = async () => {
    const code = codes[calls++];
    if (code) throw new ExplorerError(code, code);
    return value;
  };
  return { fn, calls: () => calls };
}

describe('withRetry', () => {
  it('retries network and server errors, then succeeds', async () => {
    const f = failing(['network', 'server', 'network']);
    const retries: number[] = [];
    expect(await withRetry(f.fn, { baseDelayMs: 1, onRetry: (r) => retries.push(r.attempt) })).toBe(
      'ok',
    );
    expect(f.calls()).toBe(4);
    expect(retries).toEqual([1, 2, 3]);
  });

  it('gives up after maxRetries with the last error', async () => {
    const f = failing(['server', 'server', 'server', 'server']);
    await expect(withRetry(f.fn, { maxRetries: 2, baseDelayMs: 1 })).rejects.toMatchObject({
      code: 'server',
    });
    expect(f.calls()).toBe(3);
  });

  it.each<ErrorCode>([
    'forbidden',
    'not-found',
    'cancelled',
    'no-range-support',
    'truncated',
    'changed',
  ])('never retries %s', async (code) => {
    const f = failing([code]);
    await expect(withRetry(f.fn, { baseDelayMs: 1 })).rejects.toMatchObject({ code });
    expect(f.calls()).toBe(1);
  });

  it('honours Retry-After, capped by maxDelayMs', async () => {
    let calls = 0;
    const delays: number[] = [];
    const fn = async () => {
      if (calls++ === 0) throw new HttpStatusError('server', '503', 503, 150);
      return 'ok';
    };
    const t0 = Date.now();
    await withRetry(fn, { baseDelayMs: 1, onRetry: (r) => delays.push(r.delayMs) });
    expect(delays).toEqual([150]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(140);

    calls = 0;
    delays.length = 0;
    const fn2 = async () => {
      if (calls++ === 0) throw new HttpStatusError('server', '429', 429, 60_000);
      return 'ok';
    };
    await withRetry(fn2, {
      baseDelayMs: 1,
      maxDelayMs: 20,
      onRetry: (r) => delays.push(r.delayMs),
    });
    expect(delays).toEqual([20]);
  });

  it('backoff grows exponentially with jitter within [d/2, d]', () => {
    expect(backoffDelay(1, 200, 10_000, () => 0)).toBe(100);
    expect(backoffDelay(1, 200, 10_000, () => 1)).toBe(200);
    expect(backoffDelay(3, 200, 10_000, () => 1)).toBe(800);
    expect(backoffDelay(20, 200, 10_000, () => 1)).toBe(10_000);
  });

  it('an abort during the wait rejects with cancelled at once', async () => {
    const ac = new AbortController();
    const f = failing(['network', 'network']);
    const t0 = Date.now();
    const p = withRetry(f.fn, { baseDelayMs: 5_000, signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(f.calls()).toBe(1);
  });
});

describe('errorForStatus / parseRetryAfter', () => {
  it('maps statuses and reads Retry-After', () => {
    expect(errorForStatus(404, 'f').code).toBe('not-found');
    expect(errorForStatus(403, 'f').message).toMatch(/403/);
    expect(errorForStatus(401, 'f').code).toBe('forbidden');
    expect(errorForStatus(503, 'f', '2')).toMatchObject({ code: 'server', retryAfterMs: 2000 });
    expect(errorForStatus(400, 'f').code).toBe('internal');
    expect(
      parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', Date.parse('Wed, 01 Jan 2025 00:00:00 GMT')),
    ).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
