/**
 * The reading worker's API: file id -> an open DataReader, and one small function per request.
 *
 * Every reading method of the contract is served by a function `(fileId, callId, ...args)`
 * derived from the one method list in src/reader/methods.ts: a new contract method needs nothing
 * here. `callId` is the main thread's name for the call: `abortCall(callId)` aborts the signal the
 * reader got for it, which withdraws that call alone from the blocks it waits for.
 *
 * Plain code, testable in Node; reader.worker.ts only exposes it with comlink. Its type is the
 * type of the object it returns (`ReaderHostApi`), so the client can never drift from it.
 */
import type { SourceDescriptor } from '../bytes/ByteSource';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { BLOCK_SIZE, type LoaderStats } from '../cache/types';
import { ExplorerError } from '../errors';
import { BlockReader } from '../hdf5/blockReader';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { Hdf5Reader } from '../hdf5/Hdf5Reader';
import { RetryOnMissBridge } from '../hdf5/retryOnMissBridge';
import { runBridged, type BridgedContext } from '../hdf5/runBridged';
import { SharedMemoryBridge } from '../hdf5/sharedMemoryBridge';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { tagCall } from '../hdf5/syncBridge';
import type { DataReader, FileSummary } from '../reader/contract';
import type { LoaderService } from './loaderService';
import { createCallRegistry, serveReaderMethods } from './servedCalls';

export type ReaderHostConfig =
  { mode: 'shared-memory'; buffers: SharedBuffers; port: MessagePort } | { mode: 'retry-on-miss' };

/** Memory for blocks inside the reading worker; the persistent store holds the rest. */
const MEMORY_CACHE_BYTES = 256 * 1024 * 1024;

export function createReaderHost(makeRetryLoader: () => LoaderService) {
  const memory = new MemoryBlockCache(MEMORY_CACHE_BYTES);
  const readers = new Map<string, DataReader>();
  const calls = createCallRegistry(tagCall);
  let context: BridgedContext | null = null;
  let localLoader: LoaderService | null = null;

  const readerOf = (fileId: string): DataReader => {
    const found = readers.get(fileId);
    if (!found) throw new ExplorerError('internal', 'This file is no longer open; open it again.');
    return found;
  };
  const loader = (): LoaderService => {
    if (!localLoader) throw new ExplorerError('internal', 'The loader runs in the fetcher worker.');
    return localLoader;
  };

  const withCall = calls.withCall;
  const served = serveReaderMethods(readerOf, withCall);

  const api = {
    ...served,

    async init(config: ReaderHostConfig): Promise<void> {
      const h5 = await loadH5wasm();
      let bridge;
      if (config.mode === 'shared-memory') {
        bridge = new SharedMemoryBridge(config.buffers, config.port);
      } else {
        localLoader = makeRetryLoader();
        bridge = new RetryOnMissBridge(localLoader, (fileId, index, data) =>
          memory.set(fileId, index, data),
        );
      }
      const blockReader = new BlockReader(memory, bridge, BLOCK_SIZE, h5.FS.ErrnoError);
      context = { h5, bridge, blockReader };
    },

    /** Opens a file under `fileId`: its identity through the bridge, then its reader. */
    open(
      fileId: string,
      callId: number,
      descriptor: SourceDescriptor,
      displayName: string,
    ): Promise<FileSummary> {
      return withCall(callId, async (signal) => {
        const ctx = context;
        if (!ctx) throw new ExplorerError('internal', 'The reading worker was not initialised.');
        const identity = await runBridged(
          ctx,
          () => ctx.bridge.open(fileId, descriptor, signal),
          signal,
        );
        const reader = await Hdf5Reader.open(
          ctx,
          { fileId, identity, descriptor, displayName },
          { signal },
        );
        readers.set(fileId, reader);
        return reader.summary();
      });
    },

    /** Aborts one call; other calls on the same file go on. */
    abortCall(callId: number): void {
      calls.abortCall(callId);
    },

    async closeFile(fileId: string): Promise<void> {
      await readers.get(fileId)?.close();
      readers.delete(fileId);
      memory.deleteFile(fileId);
      localLoader?.close(fileId);
    },

    memoryStats: () => ({ bytesFromMemory: context?.blockReader.counters.bytesFromMemory ?? 0 }),

    // The loader API answers here only in retry-on-miss mode (in shared-memory mode it lives in
    // the fetcher worker, which stays responsive while this one is blocked).
    stats: (): LoaderStats => loader().stats(),
    subscribeStats: (listener: (stats: LoaderStats) => void) => loader().subscribeStats(listener),
    cancel: (fileId?: string) => localLoader?.cancel(fileId),
    close: (fileId: string) => loader().close(fileId),
    clearPersistentCache: () => loader().clearPersistentCache(),
  };
  return api;
}

export type ReaderHostApi = ReturnType<typeof createReaderHost>;
