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
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { createSource } from '../bytes/createSource';
import { DEFAULT_MEMORY_CACHE_BYTES, MemoryBlockCache } from '../cache/MemoryBlockCache';
import { BLOCK_SIZE, type LoaderStats } from '../cache/types';
import { ExplorerError, asExplorerError, type ErrorCode } from '../errors';
import { identityKeyOf } from '../cache/storeKeys';
import { withEnvelopeCache, type EnvelopeStore } from '../reader/envelopeCache';
import { BlockReader } from '../hdf5/blockReader';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { RetryOnMissBridge } from '../hdf5/retryOnMissBridge';
import { runBridged, type BridgedContext } from '../hdf5/runBridged';
import { SharedMemoryBridge } from '../hdf5/sharedMemoryBridge';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import { tagCall } from '../hdf5/syncBridge';
import type { DataReader, FileSummary } from '../reader/contract';
import { mark } from '../perf/marks';
import { backends, zarrHostFormats, type ZarrHostFormat } from './backends';
import { detectFormat } from './detectFormat';
import type { LoaderService } from './loaderService';
import { createCallRegistry, serveReaderMethods } from './servedCalls';

export type ReaderHostConfig =
  { mode: 'shared-memory'; buffers: SharedBuffers; port: MessagePort } | { mode: 'retry-on-miss' };

export function createReaderHost(
  makeRetryLoader: () => LoaderService,
  envelopes: EnvelopeStore | null = null,
) {
  const memory = new MemoryBlockCache(DEFAULT_MEMORY_CACHE_BYTES);
  const readers = new Map<string, DataReader>();
  // Each call's signal is tagged with its id, so the blocks it waits for know whom they serve.
  const { withCall, abortCall } = createCallRegistry((signal, callId) => tagCall(signal, callId));
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

  const served = serveReaderMethods(readerOf, withCall);

  const api = {
    ...served,

    async init(config: ReaderHostConfig): Promise<void> {
      // The loader is set up before h5wasm is awaited: prepare() and stats that arrive meanwhile
      // find it, so a file's first reads run while h5wasm loads.
      let bridge;
      if (config.mode === 'shared-memory') {
        bridge = new SharedMemoryBridge(config.buffers, config.port);
      } else {
        localLoader = makeRetryLoader();
        bridge = new RetryOnMissBridge(localLoader, (fileId, index, data) =>
          memory.set(fileId, index, data),
        );
      }
      const h5 = await loadH5wasm();
      const blockReader = new BlockReader(memory, bridge, BLOCK_SIZE, h5.FS.ErrnoError);
      context = { h5, bridge, blockReader };
    },

    /**
     * Opens a source under `fileId`: reads it as one file (identity and head, through the bridge),
     * names its format from its bytes, and hands it to that format's backend.
     */
    open(
      fileId: string,
      callId: number,
      descriptor: SourceDescriptor,
      displayName: string,
    ): Promise<FileSummary | { openOn: ZarrHostFormat }> {
      return withCall(callId, async (signal) => {
        const bridged = context;
        if (!bridged) {
          throw new ExplorerError('internal', 'The reading worker was not initialised.');
        }
        mark('reader-open');
        const opened = await openAsFile(bridged, memory, fileId, descriptor, signal);
        const format = await detectFormat({
          head: async () => opened.head,
          storeHas:
            descriptor.kind === 'url' ? (key) => storeHas(descriptor, key, signal) : undefined,
        });
        // Nothing recognised: HDF5 tries, and names what is wrong (not HDF5, truncated, ...).
        const kind = format ?? (opened.identity ? 'hdf5' : null);
        if (!kind) throw opened.error;
        if ((zarrHostFormats as readonly string[]).includes(kind)) {
          // Read beside the block loader, not here: the client opens it on the Zarr host.
          memory.deleteFile(fileId);
          return { openOn: kind as ZarrHostFormat };
        }
        const reader = await backends[kind as keyof typeof backends]({
          fileId,
          descriptor,
          displayName,
          identity: opened.identity,
          bridged,
          signal,
        });
        // Finished envelopes persist under the file's identity, so a second visit draws at once.
        readers.set(
          fileId,
          envelopes && opened.identity
            ? withEnvelopeCache(reader, envelopes, identityKeyOf(opened.identity))
            : reader,
        );
        return reader.summary();
      });
    },

    /** Aborts one call; other calls on the same file go on. */
    abortCall,

    async closeFile(fileId: string): Promise<void> {
      await readers.get(fileId)?.close();
      readers.delete(fileId);
      memory.deleteFile(fileId);
      localLoader?.close(fileId);
    },

    /** Forgets the stored envelopes (with the block cache, the app's "Clear cache"). */
    clearEnvelopes: async (): Promise<void> => {
      await envelopes?.clear();
    },

    memoryStats: () => ({ bytesFromMemory: context?.blockReader.counters.bytesFromMemory ?? 0 }),

    // The loader API answers here only in retry-on-miss mode (in shared-memory mode it lives in
    // the fetcher worker, which stays responsive while this one is blocked).
    prepare: (fileId: string, descriptor: SourceDescriptor) => loader().prepare(fileId, descriptor),
    stats: (): LoaderStats => loader().stats(),
    subscribeStats: (listener: (stats: LoaderStats) => void) => loader().subscribeStats(listener),
    cancel: (fileId?: string) => localLoader?.cancel(fileId),
    close: (fileId: string) => loader().close(fileId),
    clearPersistentCache: () => loader().clearPersistentCache(),
    keptSummary: (fileId: string) => loader().keptSummary(fileId),
    keptAnswer: (fileId: string, key: string) => loader().keptAnswer(fileId, key),
    keepAnswers: (fileId: string, entries: [string, unknown][], summary?: FileSummary) =>
      loader().keepAnswers(fileId, entries, summary),
    firstListing: (fileId: string, attrs: string[]) => loader().firstListing(fileId, attrs),
  };
  return api;
}

