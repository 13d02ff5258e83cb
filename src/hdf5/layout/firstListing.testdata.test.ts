/**
 * The root listing parsed from a file's opening blocks (what a first visit draws the tree from
 * before h5wasm is ready) against the HDF5 reader's own listing, on every HDF5 file we have:
 * where the parser answers, its answer is exactly the reader's; where it declines, the reader
 * answers as before. It must answer for most files, or it gains nothing.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NEURODATA_ATTRS } from '../../nwb/attrs';
import { BLOCK_SIZE } from '../../cache/types';
import { TESTDATA, findHdf5Files, openLocalReader } from '../../testing/localFiles';
import { FileBytes } from '../fileBytes';
import { openingBlocks } from '../openingBlocks';
import { CachedBlocks } from './cachedBlocks';
import { rootListingFromBlocks } from './firstListing';

const ATTRS = [...NEURODATA_ATTRS];

/** The given blocks of a file on disk, as the loader holds them after the opening reads. */
function blocksOf(file: string, indices: number[], size: number): Map<number, Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    const out = new Map<number, Uint8Array>();
    for (const i of indices) {
      const block = new Uint8Array(Math.min(BLOCK_SIZE, size - i * BLOCK_SIZE));
      readSync(fd, block, 0, block.byteLength, i * BLOCK_SIZE);
      out.set(i, block);
    }
    return out;
  } finally {
    closeSync(fd);
  }
}

function parse(blocks: Map<number, Uint8Array>, size: number) {
  const cached = new CachedBlocks((i) => blocks.get(i), BLOCK_SIZE, size);
  return rootListingFromBlocks(new FileBytes(cached.readAt), size, ATTRS);
}

describe('root listing from the opening blocks', () => {
  const files = findHdf5Files();
  const answered: string[] = [];

  for (const file of files) {
    it(path.relative(TESTDATA, file), async () => {
      const size = statSync(file).size;
      const parsed = parse(blocksOf(file, openingBlocks(size), size), size);
      if (parsed === null) return;
      answered.push(file);
      const reader = await openLocalReader(file).catch(() => null);
      expect(reader, 'the parser answered for a file the reader cannot open').not.toBeNull();
      try {
        expect(parsed).toEqual(await reader!.listChildren('/', { attrs: ATTRS }));
      } finally {
        await reader!.close();
      }
    });
  }

  it('answers for most files, and declines a truncated one', () => {
    expect(answered.length).toBeGreaterThan(files.length / 2);
    const file = answered.find((f) => statSync(f).size > 4 * BLOCK_SIZE)!;
    const size = statSync(file).size;
    const cut = size - BLOCK_SIZE;
    const blocks = blocksOf(file, openingBlocks(cut), cut);
    expect(parse(blocks, cut)).toBeNull();
  });
});
