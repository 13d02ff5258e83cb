/**
 * The min/max envelope against a brute-force min/max of the same values, on real files (a
 * chunked 2-D int16 LFP of the synthetic session, a small real ElectricalSeries) and on a fake
 * reader for NaN runs, progress and cancellation.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCancelled } from '../errors';
import { TESTDATA, openLocalReader } from '../testing/localFiles';
import type { DataReader, MinMaxEnvelope, MinMaxRequest, NumericArray } from './contract';
import { readTiled } from './readTiled';
import { binEdge, computeMinMaxEnvelope, stridedOrder } from './minMaxEnvelope';

/** Plain loops over the raw rows: the reference the envelope must equal. */
function bruteForce(
  values: ArrayLike<number | bigint>,
  width: number,
  request: MinMaxRequest,
): { min: number[]; max: number[] } {
  const rows = request.stop - request.start;
  const bins = Math.min(request.bins, rows);
  const min: number[] = [];
  const max: number[] = [];
  for (let b = 0; b < bins; b++) {
    const from = Math.floor((b * rows) / bins);
    const to = Math.floor(((b + 1) * rows) / bins);
    for (let c = 0; c < width; c++) {
      let lo = NaN;
      let hi = NaN;
      for (let r = from; r < to; r++) {
        const v = Number(values[r * width + c]);
        if (Number.isNaN(v)) continue;
        if (Number.isNaN(lo) || v < lo) lo = v;
        if (Number.isNaN(hi) || v > hi) hi = v;
      }
      min.push(lo);
      max.push(hi);
    }
  }
  return { min, max };
}

async function checkAgainstBruteForce(reader: DataReader, path: string, request: MinMaxRequest) {
  const info = await reader.describeDataset(path);
  const twoD = info.shape!.length === 2;
  const cols = request.columns ?? { start: 0, stop: twoD ? info.shape![1] : 1 };
  const raw = await readTiled(
    reader,
    path,
    [{ start: request.start, stop: request.stop }, ...(twoD ? [cols] : [])],
    info.dtype.size,
  );
  const width = cols.stop - cols.start;
  const want = bruteForce(raw.values as NumericArray, width, request);
  const got = await computeMinMaxEnvelope(reader, path, request);
  expect(got.complete).toBe(true);
  expect(got.columns).toBe(width);
  expect(Array.from(got.min)).toEqual(want.min);
  expect(Array.from(got.max)).toEqual(want.max);
  expect(got.rowsDone).toBe(request.stop - request.start);
  return got;
}

const SYNTHETIC = 'fixtures/generated/synthetic_session.nwb';
const LFP = '/processing/ecephys/LFP/ElectricalSeries/data';

describe('computeMinMaxEnvelope', () => {
  it.skipIf(!existsSync(SYNTHETIC))(
    'equals brute force on a chunked int16 LFP, across chunk rows and columns',
    async () => {
      const reader = await openLocalReader(SYNTHETIC);
      try {
        // 4096-row chunks, 64-column chunks: the window starts and ends mid-chunk both ways.
        await checkAgainstBruteForce(reader, LFP, {
          start: 3000,
          stop: 21000,
          bins: 337,
          columns: { start: 50, stop: 140 },
        });
      } finally {
        await reader.close();
      }
    },
    120_000,
  );

  it('equals brute force on a real ElectricalSeries (every column, more bins than rows)', async () => {
    const reader = await openLocalReader(
      `${TESTDATA}/neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb`,
    );
    try {
      const path = '/acquisition/ElectricalSeries/data';
      const rows = (await reader.describeDataset(path)).shape![0];
      await checkAgainstBruteForce(reader, path, { start: 0, stop: rows, bins: 7 });
      const few = await checkAgainstBruteForce(reader, path, { start: 5, stop: 12, bins: 100 });
      expect(few.bins).toBe(7);
    } finally {
      await reader.close();
    }
  });

  it('skips NaN runs, reports a strided sample first, and stops when cancelled', async () => {
    const rows = 10_000;
    const data = new Float32Array(rows).map((_, i) => Math.sin(i / 50) * 10);
    data.fill(NaN, 2000, 2600); // a whole bin of NaN and parts of two others
    const reads: number[] = [];
    const reader = {
      describeDataset: async (path: string) => ({
        path,
        shape: [rows],
        maxshape: [rows],
        dtype: { class: 'float', size: 4, description: 'float32' },
        chunks: [500],
        filters: [],
        storedBytes: null,
        memoryBytes: rows * 4,
        elementCount: rows,
      }),
      readSlice: async (_path: string, sel: { start: number; stop: number }[]) => {
        reads.push(sel[0].start);
        return {
          shape: [sel[0].stop - sel[0].start],
          values: data.slice(sel[0].start, sel[0].stop),
        };
      },
    } as unknown as DataReader;

    const partials: MinMaxEnvelope[] = [];
    const request = { start: 0, stop: rows, bins: 40 };
    const env = await computeMinMaxEnvelope(reader, 'x', request, {
      onProgress: (p) => partials.push(p),
      progressEveryMs: 1e9,
      tileElements: 500,
    });
    const want = bruteForce(data, 1, request);
    expect(Array.from(env.min)).toEqual(want.min);
    expect(Array.from(env.max)).toEqual(want.max);
    expect(Number.isNaN(env.min[8])).toBe(true); // rows 2000..2250 are all NaN
    // Each chunk-aligned tile read once; the first reads are spread over the whole range.
    expect(reads.length).toBe(new Set(reads).size);
    expect(reads.length).toBe(20);
    expect(reads.slice(0, 4)).toEqual(
      stridedOrder(20)
        .slice(0, 4)
        .map((t) => t * 500),
    );
    expect(reads.slice(0, 4)).toEqual([0, 1000, 2000, 3000]);
    expect(partials.length).toBe(1);
    expect(partials[0].complete).toBe(false);
    expect(partials[0].rowsDone).toBeLessThan(rows);
    const spread = partials[0].filled.filter((n) => n > 0).length;
    expect(spread).toBeGreaterThan(10); // the sample touches bins all along the range

    const controller = new AbortController();
    controller.abort();
    await expect(
      computeMinMaxEnvelope(reader, 'x', request, { signal: controller.signal }),
    ).rejects.toSatisfy(isCancelled);
  });

  it('bin edges cover the rows exactly once', () => {
    const r = { start: 7, stop: 1007 };
    expect(binEdge(r, 3, 0)).toBe(7);
    expect(binEdge(r, 3, 3)).toBe(1007);
  });
});
