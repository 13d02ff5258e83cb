/**
 * The selection behind a (version 1) region reference, decoded from the file.
 *
 * h5wasm resolves a region reference to its dataset but gives no way to learn which elements
 * it selects. The reference's 12 bytes name an object in a global heap collection; that object
 * holds the target's address and the dataspace selection HDF5 serialised (H5S_select_serialize):
 * points or hyperslab blocks, in one of three encodings.
 */
import type { RegionSelection } from '../reader/contract';
import { ByteCursor, type FileBytes } from './fileBytes';
import { globalHeapObject } from './globalHeap';

const SEL_NONE = 0;
const SEL_POINTS = 1;
const SEL_HYPERSLAB = 2;
const SEL_ALL = 3;

/** Regular hyperslabs are expanded into blocks; past this many the selection is not decoded. */
const MAX_BLOCKS = 1_000_000;

/** Decodes the selection of a region reference's bytes; throws on anything it cannot read. */
export function readRegionSelection(file: FileBytes, refData: Uint8Array): RegionSelection {
  const { offsetSize } = file.geometry();
  const ref = new ByteCursor(refData);
  const heapAddress = ref.uint(offsetSize);
  const index = ref.uint(4);
  const object = globalHeapObject(file, heapAddress, index);
  const cursor = new ByteCursor(object, offsetSize); // skip the target dataset's address
  return decodeSelection(cursor);
}

export function decodeSelection(cursor: ByteCursor): RegionSelection {
  const type = cursor.uint(4);
  const version = cursor.uint(4);
  switch (type) {
    case SEL_NONE:
      return { kind: 'none' };
    case SEL_ALL:
      return { kind: 'all' };
    case SEL_POINTS:
      return { kind: 'points', points: decodePoints(cursor, version) };
    case SEL_HYPERSLAB:
      return { kind: 'hyperslab', blocks: decodeHyperslab(cursor, version) };
    default:
      throw new Error(`Unknown selection type ${type}.`);
  }
}

function decodePoints(cursor: ByteCursor, version: number): number[][] {
  let size = 4;
  if (version === 1) {
    cursor.skip(8); // reserved, length
  } else {
    size = cursor.u8();
  }
  const rank = cursor.uint(4);
  const count = cursor.uint(size);
  const points: number[][] = [];
  for (let i = 0; i < count; i++) {
    points.push(Array.from({ length: rank }, () => cursor.uint(size)));
  }
  return points;
}

function decodeHyperslab(
  cursor: ByteCursor,
  version: number,
): { start: number[]; end: number[] }[] {
  if (version === 1) {
    cursor.skip(8); // reserved, length
    const rank = cursor.uint(4);
    return irregularBlocks(cursor, rank, 4);
  }
  const flags = cursor.u8();
  let size = 8;
  if (version === 2)
    cursor.skip(4); // length
  else size = cursor.u8();
  const rank = cursor.uint(4);
  if (flags & 1) return regularBlocks(cursor, rank, size);
  return irregularBlocks(cursor, rank, size);
}

function irregularBlocks(
  cursor: ByteCursor,
  rank: number,
  size: number,
): { start: number[]; end: number[] }[] {
  const count = cursor.uint(size);
  if (count > MAX_BLOCKS) throw new Error(`${count} blocks is more than we decode.`);
  const blocks: { start: number[]; end: number[] }[] = [];
  for (let i = 0; i < count; i++) {
    const start = Array.from({ length: rank }, () => cursor.uint(size));
    const end = Array.from({ length: rank }, () => cursor.uint(size));
    blocks.push({ start, end });
  }
  return blocks;
}

/** A regular hyperslab (start, stride, count, block per dimension) as its blocks, row-major. */
function regularBlocks(
  cursor: ByteCursor,
  rank: number,
  size: number,
): { start: number[]; end: number[] }[] {
  const dims = Array.from({ length: rank }, () => {
    const [start, stride, count, block] = [0, 0, 0, 0].map(() => cursor.uint(size));
    return { start, stride, count, block };
  });
  const total = dims.reduce((n, d) => n * d.count, 1);
  if (total > MAX_BLOCKS) throw new Error(`${total} blocks is more than we decode.`);
  const blocks: { start: number[]; end: number[] }[] = [];
  const index = dims.map(() => 0);
  for (let i = 0; i < total; i++) {
    const start = dims.map((d, k) => d.start + index[k] * d.stride);
    blocks.push({ start, end: start.map((s, k) => s + dims[k].block - 1) });
    for (let k = rank - 1; k >= 0; k--) {
      if (++index[k] < dims[k].count) break;
      index[k] = 0;
    }
  }
  return blocks;
}
