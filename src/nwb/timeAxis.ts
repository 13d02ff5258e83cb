/**
 * The time axis of a TimeSeries: either `starting_time` (with its `rate` attribute) or a
 * `timestamps` dataset, as the NWB schema allows. Regular axes are arithmetic; irregular ones are
 * searched by binary search over blocks of timestamps read on demand (aligned to the dataset's
 * chunks and kept in a small LRU), so a window of a long recording never reads the whole axis.
 */
import { ExplorerError } from '../errors';
import type { DataReader, DatasetInfo, NumericArray, ReadOptions } from '../reader/contract';
import { isNumericArray, unwrapNumber, unwrapString } from './unwrap';

export type TimeAxis =
  | {
      kind: 'rate';
      /** Samples on the axis (the data's first dimension). */
      length: number;
      startingTime: number;
      rate: number;
      unit: string;
    }
  | {
      kind: 'timestamps';
      length: number;
      timestampsPath: string;
      /** Elements per block read while searching (the dataset's chunk, or a fixed size). */
      blockSize: number;
      unit: string;
      /** First and last timestamps (read at once, they bound every search). */
      first: number;
      last: number;
    };

export interface TimeAxisReport {
  axis: TimeAxis | null;
  /** What is wrong with the axis, in words for the user (drawn beside what can be drawn). */
  problems: string[];
}

const DEFAULT_BLOCK = 8192;
/** Blocks larger than this are read in parts (a chunk of millions of timestamps). */
const MAX_BLOCK = 65536;

async function attrs(reader: DataReader, path: string, options?: ReadOptions) {
  const list = await reader.getAttributes(path, options);
  return new Map(list.map((a) => [a.name, a.value]));
}

async function readScalar(
  reader: DataReader,
  path: string,
  info: DatasetInfo,
  options?: ReadOptions,
): Promise<number | null> {
  // matnwb writes scalars as 1-element arrays.
  const selection = (info.shape ?? []).map(() => ({ start: 0, stop: 1 }));
  const slice = await reader.readSlice(path, selection, options);
  const v = Array.isArray(slice.values) ? slice.values[0] : slice.values;
  return unwrapNumber(v as Parameters<typeof unwrapNumber>[0]);
}

export async function readOne(
  reader: DataReader,
  path: string,
  index: number,
  options?: ReadOptions,
): Promise<number> {
  const slice = await reader.readSlice(path, [{ start: index, stop: index + 1 }], options);
  return numberAt(slice.values, 0);
}

function numberAt(values: NumericArray | unknown[], i: number): number {
  const v = values[i];
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
}

/**
 * Reads the axis of the TimeSeries group at `seriesPath`. `dataLength` is the data's first
 * dimension (null when the series has no data), used to check the two agree.
 */
export async function readTimeAxis(
  reader: DataReader,
  seriesPath: string,
  dataLength: number | null,
  options?: ReadOptions,
): Promise<TimeAxisReport> {
  const problems: string[] = [];
  const tsPath = `${seriesPath}/timestamps`;
  const stPath = `${seriesPath}/starting_time`;
  const [tsKind, stKind] = await Promise.all([
    reader.getKind(tsPath, options),
    reader.getKind(stPath, options),
  ]);

  if (tsKind === 'dataset') {
    const info = await reader.describeDataset(tsPath, options);
    const length = info.shape?.[0] ?? 0;
    if (!['float', 'int', 'uint'].includes(info.dtype.class) || (info.shape?.length ?? 0) !== 1) {
      return {
        axis: null,
        problems: [`The timestamps are not a 1-D list of numbers (${info.dtype.description}).`],
      };
    }
    if (length === 0) return { axis: null, problems: ['The timestamps dataset is empty.'] };
    const unit = unwrapString((await attrs(reader, tsPath, options)).get('unit')) ?? 'seconds';
    const [first, last] = await Promise.all([
      readOne(reader, tsPath, 0, options),
      readOne(reader, tsPath, length - 1, options),
    ]);
    if (last < first) problems.push('The timestamps go backwards (the last is before the first).');
    if (dataLength !== null && dataLength !== length) {
      problems.push(
        `The data has ${dataLength.toLocaleString('en-US')} samples but there are ${length.toLocaleString('en-US')} timestamps; only the first ${Math.min(dataLength, length).toLocaleString('en-US')} are drawn.`,
      );
    }
    const chunk = info.chunks?.[0];
    const blockSize = Math.min(MAX_BLOCK, chunk && chunk > 0 ? chunk : DEFAULT_BLOCK);
    const usable = dataLength === null ? length : Math.min(length, dataLength);
    return {
      axis: {
        kind: 'timestamps',
        length: usable,
        timestampsPath: tsPath,
        blockSize,
        unit,
        first,
        last,
      },
      problems,
    };
  }

  if (stKind === 'dataset') {
    const info = await reader.describeDataset(stPath, options);
    const map = await attrs(reader, stPath, options);
    const startingTime = await readScalar(reader, stPath, info, options);
    const rate = unwrapNumber(map.get('rate'));
    const unit = unwrapString(map.get('unit')) ?? 'seconds';
    if (startingTime === null) problems.push('starting_time is not a number.');
    if (rate === null || !(rate > 0)) {
      problems.push(
        'starting_time has no positive sampling rate, so samples cannot be placed in time.',
      );
      return { axis: null, problems };
    }
    return {
      axis: {
        kind: 'rate',
        length: dataLength ?? 0,
        startingTime: startingTime ?? 0,
        rate,
        unit,
      },
      problems,
    };
  }

  return {
    axis: null,
    problems: ['This series has neither timestamps nor a starting time with a rate.'],
  };
}

