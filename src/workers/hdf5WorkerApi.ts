/**
 * The HDF5 worker's API: one small function per request, each naming the open file by id.
 * This module is plain code (testable in Node); hdf5.worker.ts only exposes it with comlink.
 */
import { transfer } from 'comlink';
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { BLOCK_SIZE, type LoaderStats } from '../cache/types';
import { ExplorerError } from '../errors';
import { BlockReader } from '../hdf5/blockReader';
import { loadH5wasm } from '../hdf5/h5wasmModule';
import { Hdf5Reader, type Hdf5ReaderContext } from '../hdf5/Hdf5Reader';
import { RetryOnMissBridge } from '../hdf5/retryOnMissBridge';
import { SharedMemoryBridge } from '../hdf5/sharedMemoryBridge';
import type { SharedBuffers } from '../hdf5/sharedMemoryProtocol';
import type {
  AttributeInfo,
  ChildEntry,
  DatasetInfo,
  FileSummary,
  Selection,
  SliceResult,
} from '../reader/contract';
import type { LoaderApi, LoaderService } from './loaderService';
import { createZarrHostApi, type ZarrHostApi } from './zarrHostApi';

export type Hdf5WorkerConfig =
  { mode: 'shared-memory'; buffers: SharedBuffers; port: MessagePort } | { mode: 'retry-on-miss' };

export interface Hdf5WorkerApi extends LoaderApi, ZarrHostApi {
  init(config: Hdf5WorkerConfig): Promise<void>;
  open(
    fileId: string,
    descriptor: SourceDescriptor,
    identity: SourceIdentity,
    displayName: string,
  ): Promise<FileSummary>;
  listChildren(fileId: string, path: string, options?: { attrs?: string[] }): Promise<ChildEntry[]>;
  getAttributes(fileId: string, path: string): Promise<AttributeInfo[]>;
  getKind(fileId: string, path: string): Promise<'group' | 'dataset' | 'datatype' | null>;
  describeDataset(fileId: string, path: string): Promise<DatasetInfo>;
  readSlice(fileId: string, path: string, selection: Selection): Promise<SliceResult>;
  closeFile(fileId: string): Promise<void>;
  memoryStats(): { bytesFromMemory: number };
}

/** Memory for blocks inside the HDF5 worker; the persistent store holds the rest. */
const MEMORY_CACHE_BYTES = 256 * 1024 * 1024;

export function createHdf5WorkerApi(makeRetryLoader: () => LoaderService): Hdf5WorkerApi {
  const memory = new MemoryBlockCache(MEMORY_CACHE_BYTES);
  const readers = new Map<string, Hdf5Reader>();
  let context: Hdf5ReaderContext | null = null;
  let localLoader: LoaderService | null = null;

  const reader = (fileId: string): Hdf5Reader => {
    const found = readers.get(fileId);
    if (!found) throw new ExplorerError('internal', 'This file is no longer open; open it again.');
    return found;
  };
  const loader = (): LoaderService => {
    if (!localLoader) throw new ExplorerError('internal', 'The loader runs in the fetcher worker.');
    return localLoader;
  };

  return {
    // Zarr stores are read where the loader lives: here only in retry-on-miss mode.
    ...createZarrHostApi(() => loader().loader),
    async init(config) {
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
    async open(fileId, descriptor, identity, displayName) {
      if (!context) throw new ExplorerError('internal', 'The HDF5 worker was not initialised.');
      const opened = await Hdf5Reader.open(context, { fileId, identity, descriptor, displayName });
      readers.set(fileId, opened);
      return opened.summary();
    },
    listChildren: (fileId, path, options) => reader(fileId).listChildren(path, options),
    getAttributes: (fileId, path) => reader(fileId).getAttributes(path),
    getKind: (fileId, path) => reader(fileId).getKind(path),
    describeDataset: (fileId, path) => reader(fileId).describeDataset(path),
    async readSlice(fileId, path, selection) {
      const result = await reader(fileId).readSlice(path, selection);
      const values = result.values;
      if (ArrayBuffer.isView(values)) {
        // Transfer, never copy twice; a view on a larger buffer is copied once to own its buffer.
        const owned =
          values.byteOffset === 0 && values.byteLength === values.buffer.byteLength
            ? values
            : values.slice();
        return transfer({ shape: result.shape, values: owned }, [owned.buffer as ArrayBuffer]);
      }
      return result;
    },
    async closeFile(fileId) {
      await readers.get(fileId)?.close();
      readers.delete(fileId);
      memory.deleteFile(fileId);
      localLoader?.close(fileId);
    },
    memoryStats: () => ({ bytesFromMemory: context?.blockReader.counters.bytesFromMemory ?? 0 }),

    // The loader API answers here only in retry-on-miss mode (in shared-memory mode it lives in
    // the fetcher worker, which stays responsive while this one is blocked).
    openDescriptor: (fileId, descriptor) => loader().openDescriptor(fileId, descriptor),
    stats: (): LoaderStats => loader().stats(),
    subscribeStats: (listener) => loader().subscribeStats(listener),
    cancel: (fileId) => localLoader?.cancel(fileId),
    close: (fileId) => loader().close(fileId),
    clearPersistentCache: () => loader().clearPersistentCache(),
  };
}
