/**
 * Where the stored chunks of a hyperslab are, read from the dataset's chunk index in the file's
 * own bytes, so that all of them can be fetched in one round before HDF5 reads them.
 *
 * HDF5 reads the chunks of a selection one after another: with a cold cache every chunk is a
 * miss, a round trip, and (with the retry-on-miss bridge) one more run of the whole read. Knowing
 * the chunks' addresses up front turns those rounds into one. This is a prefetch only: a layout
 * or index not read here returns null and the read goes on as before, and HDF5 still reads and
 * checks every byte itself.
 *
 * Read here: version 3 layouts with a version 1 B-tree (the index of files written with HDF5's
 * default format, most NWB files) and version 4 single-chunk layouts. The walk goes level by
 * level (`step`), so the caller can gather the index nodes one level needs in one round too.
 */
import type { Selection } from '../reader/contract';
import { ByteCursor, type FileBytes } from './fileBytes';
import { findHeaderMessage, MSG_LAYOUT } from './storageSize';

/** A stored chunk: its file address (relative to the superblock) and stored size. */
export interface ChunkExtent {
  address: number;
  size: number;
}

interface IndexNode {
  address: number;
}

/** Per dimension, the chunk origins a selection touches: [first, last] in elements. */
interface ChunkBox {
  first: number[];
  last: number[];
  chunk: number[];
}

export class ChunkWalk {
  /** Chunks found so far (complete once `done`). */
  readonly chunks: ChunkExtent[] = [];
  private pending: IndexNode[];

  private constructor(
    private readonly file: FileBytes,
    root: number,
    /** Dimensionality of the index keys: the dataset's rank plus one (the element size). */
    private readonly keyDims: number,
    private readonly box: ChunkBox,
  ) {
    this.pending = [{ address: root }];
  }

  /**
   * A walk over the chunks `selection` overlaps, or null when the layout is not one read here.
   * `address` is the dataset's object header. Reads bytes, so it may throw a block miss.
   */
  static start(
    file: FileBytes,
    address: number,
    shape: number[],
    selection: Selection,
  ): ChunkWalk | { chunks: ChunkExtent[] } | null {
    const layout = findHeaderMessage(file, address, MSG_LAYOUT);
    if (!layout) return null;
    const { offsetSize, lengthSize } = file.geometry();
    const version = layout.u8();
    if (layout.u8() !== 2) return null; // not chunked
    if (version === 3) {
      const keyDims = layout.u8();
      const root = layout.address(offsetSize);
      if (root === null) return { chunks: [] }; // nothing written yet
      const chunk = Array.from({ length: keyDims - 1 }, () => layout.uint(4));
      const box = chunkBox(shape, selection, chunk);
      return box ? new ChunkWalk(file, root, keyDims, box) : null;
    }
    if (version === 4) {
      const flags = layout.u8();
      const rank = layout.u8();
      const dimBytes = layout.u8();
      const dims = Array.from({ length: rank }, () => layout.uint(dimBytes));
      if (layout.u8() !== 1) return null; // only the single-chunk index
      const chunkBytes = dims.reduce((a, b) => a * b, 1);
      const size = flags & 0x2 ? layout.uint(lengthSize) : chunkBytes;
      if (flags & 0x2) layout.skip(4); // filter mask
      const at = layout.address(offsetSize);
      return { chunks: at === null ? [] : [{ address: at, size }] };
    }
    return null;
  }

  get done(): boolean {
    return this.pending.length === 0;
  }

  /**
   * Reads every index node pending now and queues the children that may hold selected chunks;
   * returns how many nodes wait for bytes not loaded yet (their misses are noted by the block
   * reader in probe mode). Any other failure ends the walk with what it found, as a prefetch may.
   */
  step(isMiss: (error: unknown) => boolean): number {
    const next: IndexNode[] = [];
    let waiting = 0;
    for (const node of this.pending) {
      try {
        this.readNode(node.address, next);
      } catch (error) {
        if (!isMiss(error)) {
          this.pending = [];
          return 0;
        }
        next.push(node);
        waiting++;
      }
    }
    this.pending = next;
    return waiting;
  }

  private readNode(address: number, next: IndexNode[]): void {
    const { offsetSize } = this.file.geometry();
    const head = this.file.at(address, 8 + 2 * offsetSize);
    if (head.ascii(4) !== 'TREE' || head.u8() !== 1) throw new Error('not a chunk B-tree node');
    const level = head.u8();
    const entries = head.uint(2);
    const keySize = 8 + this.keyDims * 8;
    const body = this.file.at(
      address + 8 + 2 * offsetSize,
      entries * (keySize + offsetSize) + keySize,
    );
    const readKey = (cursor: ByteCursor) => {
      const size = cursor.uint(4);
      cursor.skip(4); // filter mask
      const origin = Array.from({ length: this.keyDims }, () => cursor.uint(8));
      return { size, origin };
    };
    let key = readKey(body);
    for (let i = 0; i < entries; i++) {
      const child = body.uint(offsetSize);
      const following = readKey(body);
      if (level === 0) {
        if (this.overlaps(key.origin)) this.chunks.push({ address: child, size: key.size });
      } else if (this.mayHold(key.origin, following.origin)) {
        next.push({ address: child });
      }
      key = following;
    }
  }

  /** Whether the chunk at `origin` lies inside the selection's box of chunks. */
  private overlaps(origin: number[]): boolean {
    const { first, last } = this.box;
    return first.every((f, d) => origin[d] >= f && origin[d] <= last[d]);
  }

  /**
   * Whether a subtree whose chunks lie between `low` (inclusive) and `high` (exclusive) in the
   * index's order (row-major over chunk origins) may hold a selected chunk. Conservative: it
   * compares with the first and last selected origins only, and leaves decide exactly.
   */
  private mayHold(low: number[], high: number[]): boolean {
    const first = [...this.box.first, 0];
    const last = [...this.box.last, 0];
    return compare(low, last) <= 0 && compare(high, first) > 0;
  }
}

/** The chunk origins a selection touches, per dimension; null when the selection is empty. */
function chunkBox(shape: number[], selection: Selection, chunk: number[]): ChunkBox | null {
  if (chunk.length !== shape.length || chunk.some((c) => c <= 0)) return null;
  const first: number[] = [];
  const last: number[] = [];
  for (let d = 0; d < shape.length; d++) {
    const range = selection[d] ?? { start: 0, stop: shape[d] };
    if (range.stop <= range.start) return null;
    first.push(Math.floor(range.start / chunk[d]) * chunk[d]);
    last.push(Math.floor((range.stop - 1) / chunk[d]) * chunk[d]);
  }
  return { first, last, chunk };
}

function compare(a: number[], b: number[]): number {
  for (let d = 0; d < Math.min(a.length, b.length); d++) {
    if (a[d] !== b[d]) return a[d] < b[d] ? -1 : 1;
  }
  return 0;
}
