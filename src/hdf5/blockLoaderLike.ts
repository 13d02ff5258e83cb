/**
 * What the HDF5 side needs from the asynchronous block loader (src/cache/BlockLoader.ts), plus
 * opening a source from its descriptor. Kept as an interface so the HDF5 backend depends on a
 * contract, not on the loader's internals.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';

export interface BlockLoaderLike {
  openDescriptor(
    fileId: string,
    descriptor: SourceDescriptor,
    signal?: AbortSignal,
  ): Promise<SourceIdentity>;
  /** `signal` withdraws this caller only: blocks another caller still waits for go on loading. */
  load(fileId: string, indices: number[], signal?: AbortSignal): Promise<Map<number, Uint8Array>>;
}
