import { describe, expect, it } from 'vitest';
import type { ByteRange, RangeReadResult } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { LoaderMeter } from './loaderMeter';
import { withConcurrencyLimit, withMeter, withRetries, type RangeRead } from './rangeReads';
import { Semaphore } from './Semaphore';

const ok = (range: ByteRange): RangeReadResult => ({
  data: new Uint8Array(range.end - range.start),
  seen: {},
});
const signal = () => new AbortController().signal;

describe('range read wrappers', () => {
  it('withMeter counts each attempt, its bytes and the activity while it runs', async () => {
    const meter = new LoaderMeter();
    let during: string | null = null;
    const read = withMeter(
      async (range) => {
        during = meter.stats().current;
        return ok(range);
      },
      meter,
      'f.nwb',
    );
    await read({ start: 0, end: 2048 }, signal());
    expect(during).toBe('bytes 0 B–2.00 KiB of f.nwb');
    expect(meter.stats()).toMatchObject({
      requests: 1,
      bytesFetched: 2048,
      inFlight: 0,
      current: null,
    });
  });

  it('withRetries retries a server error, not a refusal, and every attempt is metered', async () => {
    const meter = new LoaderMeter();
    let calls = 0;
    const flaky: RangeRead = async (range) => {
      if (++calls < 3) throw new ExplorerError('server', '503');
      return ok(range);
    };
    const read = withRetries(withMeter(flaky, meter, 'f'), { baseDelayMs: 1 });
    await read({ start: 0, end: 10 }, signal());
    expect(calls).toBe(3);
    expect(meter.stats().requests).toBe(3);

    let refusals = 0;
    const refused = withRetries(
      async () => {
        refusals++;
        throw new ExplorerError('forbidden', '403');
      },
      { baseDelayMs: 1 },
    );
    await expect(refused({ start: 0, end: 1 }, signal())).rejects.toMatchObject({
      code: 'forbidden',
    });
    expect(refusals).toBe(1);
  });

  it('withConcurrencyLimit holds one slot per read, shared by every reader of the semaphore', async () => {
    const semaphore = new Semaphore(2);
    let active = 0;
    let most = 0;
    const slow: RangeRead = async (range) => {
      most = Math.max(most, ++active);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      return ok(range);
    };
    const a = withConcurrencyLimit(slow, semaphore);
    const b = withConcurrencyLimit(slow, semaphore);
    await Promise.all([a, b, a, b, a].map((read, i) => read({ start: i, end: i + 1 }, signal())));
    expect(most).toBe(2);
  });

  it('a cancelled waiter leaves the queue without a request', async () => {
    const semaphore = new Semaphore(1);
    let calls = 0;
    let finish!: () => void;
    const read = withConcurrencyLimit(async (range) => {
      calls++;
      await new Promise<void>((r) => (finish = r));
      return ok(range);
    }, semaphore);
    const first = read({ start: 0, end: 1 }, signal());
    const controller = new AbortController();
    const second = read({ start: 1, end: 2 }, controller.signal);
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    finish();
    await first;
    expect(calls).toBe(1);
  });
});

describe('LoaderMeter', () => {
  it('keeps the newest warnings, with their reasons', () => {
    const meter = new LoaderMeter();
    for (let i = 0; i < 25; i++) meter.warn(`Problem ${i}`, new Error(`reason ${i}`));
    const { warnings } = meter.stats();
    expect(warnings).toHaveLength(20);
    expect(warnings.at(-1)).toBe('Problem 24: reason 24');
  });
});
