/**
 * One case per storage format: how the reading worker opens a source once detectFormat has named
 * its format. HDF5 opens here, beside h5wasm. Zarr stores and LINDI files need no synchronous
 * bridge but the block loader, which in shared-memory mode lives in the fetcher worker: the
 * reading worker names them and the client opens them on the Zarr host beside the loader
 * (workers/zarrHost.ts).
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { Hdf5Reader } from '../hdf5/Hdf5Reader';
import type { BridgedContext } from '../hdf5/runBridged';
import type { DataReader } from '../reader/contract';
import type { StorageKind } from './detectFormat';

export interface BackendOpenRequest {
  fileId: string;
  descriptor: SourceDescriptor;
  displayName: string;
  /** The source read as one file (null for a store that is a folder of objects). */
  identity: SourceIdentity | null;
  /** The synchronous block access of this worker (h5wasm, the bridge, the memory cache). */
  bridged: BridgedContext;
  signal: AbortSignal;
}

export type OpenBackend = (request: BackendOpenRequest) => Promise<DataReader>;

/** Formats the Zarr host opens, beside the block loader. */
export const zarrHostFormats = ['zarr', 'lindi'] as const satisfies readonly StorageKind[];
export type ZarrHostFormat = (typeof zarrHostFormats)[number];

export const backends: Record<Exclude<StorageKind, ZarrHostFormat>, OpenBackend> = {
  async hdf5({ fileId, descriptor, displayName, identity, bridged, signal }) {
    if (!identity) throw new ExplorerError('internal', 'An HDF5 file needs its identity to open.');
    return Hdf5Reader.open(bridged, { fileId, identity, descriptor, displayName }, { signal });
  },
};
