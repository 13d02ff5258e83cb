/**
 * The selection encodings HDF5 writes, built byte by byte from the file format specification
 * (H5S_select_serialize). Versions 1 and 2 also come from real h5py files in the testdata test;
 * version 3 (HDF5 1.12 with the newest format) is only reachable here.
 */
import { describe, expect, it } from 'vitest';
import { ByteCursor } from './fileBytes';
import { decodeSelection } from './regionSelection';

/** Little-endian bytes of `value` in `size` bytes. */
function le(value: number, size: number): number[] {
  return Array.from({ length: size }, (_, i) => Math.floor(value / 256 ** i) % 256);
}

function decode(bytes: number[]) {
  return decodeSelection(new ByteCursor(Uint8Array.from(bytes)));
}

describe('decodeSelection', () => {
  it('reads version 1 points and hyperslab blocks', () => {
    const points = [...le(1, 4), ...le(1, 4), ...le(0, 4), ...le(20, 4), ...le(2, 4), ...le(2, 4)];
    points.push(...le(3, 4), ...le(0, 4), ...le(5, 4), ...le(1, 4));
    expect(decode(points)).toEqual({
      kind: 'points',
      points: [
        [3, 0],
        [5, 1],
      ],
    });

    const slab = [...le(2, 4), ...le(1, 4), ...le(0, 4), ...le(36, 4), ...le(1, 4), ...le(2, 4)];
    slab.push(...le(0, 4), ...le(3, 4), ...le(8, 4), ...le(9, 4));
    expect(decode(slab)).toEqual({
      kind: 'hyperslab',
      blocks: [
        { start: [0], end: [3] },
        { start: [8], end: [9] },
      ],
    });
  });

  it('expands a regular hyperslab (version 2, 8-byte fields) into its blocks, row-major', () => {
    // rank 2: rows start 1 stride 2 count 2 block 1; columns start 0 stride 4 count 2 block 2.
    const bytes = [...le(2, 4), ...le(2, 4), 1, ...le(0, 4), ...le(2, 4)];
    for (const n of [1, 2, 2, 1, 0, 4, 2, 2]) bytes.push(...le(n, 8));
    expect(decode(bytes)).toEqual({
      kind: 'hyperslab',
      blocks: [
        { start: [1, 0], end: [1, 1] },
        { start: [1, 4], end: [1, 5] },
        { start: [3, 0], end: [3, 1] },
        { start: [3, 4], end: [3, 5] },
      ],
    });
  });

  it('reads version 3 with its own field size, regular and irregular', () => {
    const regular = [...le(2, 4), ...le(3, 4), 1, 2, ...le(1, 4)];
    for (const n of [10, 5, 3, 2]) regular.push(...le(n, 2));
    expect(decode(regular)).toEqual({
      kind: 'hyperslab',
      blocks: [
        { start: [10], end: [11] },
        { start: [15], end: [16] },
        { start: [20], end: [21] },
      ],
    });
    const irregular = [...le(2, 4), ...le(3, 4), 0, 4, ...le(1, 4), ...le(2, 4)];
    for (const n of [0, 0, 7, 300]) irregular.push(...le(n, 4));
    expect(decode(irregular)).toEqual({
      kind: 'hyperslab',
      blocks: [
        { start: [0], end: [0] },
        { start: [7], end: [300] },
      ],
    });
    const points = [
      ...le(1, 4),
      ...le(2, 4),
      8,
      ...le(1, 4),
      ...le(2, 8),
      ...le(4, 8),
      ...le(9, 8),
    ];
    expect(decode(points)).toEqual({ kind: 'points', points: [[4], [9]] });
  });

  it('reads "all" and "none", and refuses what it does not know', () => {
    expect(decode([...le(3, 4), ...le(1, 4), ...le(0, 8)])).toEqual({ kind: 'all' });
    expect(decode([...le(0, 4), ...le(1, 4), ...le(0, 8)])).toEqual({ kind: 'none' });
    expect(() => decode([...le(9, 4), ...le(1, 4)])).toThrow(/Unknown selection type/);
  });
});
