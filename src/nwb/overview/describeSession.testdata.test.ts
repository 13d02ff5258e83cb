/**
 * The overview's duration of series that have timestamps and no rate, on real files: it equals
 * h5py's last minus first timestamp (Debian's python3-h5py), and only those two timestamps are
 * read, never the whole array.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DataReader, Selection } from '../../reader/contract';
import { openLocalReader } from '../../testing/localFiles';
import { describeSession } from './describeSession';

const TESTDATA = path.resolve(__dirname, '../../../../shared/testdata');
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const FILES = [
  'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
  'nwb-explorer/test/nwb_files/pynwb_test_files/test_timestamps_linking.nwb',
];

/** Every timestamps-only series of a file, path -> h5py's ts[-1] - ts[0]. */
function h5pySpans(file: string): Record<string, number> {
  const script = `
import h5py, json, sys
f = h5py.File(sys.argv[1], 'r')
out = {}
def visit(name, obj):
    if isinstance(obj, h5py.Group) and 'timestamps' in obj and 'starting_time' not in obj \\
            and 'data' in obj and obj['timestamps'].ndim == 1 and len(obj['timestamps']) > 0:
        ts = obj['timestamps']
        out['/' + name] = float(ts[-1] - ts[0])
f.visititems(visit)
print(json.dumps(out))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, file], { encoding: 'utf8' }));
}

/** The reader, recording every selection read from a `timestamps` dataset. */
function recording(reader: DataReader, reads: Selection[]): DataReader {
  const note = (path: string, selection: Selection) => {
    if (path.endsWith('/timestamps')) reads.push(selection);
  };
  return Object.assign(Object.create(reader) as DataReader, {
    readSlice: (path: string, selection: Selection, options?: object) => {
      note(path, selection);
      return reader.readSlice(path, selection, options);
    },
    readSlices: (requests: { path: string; selection: Selection }[], options?: object) => {
      for (const r of requests) note(r.path, r.selection);
      return reader.readSlices(requests, options);
    },
  });
}

describe('session overview: duration from timestamps', () => {
  for (const name of FILES) {
    it(name, async () => {
      const file = path.join(TESTDATA, name);
      const reader = await openLocalReader(file);
      const reads: Selection[] = [];
      const overview = await describeSession(recording(reader, reads));
      const expected = h5pySpans(file);
      expect(Object.keys(expected).length).toBeGreaterThan(0);
      for (const [seriesPath, span] of Object.entries(expected)) {
        const shown = overview.objects.find((o) => o.path === seriesPath);
        expect(shown, seriesPath).toBeDefined();
        expect(shown!.durationSeconds).toBeCloseTo(span, 9);
      }
      // One element at a time: the first and the last of each series.
      for (const selection of reads) expect(selection[0].stop - selection[0].start).toBe(1);
      expect(reads.length).toBe(2 * Object.keys(expected).length);
      await reader.close();
    });
  }
});
