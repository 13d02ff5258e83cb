/**
 * Searching an irregular time axis: lowerBound against a linear scan, reading only a few blocks
 * (never the whole timestamps dataset).
 */
import { describe, expect, it } from 'vitest';
import type { DataReader, Selection } from '../reader/contract';
import { TimeSearcher, readTimeAxis } from './timeAxis';

function fakeSeries(timestamps: Float64Array, chunk: number) {
  let elementsRead = 0;
  const reader = {
    getKind: async (path: string) => (path.endsWith('/timestamps') ? 'dataset' : null),
    getAttributes: async () => [],
    describeDataset: async (path: string) => ({
      path,
      shape: [timestamps.length],
      maxshape: [timestamps.length],
      dtype: { class: 'float', size: 8, description: 'float64' },
      chunks: [chunk],
      filters: [],
      storedBytes: null,
      memoryBytes: timestamps.length * 8,
      elementCount: timestamps.length,
    }),
    readSlice: async (_path: string, sel: Selection) => {
      elementsRead += sel[0].stop - sel[0].start;
      return {
        shape: [sel[0].stop - sel[0].start],
        values: timestamps.slice(sel[0].start, sel[0].stop),
      };
    },
  } as unknown as DataReader;
  return { reader, read: () => elementsRead };
}

describe('TimeSearcher on irregular timestamps', () => {
  it('finds the first sample at or after a time like a linear scan, reading few blocks', async () => {
    const n = 1_000_000;
    const ts = new Float64Array(n);
    let t = 12.5;
    for (let i = 0; i < n; i++) {
      ts[i] = t;
      t += 0.001 + ((i * 7919) % 13) * 0.0005; // irregular steps
    }
    const { reader, read } = fakeSeries(ts, 4096);
    const report = await readTimeAxis(reader, '/s', n);
    expect(report.problems).toEqual([]);
    const searcher = new TimeSearcher(reader, report.axis!);
    const probes = [
      ts[0] - 1,
      ts[0],
      ts[1] - 1e-7,
      ts[777_777],
      ts[777_777] + 1e-9,
      ts[n - 1],
      ts[n - 1] + 1,
    ];
    for (const q of probes) {
      let want = 0;
      while (want < n && ts[want] < q) want++;
      expect(await searcher.lowerBound(q)).toBe(want);
    }
    // ~log2(245 blocks) block reads per search, never the million elements.
    expect(read()).toBeLessThan(n / 4);
  });

  it('says when a series has neither timestamps nor a rate, and when lengths differ', async () => {
    const { reader } = fakeSeries(new Float64Array([3, 2, 1]), 3);
    const mismatch = await readTimeAxis(reader, '/s', 5);
    expect(mismatch.problems.join(' ')).toMatch(/5 samples but there are 3 timestamps/);
    expect(mismatch.problems.join(' ')).toMatch(/go backwards/);
    const none = await readTimeAxis(
      { ...reader, getKind: async () => null } as DataReader,
      '/s',
      5,
    );
    expect(none.axis).toBeNull();
    expect(none.problems[0]).toMatch(/neither timestamps nor a starting time/);
  });

  it('notices timestamps that go backwards inside a block (searches are then approximate)', async () => {
    const ts = Float64Array.from({ length: 100 }, (_, i) => i);
    ts[60] = 10;
    const { reader } = fakeSeries(ts, 25);
    const { axis } = await readTimeAxis(reader, '/s', 100);
    const searcher = new TimeSearcher(reader, axis!);
    expect(searcher.nonMonotonic).toBe(false);
    await searcher.lowerBound(60);
    expect(searcher.nonMonotonic).toBe(true);
  });
});
