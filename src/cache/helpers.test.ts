import { describe, expect, it, vi } from 'vitest';
import { ReadaheadWindow } from './readahead';
import { groupRuns } from './runs';
import { Semaphore } from './Semaphore';
import { StatsEmitter } from './StatsEmitter';

describe('groupRuns', () => {
  it('groups adjacent indices, dedupes, sorts and splits long runs', () => {
    expect(groupRuns([5, 1, 2, 3, 3, 9, 10])).toEqual([
      { first: 1, count: 3 },
      { first: 5, count: 1 },
      { first: 9, count: 2 },
    ]);
    expect(groupRuns([0, 1, 2, 3, 4], 2)).toEqual([
      { first: 0, count: 2 },
      { first: 2, count: 2 },
      { first: 4, count: 1 },
    ]);
  });
});

describe('ReadaheadWindow', () => {
  it('doubles on sequential loads up to the cap, resets on a jump', () => {
    const w = new ReadaheadWindow(0, 8);
    const step = (first: number, last = first) => {
      const n = w.next(first);
      w.record(last, last + n);
      return n;
    };
    expect(step(0)).toBe(0);
    expect(step(1)).toBe(1);
    expect(step(3)).toBe(2);
    expect(step(6)).toBe(4);
    expect(step(11)).toBe(8);
    expect(step(20)).toBe(8);
    expect(step(100)).toBe(0);
  });
});

describe('Semaphore', () => {
  it('bounds holders and lets an aborted waiter leave the queue', async () => {
    const s = new Semaphore(1);
    const r1 = await s.acquire();
    const ac = new AbortController();
    const p2 = s.acquire(ac.signal);
    const p3 = s.acquire();
    ac.abort();
    await expect(p2).rejects.toMatchObject({ code: 'cancelled' });
    expect(s.inUse).toBe(1);
    r1();
    const r3 = await p3;
    expect(s.inUse).toBe(1);
    r3();
    expect(s.inUse).toBe(0);
  });
});

describe('StatsEmitter', () => {
  it('throttles busy updates and reports idle at once', () => {
    vi.useFakeTimers();
    try {
      let n = 0;
      const e = new StatsEmitter(() => ++n, 100);
      const seen: number[] = [];
      e.subscribe((s) => seen.push(s));
      e.changed(false); // first: immediately
      e.changed(false);
      e.changed(false);
      expect(seen).toEqual([1]);
      vi.advanceTimersByTime(100);
      expect(seen).toEqual([1, 2]);
      e.changed(true);
      expect(seen).toEqual([1, 2, 3]);
    } finally {
      vi.useRealTimers();
    }
  });
});
