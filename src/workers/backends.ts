/**
 * One case per storage format: how the reading worker opens a source once detectFormat has named
 * its format. HDF5 is the only backend so far; Zarr and LINDI are refused with a clear message
 * until their backends land (adding one is one entry here and one folder beside src/hdf5).
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

const notYet =
  (what: string): OpenBackend =>
  async () => {
    throw new ExplorerError(
      'unsupported',
      `This is ${what}. Zarr support is coming; for now only HDF5 .nwb files open.`,
    );
  };

export const backends: Record<StorageKind, OpenBackend> = {
  async hdf5({ fileId, descriptor, displayName, identity, bridged, signal }) {
    if (!identity) throw new ExplorerError('internal', 'An HDF5 file needs its identity to open.');
    return Hdf5Reader.open(bridged, { fileId, identity, descriptor, displayName }, { signal });
  },
  zarr: notYet('a Zarr store'),
  lindi: notYet('a LINDI file (a JSON index of an HDF5 file)'),
};
