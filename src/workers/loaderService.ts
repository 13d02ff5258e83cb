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

/** What the main thread asks of the loader (opening and reading go through the reading worker). */
export interface LoaderApi {
  /** Starts opening a file before its reader asks (see LoaderService.prepare). */
  prepare(fileId: string, descriptor: SourceDescriptor): void;
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

  constructor(private readonly options: LoaderServiceOptions) {
    this.loader = new BlockLoader({ persistent: options.persistent });
  }

  /** Identities asked for by prepare(), handed to the reader's own open once. */
  private readonly prepared = new Map<string, Promise<SourceIdentity>>();
  /** The blocks HDF5 reads first (head and tail), loaded by prepare(); handed over once. */
  private readonly early = new Map<string, Promise<Map<number, Uint8Array>>>();

  /**
   * Starts opening a file as soon as the main thread knows it, while the reading worker is still
   * loading h5wasm: its identity (the size probe, or IndexedDB on a return visit), then the
   * opening blocks. The reader's own open and first loads then find them in flight or done.
   */
  prepare(fileId: string, descriptor: SourceDescriptor): void {
    if (this.prepared.has(fileId)) return;
    const identity = markSpan('loader-identity', () =>
      this.loader.open(fileId, createSource(descriptor)),
    );
    const blocks = identity.then((found) =>
      this.loader.load(fileId, openingBlocks(found.size, this.loader.blockSize)),
    );
    // Failures reach the reader through openDescriptor and load.
    identity.catch(() => undefined);
    blocks.catch(() => undefined);
    this.prepared.set(fileId, identity);
    this.early.set(fileId, blocks);
  }

  openDescriptor(
    fileId: string,
    descriptor: SourceDescriptor,
    signal?: AbortSignal,
  ): Promise<SourceIdentity> {
    const prepared = this.prepared.get(fileId);
    if (prepared) {
      this.prepared.delete(fileId);
      return prepared;
    }
    return markSpan('loader-identity', () =>
      this.loader.open(fileId, createSource(descriptor), signal),
    );
  }

  async load(
    fileId: string,
    indices: number[],
    signal?: AbortSignal,
  ): Promise<Map<number, Uint8Array>> {
    const early = this.early.get(fileId);
    if (early) {
      this.early.delete(fileId);
      const blocks = await early.catch(() => null);
      // Callers take extra blocks (BlockLoader's read-ahead hands out more than asked, too).
      if (blocks && indices.every((i) => blocks.has(i))) return blocks;
    }
    return this.loader.load(fileId, indices, signal);
  }

  stats(): LoaderStats {
    return this.loader.stats();
  }

  subscribeStats(listener: (stats: LoaderStats) => void): void {
    this.loader.onStats(listener);
  }

  cancel(fileId?: string): void {
    this.loader.cancel(fileId);
  }

  close(fileId: string): void {
    this.prepared.delete(fileId);
    this.early.delete(fileId);
    this.loader.close(fileId);
  }

  async clearPersistentCache(): Promise<void> {
    await this.options.clearPersistent?.();
  }
}
