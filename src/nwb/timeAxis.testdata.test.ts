/**
 * The time axis of every TimeSeries in ../shared/testdata, against h5py's reading of the same
 * file (an independent reader): length, first and last time. Searching is checked on the way:
 * the index found for the last time is the last sample.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_PYTHON,
  TESTDATA,
  findHdf5Files,
  openLocalReader,
  runPythonJson,
} from '../testing/localFiles';
import { TimeSearcher, axisBounds, readTimeAxis } from './timeAxis';

const SCRIPT = path.resolve(__dirname, '../testing/h5py_time_axes.py');

interface Expected {
  path: string;
  dataLength: number | null;
  kind: 'rate' | 'timestamps';
  length: number;
  first: number;
  last: number;
}

describe.skipIf(!DEBIAN_PYTHON)('time axes of the real test files', () => {
  const files = findHdf5Files();
  const expected = DEBIAN_PYTHON
    ? runPythonJson<Record<string, Expected[] | { error: string }>>(SCRIPT, files)
    : {};
  let checked = 0;

  for (const file of files) {
    const series = expected[file];
    if (!Array.isArray(series) || series.length === 0) continue;
    it(`${path.relative(TESTDATA, file)} (${series.length} series)`, async () => {
      const reader = await openLocalReader(file);
      try {
        for (const want of series) {
          const report = await readTimeAxis(reader, want.path, want.dataLength);
          const axis = report.axis;
          expect(axis, `${want.path}: ${report.problems.join(' ')}`).not.toBeNull();
          if (!axis) continue;
          expect(axis.kind, want.path).toBe(want.kind);
          expect(axis.length, want.path).toBe(want.length);
          const [first, last] = axisBounds(axis);
          expect(first, want.path).toBeCloseTo(want.first, 9);
          // The rate axis ends where the data ends; timestamps at their own last element.
          expect(last, want.path).toBeCloseTo(want.last, 6);
          checked++;
          if (axis.length === 0) continue; // timestamps without data: nothing to place
          const searcher = new TimeSearcher(reader, axis);
          expect(await searcher.timeAt(0), want.path).toBeCloseTo(want.first, 9);
          if (axis.length > 0 && want.first < want.last) {
            const lastIndex = axis.length - 1;
            const lastTime = await searcher.timeAt(lastIndex);
            const found = await searcher.lowerBound(lastTime);
            expect(await searcher.timeAt(found), want.path).toBeCloseTo(lastTime, 9);
          }
        }
      } finally {
        await reader.close();
      }
    });
  }

  it('found time series to check', () => {
    expect(Object.values(expected).flat().length).toBeGreaterThan(20);
    void checked;
  });
});
