/**
 * Reads of file bytes that only look at blocks already in memory, for the metadata prefetcher.
 *
 * A read that needs a block not in memory notes the block and throws NotCached: the prefetcher
 * then loads every block noted in one round and parses again, one level further each round.
 * `want` notes blocks that are needed next (data, heaps) without reading them now.
 */
import type { ReadAt } from '../lazyFileNode';

export class NotCached extends Error {
  constructor() {
    super('Block not in memory yet.');
    this.name = 'NotCached';
  }
}

/** Larger wants are taken as damaged lengths, not metadata worth loading ahead. */
const MAX_WANT_BYTES = 16 * 1024 * 1024;

/** A block in memory, or undefined (BlockReader.cached fits). */
export type PeekBlock = (index: number) => Uint8Array | undefined;

export class CachedBlocks {
  /** Blocks noted as missing, in the order they were first needed. */
  readonly missing = new Set<number>();

  constructor(
    private readonly peek: PeekBlock,
    private readonly blockSize: number,
    private readonly fileSize: number,
  ) {}

  /** A ReadAt for FileBytes: copies from memory, or notes the missing blocks and throws. */
  readonly readAt: ReadAt = (position, target) => {
    const end = Math.min(position + target.byteLength, this.fileSize);
    if (end <= position) return 0;
    const blocks = this.blocksOf(position, end);
    const lacking = blocks.filter((i) => !this.peek(i));
    if (lacking.length > 0) {
      for (const i of lacking) this.missing.add(i);
      throw new NotCached();
    }
    let written = 0;
    for (const i of blocks) {
      const block = this.peek(i)!;
      const start = i * this.blockSize;
      const from = Math.max(position, start) - start;
      const to = Math.min(end, start + block.byteLength) - start;
      if (to <= from) break;
      target.set(block.subarray(from, to), written);
      written += to - from;
    }
    return written;
  };

  /** Notes the blocks of a byte range that are not in memory, without reading them. */
  want(position: number, length: number): void {
    if (!(length <= MAX_WANT_BYTES)) return;
    const end = Math.min(position + length, this.fileSize);
    if (end <= position) return;
    for (const i of this.blocksOf(position, end)) if (!this.peek(i)) this.missing.add(i);
  }

  private blocksOf(position: number, end: number): number[] {
    const first = Math.floor(position / this.blockSize);
    const last = Math.floor((end - 1) / this.blockSize);
    return Array.from({ length: last - first + 1 }, (_, k) => first + k);
  }
}

/** Runs `fn`; a NotCached read ends this branch only (its blocks are noted), other ones go on. */
export function attempt<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (error) {
    if (error instanceof NotCached) return undefined;
    throw error;
  }
}