export type ReaderHostApi = ReturnType<typeof createReaderHost>;

type OpenedAsFile =
  | { identity: SourceIdentity; head: Uint8Array | null; error?: undefined }
  | { identity: null; head: null; error: unknown };

/**
 * The source read as one file: its identity and first block (which the HDF5 backend needs next
 * anyway, so this costs no request of its own). A URL that is no readable file (a store's folder,
 * a directory page) is not yet a failure: it may be a Zarr store.
 */
async function openAsFile(
  bridged: BridgedContext,
  memory: MemoryBlockCache,
  fileId: string,
  descriptor: SourceDescriptor,
  signal: AbortSignal,
): Promise<OpenedAsFile> {
  let identity: SourceIdentity;
  try {
    identity = await runBridged(
      bridged,
      () => bridged.bridge.open(fileId, descriptor, signal),
      signal,
    );
  } catch (error) {
    const code = asExplorerError(error).code;
    if (descriptor.kind === 'url' && NOT_A_FILE.has(code))
      return { identity: null, head: null, error };
    throw error;
  }
  if (identity.size === 0) return { identity, head: new Uint8Array(0) };
  await runBridged(bridged, () => bridged.blockReader.ensure(fileId, [0]), signal);
  return { identity, head: memory.get(fileId, 0) ?? null };
}

/** Failures of a URL read as one file that a folder of objects (a Zarr store) also gives. */
const NOT_A_FILE = new Set<ErrorCode>(['not-found', 'forbidden', 'no-range-support']);

/** Whether a URL, taken as a folder, holds `key` (a Zarr metadata document). */
async function storeHas(
  descriptor: Extract<SourceDescriptor, { kind: 'url' }>,
  key: string,
  signal: AbortSignal,
): Promise<boolean> {
  const base = new URL(descriptor.url);
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  const url = new URL(key, base).href;
  try {
    const source = createSource({ ...descriptor, url, size: undefined });
    await source.identify(signal);
    return true;
  } catch (error) {
    if (signal.aborted) throw error;
    return false;
  }
}
