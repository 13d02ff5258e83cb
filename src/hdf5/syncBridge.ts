/**
 * How the synchronous HDF5 code gets what it is missing.
 *
 * h5wasm calls HDF5, which calls our file node's read() synchronously; a block cache on the
 * network cannot answer synchronously. Two answers, one interface:
 * - SharedMemoryBridge (sharedMemoryBridge.ts): block in Atomics.wait while another worker loads.
 * - RetryOnMissBridge (retryOnMissBridge.ts): note what is missing and fail the call; the caller
 *   loads it asynchronously and runs the whole call again.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';

export interface SyncBridge {
  readonly mode: 'shared-memory' | 'retry-on-miss';
  /** Returns the requested blocks (maybe more), or throws (retry mode: always, after noting them). */
  blocks(fileId: string, indices: number[]): Map<number, Uint8Array>;
  /** Opens another file (an external link's target) and returns its identity, or throws. */
  open(fileId: string, descriptor: SourceDescriptor): SourceIdentity;
  /**
   * Retry mode: performs the work noted since the last call and reports whether there was any.
   * Shared-memory mode: nothing is ever pending.
   */
  settlePending(): Promise<boolean>;
}

/** Thrown (outside HDF5's C stack) when retry mode has noted missing work. */
export class PendingWork extends Error {
  constructor() {
    super('Data not loaded yet; the call will run again once it is.');
    this.name = 'PendingWork';
  }
}
