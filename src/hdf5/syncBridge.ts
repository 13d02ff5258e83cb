/**
 * How the synchronous HDF5 code gets what it is missing.
 *
 * h5wasm calls HDF5, which calls our file node's read() synchronously; a block cache on the
 * network cannot answer synchronously. Two answers, one interface:
 * - SharedMemoryBridge (sharedMemoryBridge.ts): block in Atomics.wait while another worker loads.
 * - RetryOnMissBridge (retryOnMissBridge.ts): note what is missing and fail the call; the caller
 *   loads it asynchronously and runs the whole call again.
 *
 * Every request carries the signal of the reader call it serves, so cancelling one call stops
 * only the blocks that call alone waits for.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';

export interface SyncBridge {
  readonly mode: 'shared-memory' | 'retry-on-miss';
  /** Returns the requested blocks (maybe more), or throws (retry mode: always, after noting them). */
  blocks(fileId: string, indices: number[], signal?: AbortSignal): Map<number, Uint8Array>;
  /** Opens a file (the main one, or an external link's target); returns its identity, or throws. */
  open(fileId: string, descriptor: SourceDescriptor, signal?: AbortSignal): SourceIdentity;
  /**
   * Retry mode: performs the work noted since the last call, for the call that `signal` belongs
   * to, and reports whether there was any. Shared-memory mode: nothing is ever pending.
   */
  settlePending(signal?: AbortSignal): Promise<boolean>;
}

/** Thrown (outside HDF5's C stack) when retry mode has noted missing work. */
export class PendingWork extends Error {
  constructor() {
    super('Data not loaded yet; the call will run again once it is.');
    this.name = 'PendingWork';
  }
}

/**
 * The id the main thread gave a call, by the signal the worker made for it. In shared-memory
 * mode the HDF5 worker is blocked while it waits, so an abort reaches the fetcher worker
 * directly from the main thread, naming the call by this id; the bridge tags its requests with it.
 */
const callIds = new WeakMap<AbortSignal, number>();

export function tagCall(signal: AbortSignal, callId: number): void {
  callIds.set(signal, callId);
}

export function callIdOf(signal: AbortSignal | undefined): number | undefined {
  return signal ? callIds.get(signal) : undefined;
}
