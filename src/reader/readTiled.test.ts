import { describe, expect, it } from 'vitest';
import { ExplorerError } from '../errors';
import type { DataReader, DatasetInfo, Selection, SliceResult } from './contract';
import { previewSelection, readTiled, PREVIEW_CHUNK_BUDGET_BYTES } from './readTiled';

/** A 2-D float64 dataset whose value at (r, c) is r * 100 + c, served by a counting fake reader. */
function fakeReader() {
  const calls: Selection[] = [];
  const reader: Pick<DataReader, 'readSlice'> = {
    async readSlice(_path: string, selection: Selection): Promise<SliceResult> {
      calls.push(selection);
      const [r, c] = selection;
      const rStep = r.step ?? 1;
      const out: number[] = [];
      for (let i = r.start; i < r.stop; i += rStep) {
        for (let j = c.start; j < c.stop; j++) out.push(i * 100 + j);
      }
      return {
        shape: [Math.ceil((r.stop - r.start) / rStep), c.stop - c.start],
        values: Float64Array.from(out),
      };
    },
  };
  return { reader: reader as DataReader, calls };
}

function info(shape: number[], chunks: number[] | null, size = 8): DatasetInfo {
  const elementCount = shape.reduce((a, b) => a * b, 1);
  return {
    path: '/d',
    shape,
    maxshape: shape,
    dtype: { class: 'float', size, description: 'float64' },
    chunks,
    filters: [],
    storedBytes: null,
    memoryBytes: elementCount * size,
    elementCount,
  };
}

describe('readTiled', () => {
  it('splits along the first dimension and concatenates in order', async () => {
    const { reader, calls } = fakeReader();
    const progress: number[] = [];
    const result = await readTiled(
      reader,
      '/d',
      [
        { start: 0, stop: 10 },
        { start: 0, stop: 3 },
      ],
      8,
      { maxElementsPerRead: 9, onProgress: (done) => progress.push(done) },
    );
    expect(calls).toHaveLength(4);
    expect(result.shape).toEqual([10, 3]);
    expect(result.values).toBeInstanceOf(Float64Array);
    expect(Array.from(result.values as Float64Array).slice(27)).toEqual([900, 901, 902]);
    expect(progress.at(-1)).toBe(30);
  });

  it('honours steps across tiles', async () => {
    const { reader } = fakeReader();
    const result = await readTiled(
      reader,
      '/d',
      [
        { start: 1, stop: 10, step: 3 },
        { start: 0, stop: 1 },
      ],
      8,
      { maxElementsPerRead: 2 },
    );
    expect(Array.from(result.values as Float64Array)).toEqual([100, 400, 700]);
  });

  it('respects the byte limit', async () => {
    const { reader, calls } = fakeReader();
    await readTiled(
      reader,
      '/d',
      [
        { start: 0, stop: 8 },
        { start: 0, stop: 2 },
      ],
      8,
      { maxBytesPerRead: 32 },
    );
    expect(calls).toHaveLength(4);
  });

  it('stops between tiles when cancelled', async () => {
    const { reader, calls } = fakeReader();
    const controller = new AbortController();
    const promise = readTiled(
      reader,
      '/d',
      [
        { start: 0, stop: 10 },
        { start: 0, stop: 1 },
      ],
      8,
      {
        maxElementsPerRead: 2,
        signal: controller.signal,
        onProgress: (done) => {
          if (done >= 4) controller.abort();
        },
      },
    );
    await expect(promise).rejects.toMatchObject({ code: 'cancelled' });
    expect(calls.length).toBe(2);
  });

  it('refuses when a single row is larger than one read', async () => {
    const { reader } = fakeReader();
    await expect(
      readTiled(
        reader,
        '/d',
        [
          { start: 0, stop: 2 },
          { start: 0, stop: 10 },
        ],
        8,
        { maxElementsPerRead: 5 },
      ),
    ).rejects.toBeInstanceOf(ExplorerError);
  });
});

describe('previewSelection', () => {
  it('takes leading rows of a 1-D dataset', () => {
    const plan = previewSelection(info([5_000_000_000], null));
    expect(plan.ok && plan.selection).toEqual([{ start: 0, stop: 1000 }]);
  });

  it('takes first rows and columns of a 2-D dataset', () => {
    const plan = previewSelection(info([1_000_000, 384], [10_000, 64]));
    expect(plan.ok && plan.shape).toEqual([50, 20]);
  });

  it('shows small datasets whole', () => {
    const plan = previewSelection(info([3, 4], null));
    expect(plan.ok && plan.complete).toBe(true);
  });

  it('handles scalars', () => {
    const plan = previewSelection(info([], null));
    expect(plan.ok && plan.selection).toEqual([]);
  });

  it('keeps the chunks it touches under the budget', () => {
    // Chunks of 1 x 4M float64 = 32 MiB; 1000 rows would touch 1000 chunks.
    const plan = previewSelection(info([100_000, 4_000_000], [1, 4_000_000]));
    expect(plan.ok).toBe(true);
    if (plan.ok) {
      expect(plan.chunkBytes).toBeLessThanOrEqual(PREVIEW_CHUNK_BUDGET_BYTES);
      expect(plan.shape[0]).toBe(2);
    }
  });

  it('refuses when one chunk is over the budget', () => {
    const plan = previewSelection(info([100, 100_000_000], [1, 100_000_000]));
    expect(plan.ok).toBe(false);
  });
});
