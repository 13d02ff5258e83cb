/**
 * What the UI holds: a handle on the workers. The UI opens files through it and gets back a
 * DataReader (the backend-neutral contract); it never sees h5wasm, the byte layer or comlink.
 */
import type { OpenSource } from '../bytes/ByteSource';
import type { LoaderStats } from '../cache/types';
import type { DataReader, FileSummary } from '../reader/contract';

/**
 * How the HDF5 worker gets bytes synchronously:
 * - 'shared-memory': blocks on SharedArrayBuffer + Atomics while the fetcher worker loads blocks
 *   (needs crossOriginIsolated);
 * - 'retry-on-miss': a read of a missing block aborts the h5wasm call, the blocks are loaded
 *   asynchronously and the call runs again.
 */
export type BridgeMode = 'shared-memory' | 'retry-on-miss';

export interface ClientStats extends LoaderStats {
  /** Bytes served from the in-memory block cache of the HDF5 worker. */
  bytesFromMemory: number;
  bridge: BridgeMode;
}

export interface OpenedFile {
  id: string;
  reader: DataReader;
  summary: FileSummary;
}

export interface ExplorerClient {
  readonly bridge: BridgeMode;
  /** Opens an HDF5 file, a Zarr store (URL or dropped folder) or a LINDI file, told apart by content. */
  open(source: OpenSource, options?: { signal?: AbortSignal }): Promise<OpenedFile>;
  /**
   * Starts reading a file the page is about to open (a link's file, while the UI loads): its
   * identity and opening blocks. The next open() of the same source takes that work over; any
   * other open() drops it. Only HTTP(S) files are prepared; anything else is ignored.
   * Resolves once the page has looked for answers kept from an earlier visit of this file: true
   * when it found them (the open will resolve from them at once), false otherwise.
   */
  prepare(source: OpenSource): Promise<boolean>;
  /** Current counters (requests, bytes fetched, bytes from cache, current activity). */
  stats(): ClientStats;
  subscribeStats(listener: (stats: ClientStats) => void): () => void;
  /** Aborts the network reads of one file (or all): pending reads reject with 'cancelled'. */
  cancel(fileId?: string): void;
  /** Removes every persisted block (a "clear cache" button). */
  clearPersistentCache(): Promise<void>;
  dispose(): void;
}
