import { describe, expect, it } from 'vitest';
import { cutBlocks } from './cutBlocks';

const bytes = (n: number, from = 0) => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);

describe('cutBlocks', () => {
  it('cuts whole blocks at their file offsets, the short last block included', () => {
    // A 10-byte file in blocks of 4: [0,4) [4,8) [8,10).
    const blocks = cutBlocks(0, bytes(10), 4, 10);
    expect([...blocks.keys()]).toEqual([0, 1, 2]);
    expect([...blocks.get(1)!]).toEqual([4, 5, 6, 7]);
    expect([...blocks.get(2)!]).toEqual([8, 9]);
  });

  it('leaves out pieces of blocks at either end, or stops at the first one', () => {
    // Bytes [2, 9) of a 20-byte file: only block 1 ([4,8)) is whole.
    expect([...cutBlocks(2, bytes(7, 2), 4, 20).keys()]).toEqual([1]);
    // A probe of 6 bytes from 0: block 0 whole, block 1 cut short.
    expect([...cutBlocks(0, bytes(6), 4, 20, true).keys()]).toEqual([0]);
  });

  it('never copies a response that is exactly one block, and copies the others', () => {
    const one = bytes(4, 4);
    expect(cutBlocks(4, one, 4, 20).get(1)).toBe(one);
    const many = bytes(8);
    const cut = cutBlocks(0, many, 4, 20);
    expect(cut.get(0)!.buffer).not.toBe(many.buffer);
  });
});
