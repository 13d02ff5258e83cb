/**
 * Spike times per unit from a real Units table, against h5py's reading of the same ragged column
 * (spike_times split by spike_times_index), and the window search against a filter.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEBIAN_PYTHON, TESTDATA, openLocalReader } from '../testing/localFiles';
import { execFileSync } from 'node:child_process';
import { describeUnits, readUnitSpikes, spikesInWindow } from './spikeRaster';
import { readSpikesInWindow, SpikeTimesSearcher, spikeTimeBounds } from './spikeWindow';

const FILE = path.join(TESTDATA, 'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb');

describe.skipIf(!DEBIAN_PYTHON)('spike raster reads', () => {
  it('splits spike_times by unit like h5py, and finds a window', async () => {
    const script = `
import h5py, json, sys
f = h5py.File(sys.argv[1], 'r')
idx = f['/units/spike_times_index'][()]
st = f['/units/spike_times'][()]
out, start = [], 0
for end in idx:
    out.append([float(v) for v in st[start:end]]); start = int(end)
print(json.dumps({'ids': [int(v) for v in f['/units/id'][()]], 'units': out}))
`;
    const want = JSON.parse(
      execFileSync(DEBIAN_PYTHON!, ['-c', script, FILE], { encoding: 'utf8' }),
    ) as { ids: number[]; units: number[][] };
    const reader = await openLocalReader(FILE);
    try {
      const units = await describeUnits(reader, '/units');
      expect(units.count).toBe(want.units.length);
      expect(units.ids).toEqual(want.ids.map(String));
      const perUnit = await readUnitSpikes(reader, units, 1, units.count);
      expect(perUnit.map((t) => Array.from(t))).toEqual(want.units.slice(1));
      const [t0, t1] = [0.5, 1.5];
      const inside = spikesInWindow(perUnit, t0, t1);
      expect(inside.map((t) => Array.from(t))).toEqual(
        want.units.slice(1).map((times) => times.filter((t) => t >= t0 && t <= t1)),
      );

      // The windowed read: binary search inside each unit's run, only the spikes in the window.
      const searcher = await SpikeTimesSearcher.open(reader, units);
      for (const [a, b] of [
        [0.5, 1.5],
        [-10, 0.25],
        [1e9, 2e9],
      ] as const) {
        const windowed = await readSpikesInWindow(searcher, units, 0, units.count, [a, b]);
        expect(windowed.map((t) => Array.from(t))).toEqual(
          want.units.map((times) => times.filter((t) => t >= a && t <= b)),
        );
      }
      const all = want.units.flat();
      expect(await spikeTimeBounds(searcher, units, 0, units.count)).toEqual([
        Math.min(...want.units.map((t) => t[0])),
        Math.max(...want.units.map((t) => t[t.length - 1])),
      ]);
      expect(all.length).toBe(units.totalSpikes);
    } finally {
      await reader.close();
    }
  });
});
