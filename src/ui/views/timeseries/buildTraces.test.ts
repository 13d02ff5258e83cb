/** NaN runs are drawn as gaps and counted (so the pane can say so), never as numbers. */
import { describe, expect, it } from 'vitest';
import { buildTraces } from './buildTraces';
import type { WindowData } from './loadWindow';

const page = { start: 0, stop: 1, labels: ['a'], conversion: 1, offset: 0 };

describe('buildTraces', () => {
  it('counts raw samples that hold NaN and leaves them out of the line', () => {
    const data: WindowData = {
      mode: 'raw',
      rows: [0, 5],
      columnStart: 0,
      columns: 1,
      times: Float64Array.from([0, 1, 2, 3, 4]),
      values: Float64Array.from([1, NaN, NaN, 4, 5]),
      done: 1,
      complete: true,
    };
    const set = buildTraces(data, page);
    expect(set.gaps).toBe(2);
    expect(set.traces[0].y).toEqual([1, null, null, 4, 5]);
  });

  it('counts empty bins of a finished envelope, not of one still filling', () => {
    const base: WindowData = {
      mode: 'envelope',
      rows: [0, 300],
      columnStart: 0,
      columns: 1,
      times: Float64Array.from([0, 1, 2]),
      min: Float64Array.from([0, NaN, 1]),
      max: Float64Array.from([2, NaN, 3]),
      done: 1,
      complete: true,
    };
    const done = buildTraces(base, page);
    expect(done.gaps).toBe(1);
    expect(done.points).toBe(6);
    expect(buildTraces({ ...base, complete: false, done: 0.5 }, page).gaps).toBe(0);
  });

  it('draws a channel of one constant value as event ticks, and a varying one as a line', () => {
    const raw = (values: number[]): WindowData => ({
      mode: 'raw',
      rows: [0, values.length],
      columnStart: 0,
      columns: 1,
      times: Float64Array.from(values, (_, i) => i * 0.5),
      values: Float64Array.from(values),
      done: 1,
      complete: true,
    });
    const licks = buildTraces(raw([1, 1, 1, 1]), page).traces[0];
    expect(licks.mode).toBe('markers');
    expect(licks.x).toEqual([0, 0.5, 1, 1.5]);
    expect(buildTraces(raw([1, 2, 1, 3]), page).traces[0].mode).toBe('lines');
  });
});
