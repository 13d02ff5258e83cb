/**
 * Opens an HDF5 file in retry-on-miss mode in the current thread: the way Node (tests,
 * benchmarks) drives the same reader the HDF5 worker runs.
 */
import { familyDisplayName } from '../bytes/family/memberNames';
import type { ByteSource, SourceDescriptor } from '../bytes/ByteSource';
import { createSource } from '../bytes/createSource';
import type { BlockLoader } from '../cache/BlockLoader';
import type { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { BLOCK_SIZE } from '../cache/types';
import type { DataReader } from '../reader/contract';
import { BlockReader } from './blockReader';
import { loadH5wasm } from './h5wasmModule';
import { OPENING_READ } from './openingBlocks';
import { Hdf5Reader } from './Hdf5Reader';
import { urlFileName } from '../common/urlFileName';
import { RetryOnMissBridge } from './retryOnMissBridge';

export interface OpenHdf5ReaderOptions {
  /** Either a ready source or a descriptor to create one from. */
  source?: ByteSource;
  descriptor?: SourceDescriptor;
  loader: BlockLoader;
  memory: MemoryBlockCache;
  fileId?: string;
  /** Read metadata ahead of h5wasm (default on); off only to measure what it saves. */
  prefetchMetadata?: boolean;
  /**
   * Overlap the open's rounds (default on): the tail read beside the size probe, the reader
   * returned before HDF5's open ends. Off only to measure what it saves.
   */
  overlapOpen?: boolean;
}

let counter = 0;

export async function openHdf5Reader(options: OpenHdf5ReaderOptions): Promise<DataReader> {
  const { loader, memory } = options;
  const descriptor: SourceDescriptor = options.descriptor ?? {
    kind: 'url',
    url: options.source?.key ?? 'file',
  };
  const source = options.source ?? createSource(descriptor);
  const fileId = options.fileId ?? `node-${++counter}`;
  const h5 = await loadH5wasm();
  const bridge = new RetryOnMissBridge(
    {
      openDescriptor: (id, d) => loader.open(id, createSource(d), undefined, OPENING_READ),
      load: (id, indices) => loader.load(id, indices),
    },
    (id, index, data) => memory.set(id, index, data),
  );
  const blockReader = new BlockReader(memory, bridge, BLOCK_SIZE, h5.FS.ErrnoError);
  const overlap = options.overlapOpen !== false;
  const identity = await loader.open(fileId, source, undefined, overlap ? OPENING_READ : {});
  const displayName =
    descriptor.kind === 'url'
      ? urlFileName(descriptor.url)
      : descriptor.kind === 'family'
        ? familyDisplayName(descriptor.pattern)
        : (descriptor.file.name ?? 'file');
  return Hdf5Reader.open(
    { h5, bridge, blockReader },
    {
      fileId,
      identity,
      descriptor,
      displayName: source.displayName || displayName,
      prefetchMetadata: options.prefetchMetadata,
      awaitOpen: !overlap,
    },
  );
}
