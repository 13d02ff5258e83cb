/**
 * Many slices in one call, over `readSlice` alone: what every backend gets by delegating. The
 * slices are asked for together, so a backend that reads asynchronously (Zarr) fetches their
 * chunks concurrently; a backend that can plan its reads (HDF5) overrides this.
 */
import type { DataReader, ReadOptions, SliceRequest, SliceResult } from './contract';

export function readSlicesEach(
  reader: Pick<DataReader, 'readSlice'>,
  requests: readonly SliceRequest[],
  options?: ReadOptions,
): Promise<SliceResult[]> {
  return Promise.all(requests.map((r) => reader.readSlice(r.path, r.selection, options)));
}
