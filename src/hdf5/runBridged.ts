/**
 * Runs one synchronous h5wasm call to completion over the bridge, for one reader call.
 *
 * Retry-on-miss: a call that hit a missing block is run again once the block is loaded.
 * Shared-memory: the call simply completes (misses were loaded while it was blocked).
 * The call's signal is handed to the block reader for the duration of each synchronous attempt,
 * so every block HDF5 misses is asked for under it; an aborted signal ends the loop with
 * 'cancelled' and withdraws only this call's interest in the blocks it was waiting for.
 */
import { cancelledError } from '../bytes/abort';
import { ExplorerError } from '../errors';
import type { BlockReader } from './blockReader';
import type { LoadedH5wasm } from './h5wasmModule';
import { classifyHdf5Failure } from './hdf5Errors';
import type { SyncBridge } from './syncBridge';

/** Enough for the deepest chain of dependent metadata reads we have seen, with a wide margin. */
const MAX_ATTEMPTS = 5000;

export interface BridgedContext {
  h5: LoadedH5wasm;
  bridge: SyncBridge;
  blockReader: BlockReader;
}

export async function runBridged<T>(
  context: BridgedContext,
  fn: () => T,
  signal?: AbortSignal,
): Promise<T> {
  const { h5, bridge, blockReader } = context;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    if (signal?.aborted) throw cancelledError();
    blockReader.failure = null;
    blockReader.signal = signal;
    let outcome: ReturnType<typeof h5.captureDiagnostics<T>>;
    try {
      outcome = h5.captureDiagnostics(fn);
    } finally {
      blockReader.signal = undefined;
    }
    const failure = blockReader.failure as ExplorerError | null;
    if (await bridge.settlePending(signal)) continue;
    if (failure) throw failure;
    if ('error' in outcome && outcome.error !== undefined) {
      throw classifyHdf5Failure(outcome.error, outcome.diagnostics);
    }
    return outcome.result as T;
  }
  throw new ExplorerError('internal', 'Gave up after too many reads for one request.');
}
