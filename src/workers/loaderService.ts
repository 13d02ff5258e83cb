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

/** What the main thread asks of the loader (opening and reading go through the reading worker). */
export interface LoaderApi {
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

  openDescriptor(
    fileId: string,
    descriptor: SourceDescriptor,
    signal?: AbortSignal,
  ): Promise<SourceIdentity> {
    return this.loader.open(fileId, createSource(descriptor), signal);
  }

  load(fileId: string, indices: number[], signal?: AbortSignal): Promise<Map<number, Uint8Array>> {
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
    this.loader.close(fileId);
  }

  async clearPersistentCache(): Promise<void> {
    await this.options.clearPersistent?.();
  }
}
