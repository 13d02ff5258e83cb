/**
 * Spike times of a Units table for a raster: the table's ragged `spike_times` column, read only
 * for the units asked for. `spike_times_index` (one end offset per unit) says which run of
 * `spike_times` belongs to which unit; the runs of a block of consecutive units are read together
 * (tiled), kept, and searched in memory for each window, so panning costs no read at all.
 */
import { ExplorerError } from '../errors';
import type { DataReader, ReadOptions } from '../reader/contract';
import { readTiled } from '../reader/readTiled';
import { lowerBoundSorted } from './timeAxis';

export interface UnitsInfo {
  path: string;
  count: number;
  /** Unit ids (the table's `id` column), as text. */
  ids: string[];
  /** End offset of each unit's run in spike_times (exclusive). */
  ends: Float64Array;
  totalSpikes: number;
}

export async function describeUnits(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<UnitsInfo> {
  const indexPath = `${path}/spike_times_index`;
  if ((await reader.getKind(`${path}/spike_times`, options)) !== 'dataset') {
    throw new ExplorerError('unsupported', 'This Units table has no spike_times column.');
  }
  if ((await reader.getKind(indexPath, options)) !== 'dataset') {
    throw new ExplorerError(
      'unsupported',
      'spike_times has no spike_times_index, so spikes cannot be told apart by unit.',
    );
  }
  const indexInfo = await reader.describeDataset(indexPath, options);
  if (!['int', 'uint'].includes(indexInfo.dtype.class)) {
    // Old matnwb files keep the index as region references.
    throw new ExplorerError(
      'unsupported',
      `spike_times_index holds ${indexInfo.dtype.description}, not offsets; this raster cannot read it.`,
    );
  }
  const count = indexInfo.shape?.[0] ?? 0;
  const index = await readTiled(
    reader,
    indexPath,
    [{ start: 0, stop: count }],
    indexInfo.dtype.size,
    options,
  );
  const ends = Float64Array.from(index.values as ArrayLike<number>, Number);
  let ids = Array.from({ length: count }, (_, i) => String(i));
  if ((await reader.getKind(`${path}/id`, options)) === 'dataset') {
    const idSlice = await reader.readSlice(`${path}/id`, [{ start: 0, stop: count }], options);
    ids = Array.from(idSlice.values as ArrayLike<number | bigint>, (v) => String(v));
  }
  const spikes = await reader.describeDataset(`${path}/spike_times`, options);
  return { path, count, ids, ends, totalSpikes: spikes.shape?.[0] ?? 0 };
}

/** Spike times of units [first, last): one Float64Array per unit, read as one run. */
export async function readUnitSpikes(
  reader: DataReader,
  units: UnitsInfo,
  first: number,
  last: number,
  options?: ReadOptions,
): Promise<Float64Array[]> {
  const start = first > 0 ? units.ends[first - 1] : 0;
  const stop = Math.min(units.totalSpikes, last > 0 ? units.ends[last - 1] : 0);
  const all =
    stop > start
      ? await readTiled(reader, `${units.path}/spike_times`, [{ start, stop }], 8, options)
      : { values: new Float64Array(0) };
  const values = Float64Array.from(all.values as ArrayLike<number>, Number);
  const out: Float64Array[] = [];
  for (let u = first; u < last; u++) {
    const a = (u > 0 ? units.ends[u - 1] : 0) - start;
    const b = Math.min(units.ends[u], stop) - start;
    out.push(values.subarray(Math.max(0, a), Math.max(0, b)));
  }
  return out;
}

/** The spikes of each unit inside [t0, t1]. */
export function spikesInWindow(perUnit: Float64Array[], t0: number, t1: number): Float64Array[] {
  return perUnit.map((times) =>
    times.subarray(lowerBoundSorted(times, t0), lowerBoundSorted(times, t1 + 1e-12)),
  );
}

/** First and last spike time over the units given (for the default window). */
export function spikeBounds(perUnit: Float64Array[]): [number, number] | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const times of perUnit) {
    if (times.length === 0) continue;
    lo = Math.min(lo, times[0]);
    hi = Math.max(hi, times[times.length - 1]);
  }
  return Number.isFinite(lo) ? [lo, hi] : null;
}
