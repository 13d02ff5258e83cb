/**
 * The asynchronous side of reading, as one object: sources, the block loader and the
 * persistent store. It runs in the fetcher worker (shared-memory mode) or inside the HDF5 worker
 * (retry-on-miss mode); either way the main thread talks to it through LoaderApi.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { createSource } from '../bytes/createSource';
import { BlockLoader } from '../cache/BlockLoader';
import type { LoaderStats, PersistentBlockStore } from '../cache/types';
import type { BlockLoaderLike } from '../hdf5/blockLoaderLike';
import { openingBlocks } from '../hdf5/openingBlocks';
import { markSpan } from '../perf/marks';

export interface LoaderApi {
  openDescriptor(fileId: string, descriptor: SourceDescriptor): Promise<SourceIdentity>;
  stats(): LoaderStats;
  subscribeStats(listener: (stats: LoaderStats) => void): void;
  cancel(fileId?: string): void;
  close(fileId: string): void;
  clearPersistentCache(): Promise<void>;
}

export interface LoaderServiceOptions {
  persistent: PersistentBlockStore | null;
  clearPersistent?: () => Promise<void>;
}

export class LoaderService implements LoaderApi, BlockLoaderLike {
  readonly loader: BlockLoader;
  /**
   * The blocks HDF5 reads first (head and tail), requested as soon as a file's identity is known
   * rather than when the HDF5 worker, still loading h5wasm, asks for them; handed over once.
   */
  private readonly early = new Map<string, Promise<Map<number, Uint8Array>>>();

  constructor(private readonly options: LoaderServiceOptions) {
    this.loader = new BlockLoader({ persistent: options.persistent });
  }

  async openDescriptor(fileId: string, descriptor: SourceDescriptor): Promise<SourceIdentity> {
    const identity = await markSpan('loader-identity', () =>
      this.loader.open(fileId, createSource(descriptor)),
    );
    if (!this.early.has(fileId)) {
      const blocks = this.loader.load(fileId, openingBlocks(identity.size, this.loader.blockSize));
      blocks.catch(() => undefined); // a failure shows when HDF5 asks for the blocks itself
      this.early.set(fileId, blocks);
    }
    return identity;
  }

  async load(fileId: string, indices: number[]): Promise<Map<number, Uint8Array>> {
    const early = this.early.get(fileId);
    if (early) {
      this.early.delete(fileId);
      const blocks = await early.catch(() => null);
      // Callers take extra blocks (BlockLoader's read-ahead does the same).
      if (blocks && indices.every((i) => blocks.has(i))) return blocks;
    }
    return this.loader.load(fileId, indices);
  }

  stats(): LoaderStats {
    return this.loader.stats();
  }

  subscribeStats(listener: (stats: LoaderStats) => void): void {
    this.loader.onStats(listener);
  }

  cancel(fileId?: string): void {
    if (fileId === undefined) this.early.clear();
    else this.early.delete(fileId);
    this.loader.cancel(fileId);
  }

  close(fileId: string): void {
    this.early.delete(fileId);
    this.loader.close(fileId);
  }

  async clearPersistentCache(): Promise<void> {
    await this.options.clearPersistent?.();
  }
}
