/**
 * The block cache's contracts. Files are cut into fixed blocks; a block is the unit of caching
 * (memory and IndexedDB). Requests to the network are runs of adjacent blocks.
 */
import type { SourceIdentity } from '../bytes/ByteSource';

/** Cache granularity. Requests coalesce runs of blocks, so this is not the request size. */
export const BLOCK_SIZE = 64 * 1024;

/** An open file whose cached copy turned out to be old. */
export interface OutOfDateFile {
  /** The loader's id of the open file, so the client can drop what it kept of the old copy. */
  fileId?: string;
  name: string;
  /** What differs, in words ("x.nwb changed on the server (its ETag differs)"). */
  detail: string;
}

/** Counters shown in the status bar and printed by the benchmark. */
export interface LoaderStats {
  /** Network requests started (retries included). */
  requests: number;
  /** Bytes received from the network. */
  bytesFetched: number;
  /** Bytes served from the persistent (IndexedDB) store. */
  bytesFromPersistent: number;
  /** Retries made after network errors, 5xx or 429. */
  retries: number;
  /** Requests in flight now. */
  inFlight: number;
  /** What is being read now, in words ("bytes 0–256 KiB of file.nwb"), or null when idle. */
  current: string | null;
  /**
   * Problems that did not fail a read, newest last (e.g. the persistent cache is full and
   * loading carries on without it). Optional so other producers of stats need not fill it.
   */
  warnings?: string[];
  /**
   * Open files found changed since their blocks were cached: what is shown is the old version
   * until the file is reopened (closing it clears its entry). Optional like `warnings`.
   */
  outOfDate?: OutOfDateFile[];
  /** Persistent-store writes that failed for reasons other than quota. */
  persistentWriteErrors?: number;
}

/**
 * A persistent store of blocks, keyed by the file's full identity so a changed file never
 * mixes old and new blocks. Implementations: IdbBlockStore (idb-keyval, browser) and
 * MemoryBlockStore (tests, Node).
 */
export interface PersistentBlockStore {
  /** Blocks found, by index; missing ones are absent from the map. */
  getBlocks(identity: SourceIdentity, indices: number[]): Promise<Map<number, Uint8Array>>;
  /**
   * Stores blocks. On a quota error, evicts least-recently-used files and tries again; throws
   * ExplorerError('quota') only if storing still fails with nothing left to evict.
   */
  putBlocks(identity: SourceIdentity, blocks: Map<number, Uint8Array>): Promise<void>;
  /** The identity last seen for a key, so a warm reopen needs no request at all. */
  getRememberedIdentity(key: string): Promise<SourceIdentity | undefined>;
  rememberIdentity(identity: SourceIdentity): Promise<void>;
  /** Drops every block of every identity of this key (a file that changed on the server). */
  forget(key: string): Promise<void>;
}
