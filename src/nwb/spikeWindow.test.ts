/**
 * The windowed spike read against a brute-force filter, over runs that span many blocks (a fake
 * reader with 7-element chunks), and the number of blocks it reads: few per unit, not the runs.
 */
import { describe, expect, it } from 'vitest';
import type { DataReader, DatasetInfo, Selection } from '../reader/contract';
import { readSlicesEach } from '../reader/readSlices';
import type { UnitsInfo } from './spikeRaster';
import { readSpikesInWindow, SpikeTimesSearcher } from './spikeWindow';

function memoryReader(values: Float64Array, chunk: number): DataReader {
  const info: DatasetInfo = {
    path: '/units/spike_times',
    shape: [values.length],
    maxshape: null,
    dtype: { class: 'float', size: 8, description: 'float64' },
    chunks: [chunk],
    filters: [],
    storedBytes: null,
    memoryBytes: values.length * 8,
    elementCount: values.length,
  };
  const unused = () => Promise.reject(new Error('not used'));
  const reader: DataReader = {
    summary: unused,
    listChildren: unused,
    getAttributes: unused,
    getKind: unused,
    reduceMinMax: unused,
    close: async () => {},
    describeDataset: async () => info,
    readSlice: async (_path: string, selection: Selection) => {
      const { start, stop } = selection[0];
      return { shape: [stop - start], values: values.slice(start, stop) };
    },
    readSlices: (requests, options) => readSlicesEach(reader, requests, options),
  };
  return reader;
}

describe('readSpikesInWindow', () => {
  it('finds the spikes of each unit in a window like a filter, reading few blocks', async () => {
    // 5 units of 0..400 sorted spikes over 0..100 s (a seeded generator: the same every run).
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const runs = [400, 0, 3, 250, 399].map((n) =>
      Float64Array.from({ length: n }, () => random() * 100).sort(),
    );
    const all = new Float64Array(runs.reduce((s, r) => s + r.length, 0));
    const ends = new Float64Array(runs.length);
    let at = 0;
    runs.forEach((run, u) => {
      all.set(run, at);
      at += run.length;
      ends[u] = at;
    });
    const units: UnitsInfo = {
      path: '/units',
      count: runs.length,
      ids: runs.map((_, i) => String(i)),
      ends,
      totalSpikes: all.length,
    };
    const searcher = await SpikeTimesSearcher.open(memoryReader(all, 7), units);
    for (const [t0, t1] of [
      [10, 11],
      [0, 100],
      [-5, 0.5],
      [99.5, 200],
      [50, 50],
    ] as const) {
      const got = await readSpikesInWindow(searcher, units, 0, units.count, [t0, t1]);
      expect(got.map((t) => Array.from(t))).toEqual(
        runs.map((run) => Array.from(run).filter((t) => t >= t0 && t <= t1)),
      );
    }
    // A fresh searcher for a 1 s window: binary search touches about log2(blocks) per edge.
    const narrow = await SpikeTimesSearcher.open(memoryReader(all, 7), units);
    await readSpikesInWindow(narrow, units, 0, units.count, [10, 11]);
    const blocks = Math.ceil(all.length / 7);
    expect(narrow.reads).toBeLessThan(blocks / 4);
  });

  it('asks for the blocks of all units together: one readSlices call per step of the search', async () => {
    // 200 units of 300 sorted spikes each over 0..100 s, 16-element chunks (19 blocks per unit).
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const runs = Array.from({ length: 200 }, () =>
      Float64Array.from({ length: 300 }, () => random() * 100).sort(),
    );
    const all = new Float64Array(runs.length * 300);
    runs.forEach((run, u) => all.set(run, u * 300));
    const units: UnitsInfo = {
      path: '/units',
      count: runs.length,
      ids: runs.map((_, i) => String(i)),
      ends: Float64Array.from(runs, (_, u) => (u + 1) * 300),
      totalSpikes: all.length,
    };
    const reader = memoryReader(all, 16);
    let calls = 0;
    const counted: DataReader = {
      ...reader,
      readSlices: (requests, options) => {
        calls++;
        return reader.readSlices(requests, options);
      },
    };
    const searcher = await SpikeTimesSearcher.open(counted, units);
    const got = await readSpikesInWindow(searcher, units, 0, units.count, [40, 45]);
    expect(got.map((t) => Array.from(t))).toEqual(
      runs.map((run) => Array.from(run).filter((t) => t >= 40 && t <= 45)),
    );
    // Each unit's search takes about log2(19) + 2 steps; one call per step, not one per block.
    expect(searcher.reads).toBeGreaterThan(runs.length);
    expect(calls).toBe(searcher.batchReads);
    expect(calls).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(19)) + 3);
  });
});