/** First index of an ascending array whose value is >= t (its length when none is). */
export function lowerBoundSorted(values: Float64Array, t: number): number {
  let a = 0;
  let b = values.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (values[m] < t) a = m + 1;
    else b = m;
  }
  return a;
}

/** First and last time of the axis. */
export function axisBounds(axis: TimeAxis): [number, number] {
  if (axis.kind === 'rate') {
    return [axis.startingTime, axis.startingTime + Math.max(0, axis.length - 1) / axis.rate];
  }
  return [axis.first, axis.last];
}

/**
 * Finds indices for times on an axis. Regular axes answer at once; timestamp axes read blocks of
 * timestamps (each a chunk, decompressed once and kept) and binary-search them.
 */
export class TimeSearcher {
  private readonly blocks = new Map<number, Float64Array>();
  private readonly maxBlocks = 64;
  /** Set when a block is found out of order: the search result is then only approximate. */
  nonMonotonic = false;

  constructor(
    private readonly reader: DataReader,
    readonly axis: TimeAxis,
  ) {}

  /** Time of sample `index`. */
  async timeAt(index: number, options?: ReadOptions): Promise<number> {
    const axis = this.axis;
    if (axis.kind === 'rate') return axis.startingTime + index / axis.rate;
    const block = Math.floor(index / axis.blockSize);
    const values = await this.block(block, options);
    return values[index - block * axis.blockSize];
  }

  /** Times of samples [start, stop). */
  async timesOf(start: number, stop: number, options?: ReadOptions): Promise<Float64Array> {
    const axis = this.axis;
    const out = new Float64Array(Math.max(0, stop - start));
    if (axis.kind === 'rate') {
      for (let i = 0; i < out.length; i++) out[i] = axis.startingTime + (start + i) / axis.rate;
      return out;
    }
    const slice = await this.reader.readSlice(axis.timestampsPath, [{ start, stop }], options);
    for (let i = 0; i < out.length; i++) out[i] = numberAt(slice.values, i);
    return out;
  }

  /** The first index whose time is >= t (axis.length when every time is below t). */
  async lowerBound(t: number, options?: ReadOptions): Promise<number> {
    const axis = this.axis;
    if (axis.kind === 'rate') {
      const i = Math.ceil((t - axis.startingTime) * axis.rate - 1e-9);
      return Math.max(0, Math.min(axis.length, i));
    }
    if (axis.length === 0 || t <= axis.first) return 0;
    const blockCount = Math.ceil(axis.length / axis.blockSize);
    // Find the last block whose first time is < t.
    let lo = 0;
    let hi = blockCount - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const values = await this.block(mid, options);
      if (values[0] < t) lo = mid;
      else hi = mid - 1;
    }
    const values = await this.block(lo, options);
    return Math.min(axis.length, lo * axis.blockSize + lowerBoundSorted(values, t));
  }

  private async block(index: number, options?: ReadOptions): Promise<Float64Array> {
    const hit = this.blocks.get(index);
    if (hit) {
      this.blocks.delete(index);
      this.blocks.set(index, hit);
      return hit;
    }
    const axis = this.axis;
    if (axis.kind !== 'timestamps') throw new ExplorerError('internal', 'No timestamps to read.');
    const start = index * axis.blockSize;
    const stop = Math.min(axis.length, start + axis.blockSize);
    const slice = await this.reader.readSlice(axis.timestampsPath, [{ start, stop }], options);
    if (!isNumericArray(slice.values)) {
      throw new ExplorerError('unsupported', 'The timestamps did not read as numbers.');
    }
    const values = Float64Array.from(slice.values as ArrayLike<number>, Number);
    for (let i = 1; i < values.length; i++) {
      if (values[i] < values[i - 1]) {
        this.nonMonotonic = true;
        break;
      }
    }
    this.blocks.set(index, values);
    while (this.blocks.size > this.maxBlocks) {
      this.blocks.delete(this.blocks.keys().next().value as number);
    }
    return values;
  }
}
