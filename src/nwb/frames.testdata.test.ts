/**
 * Every frame source in ../shared/testdata (ImageSeries data, image masks, Image datasets), read
 * as the frame viewer reads it, against h5py's reading of the same frames by the NWB schema's
 * meaning of the axes: the number of frames, and the first and last frame's values.
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
import { frameLayout, readFrame, type FrameSource } from './frames';

const SCRIPT = path.resolve(__dirname, '../testing/h5py_frames.py');

interface FrameSummary {
  count: number;
  sum: number;
  head: number[];
}

interface Expected {
  path: string;
  source: FrameSource;
  shape: number[];
  frames: number;
  first?: FrameSummary;
  last?: FrameSummary;
}

function expectSameFrame(values: Float64Array, want: FrameSummary, where: string) {
  expect(values.length, where).toBe(want.count);
  expect(Array.from(values.subarray(0, want.head.length)), where).toEqual(want.head);
  const sum = values.reduce((a, b) => a + b, 0);
  expect(sum, where).toBeCloseTo(want.sum, 6);
}

describe.skipIf(!DEBIAN_PYTHON)('frames of the real test files', () => {
  const files = findHdf5Files();
  const expected = DEBIAN_PYTHON
    ? runPythonJson<Record<string, Expected[] | { error: string }>>(SCRIPT, files)
    : {};
  const all = Object.values(expected).flatMap((v) => (Array.isArray(v) ? v : []));

  for (const file of files) {
    const sources = expected[file];
    if (!Array.isArray(sources) || sources.length === 0) continue;
    it(`${path.relative(TESTDATA, file)} (${sources.length} frame sources)`, async () => {
      const reader = await openLocalReader(file);
      try {
        for (const want of sources) {
          const info = await reader.describeDataset(want.path);
          const layout = (
            frameLayout as (i: unknown, s?: unknown) => ReturnType<typeof frameLayout>
          )(info, want.source);
          expect(layout, want.path).not.toBeNull();
          if (!layout) continue;
          expect(layout.frames, want.path).toBe(want.frames);
          if (!want.first || !want.last) continue;
          const first = await readFrame(reader, want.path, layout, 0);
          expectSameFrame(first.values, want.first, `${want.path} frame 0`);
          const last = await readFrame(reader, want.path, layout, layout.frames - 1);
          expectSameFrame(last.values, want.last, `${want.path} frame ${layout.frames - 1}`);
        }
      } finally {
        await reader.close();
      }
    });
  }

  it('found the single-frame stack and the series without frames among them', () => {
    // A stack of one frame (shape [1, 2, 4]) and series whose data is empty ([0, 0, 0]) are the
    // shapes a layout guessed from the shape alone got wrong.
    expect(all.some((e) => e.source === 'stack' && e.frames === 1)).toBe(true);
    expect(all.some((e) => e.frames === 0)).toBe(true);
    expect(all.some((e) => e.source === 'image')).toBe(true);
    expect(all.length).toBeGreaterThan(8);
  });
});
