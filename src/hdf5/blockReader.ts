/**
 * Turns HDF5's byte reads into block lookups: the memory cache first, the bridge for the rest.
 *
 * Runs inside HDF5's read() callback, so it must never throw anything but an Emscripten errno
 * error: a JS exception unwinding through HDF5's C frames would leave the library in a bad
 * state. Other failures are kept in `failure` and re-thrown by Hdf5Reader.run once h5wasm has
 * returned.
 */
import { asExplorerError, type ExplorerError } from '../errors';
import { EIO } from './lazyFileNode';
import { PendingWork, type SyncBridge } from './syncBridge';

/** The synchronous memory cache this reader fills (src/cache/MemoryBlockCache.ts fits). */
export interface BlockMemory {
  get(fileId: string, index: number): Uint8Array | undefined;
  set(fileId: string, index: number, data: Uint8Array): void;
}

export interface BlockReadCounters {
  bytesFromMemory: number;
}

export class BlockReader {
  /** The error that made the last read fail, other than "not loaded yet". */
  failure: ExplorerError | null = null;
  /**
   * The signal of the reader call running now (set by Hdf5Reader.run around each synchronous
   * h5wasm call): HDF5's reads cannot carry it, so the blocks they miss are asked for under it.
   */
  signal: AbortSignal | undefined = undefined;
  readonly counters: BlockReadCounters = { bytesFromMemory: 0 };
  /**
   * While set (Hdf5Reader.readSlices plans its reads), a read that misses blocks notes them here
   * by file and fails, instead of asking the bridge: many slices' misses are then loaded together.
   */
  probe: Map<string, Set<number>> | null = null;

  constructor(
    private readonly memory: BlockMemory,
    private readonly bridge: SyncBridge,
    readonly blockSize: number,
    private readonly errno: new (code: number) => Error,
  ) {}

  /** A ReadAt for lazyFileNode, bound to one file. */
  readerFor(fileId: string): (position: number, target: Uint8Array) => number {
    return (position, target) => this.readAt(fileId, position, target);
  }

  /** A block already in memory, without loading it (the metadata prefetcher parses these). */
  cached(fileId: string, index: number): Uint8Array | undefined {
    return this.memory.get(fileId, index);
  }

  /**
   * Makes blocks resident in memory ahead of HDF5's reads. Called outside HDF5's C stack, so it
   * may throw (PendingWork in retry mode, loader errors in shared-memory mode).
   */
  ensure(fileId: string, indices: number[]): void {
    const missing = indices.filter((i) => !this.memory.get(fileId, i));
    if (missing.length === 0) return;
    for (const [i, block] of this.bridge.blocks(fileId, missing, this.signal)) {
      this.memory.set(fileId, i, block);
    }
  }

  private readAt(fileId: string, position: number, target: Uint8Array): number {
    const first = Math.floor(position / this.blockSize);
    const last = Math.floor((position + target.byteLength - 1) / this.blockSize);
    const found = new Map<number, Uint8Array>();
    const missing: number[] = [];
    for (let i = first; i <= last; i++) {
      const block = this.memory.get(fileId, i);
      if (block) found.set(i, block);
      else missing.push(i);
    }
    if (missing.length > 0 && this.probe) {
      let noted = this.probe.get(fileId);
      if (!noted) this.probe.set(fileId, (noted = new Set()));
      for (const i of missing) noted.add(i);
      throw new this.errno(EIO);
    }
    if (missing.length > 0) {
      try {
        for (const [i, block] of this.bridge.blocks(fileId, missing, this.signal)) {
          this.memory.set(fileId, i, block);
          if (i >= first && i <= last) found.set(i, block);
        }
      } catch (error) {
        if (!(error instanceof PendingWork)) this.failure ??= asExplorerError(error);
        throw new this.errno(EIO);
      }
    }
    let written = 0;
    for (let i = first; i <= last; i++) {
      const block = found.get(i);
      if (!block) throw new this.errno(EIO);
      const blockStart = i * this.blockSize;
      const from = Math.max(position, blockStart) - blockStart;
      const to = Math.min(position + target.byteLength, blockStart + block.byteLength) - blockStart;
      if (to <= from) break; // short block: end of file
      target.set(block.subarray(from, to), written);
      written += to - from;
      if (!missing.includes(i)) this.counters.bytesFromMemory += to - from;
    }
    return written;
  }
}
