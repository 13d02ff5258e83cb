/**
 * Spike times of a Units table over a time window, reading only the ragged ranges it needs.
 *
 * Each unit's spikes are a sorted run of `spike_times` (bounded by `spike_times_index`). The
 * window's edges are found by binary search inside each run, over blocks of `spike_times` read on
 * demand and kept (aligned to the dataset's chunks, so a chunk is decompressed once), and then
 * only the spikes between the edges are taken from those blocks. Consecutive units share blocks,
 * panning re-reads nothing it already holds, and an hours-long session costs a few blocks per
 * unit instead of every spike it ever fired.
 */
import { ExplorerError } from '../errors';
import type { DataReader, ReadOptions } from '../reader/contract';
import { lowerBoundSorted } from './timeAxis';
import type { UnitsInfo } from './spikeRaster';
import { isNumericArray } from './unwrap';

/**
 * Elements per block of contiguous spike_times: 64 KiB of float64, one block of the byte cache.
 * Every block is one read call, and calls cost more than bytes: with 8 KiB blocks the raster of
 * 1000 units made ~3000 calls (17 s); with these, neighbouring units share a block.
 */
const CONTIGUOUS_BLOCK = 8192;
/** Chunks larger than this are read in parts of this size. */
const MAX_BLOCK = 65536;
/** Blocks in one readSlices call: 256 blocks of 64 KiB stay well under the per-call limits. */
const MAX_BATCH_BLOCKS = 256;
/** Blocks kept (least recently used out): enough for a page of units and a few pans. */
const MAX_BLOCKS = 4096;

export class SpikeTimesSearcher {
  private readonly blocks = new Map<number, Float64Array>();
  private readonly pending = new Map<number, Promise<Float64Array>>();
  /** Blocks asked for but not yet sent, per caller's signal (each batch is cancelled as one). */
  private readonly batches = new Map<AbortSignal | undefined, Batch>();
  /** Blocks read so far (for tests and the benchmark: a window must cost few). */
  reads = 0;
  /** readSlices calls so far: the rounds of reading. */
  batchReads = 0;

  private constructor(
    private readonly reader: DataReader,
    private readonly path: string,
    private readonly length: number,
    readonly blockSize: number,
  ) {}

  static async open(
    reader: DataReader,
    units: UnitsInfo,
    options?: ReadOptions,
  ): Promise<SpikeTimesSearcher> {
    const path = `${units.path}/spike_times`;
    const info = await reader.describeDataset(path, options);
    if (!['float', 'int', 'uint'].includes(info.dtype.class)) {
      throw new ExplorerError(
        'unsupported',
        `spike_times holds ${info.dtype.description}, not times; no raster can be drawn.`,
      );
    }
    const chunk = info.chunks?.[0];
    const blockSize = chunk && chunk > 0 ? Math.min(MAX_BLOCK, chunk) : CONTIGUOUS_BLOCK;
    return new SpikeTimesSearcher(reader, path, info.shape?.[0] ?? 0, blockSize);
  }

  /** Value at index `i` of spike_times. */
  async at(i: number, options?: ReadOptions): Promise<number> {
    const b = Math.floor(i / this.blockSize);
    return (await this.block(b, options))[i - b * this.blockSize];
  }

  /** First index in [lo, hi) whose value is >= t (hi when none is); the run must be sorted. */
  async lowerBound(lo: number, hi: number, t: number, options?: ReadOptions): Promise<number> {
    // Search block by block: narrow to one block with probes at block edges, then in memory.
    let a = lo;
    let b = hi;
    while (b - a > 0) {
      const firstBlock = Math.floor(a / this.blockSize);
      const lastBlock = Math.floor((b - 1) / this.blockSize);
      if (firstBlock === lastBlock) {
        const values = await this.block(firstBlock, options);
        const base = firstBlock * this.blockSize;
        const inside = values.subarray(a - base, b - base);
        return a + lowerBoundSorted(inside, t);
      }
      const midBlock = (firstBlock + lastBlock + 1) >> 1;
      const edge = midBlock * this.blockSize;
      if ((await this.at(edge, options)) < t) a = edge;
      else b = edge;
    }
    return a;
  }

  /** Values [a, b) of spike_times, from the blocks (read in parallel where missing). */
  async values(a: number, b: number, options?: ReadOptions): Promise<Float64Array> {
    const out = new Float64Array(Math.max(0, b - a));
    if (b <= a) return out;
    const first = Math.floor(a / this.blockSize);
    const last = Math.floor((b - 1) / this.blockSize);
    const indices = Array.from({ length: last - first + 1 }, (_, k) => first + k);
    const blocks = await Promise.all(indices.map((k) => this.block(k, options)));
    blocks.forEach((values, k) => {
      const base = (first + k) * this.blockSize;
      const from = Math.max(a, base);
      const to = Math.min(b, base + values.length);
      out.set(values.subarray(from - base, to - base), from - a);
    });
    return out;
  }

  private block(index: number, options?: ReadOptions): Promise<Float64Array> {
    const hit = this.blocks.get(index);
    if (hit) {
      this.blocks.delete(index);
      this.blocks.set(index, hit);
      return Promise.resolve(hit);
    }
    const inFlight = this.pending.get(index);
    // A read started for a window that was then left is cancelled: a caller still here reads again.
    if (inFlight) {
      return inFlight.catch((error: unknown) => {
        if (options?.signal?.aborted) throw error;
        return this.block(index, options);
      });
    }
    const read = this.queue(index, options).finally(() => this.pending.delete(index));
    this.pending.set(index, read);
    return read;
  }

  /**
   * Asks for a block in the next batch. Every unit's search waits on blocks at the same time, so
   * the blocks wanted in one turn of the event loop go out as one readSlices call: the backend
   * then gathers all their bytes in one round of requests instead of one round per block (with
   * 1000 units that was 200+ requests one after another).
   */
  private queue(index: number, options?: ReadOptions): Promise<Float64Array> {
    const signal = options?.signal;
    let batch = this.batches.get(signal);
    if (!batch) {
      const created: Batch = { indices: [], waiters: new Map() };
      batch = created;
      this.batches.set(signal, created);
      // A macrotask, not a microtask: searches resumed by the previous batch take several
      // promise hops before they ask for their next block, and all of them should be in it.
      setTimeout(() => {
        this.batches.delete(signal);
        void this.readBatch(created, options);
      }, 0);
    }
    const waiting = batch;
    // A full batch is closed; the next block starts another (both go out on the same turn).
    if (waiting.indices.length + 1 >= MAX_BATCH_BLOCKS) this.batches.delete(signal);
    return new Promise<Float64Array>((resolve, reject) => {
      waiting.indices.push(index);
      waiting.waiters.set(index, { resolve, reject });
    });
  }

  private async readBatch(batch: Batch, options?: ReadOptions): Promise<void> {
    const requests = batch.indices.map((index) => {
      const start = index * this.blockSize;
      return {
        path: this.path,
        selection: [{ start, stop: Math.min(this.length, start + this.blockSize) }],
      };
    });
    this.reads += requests.length;
    this.batchReads++;
    try {
      const slices = await this.reader.readSlices(requests, options);
      slices.forEach((slice, k) => {
        const index = batch.indices[k];
        if (!isNumericArray(slice.values)) {
          batch.waiters
            .get(index)!
            .reject(new ExplorerError('unsupported', 'spike_times did not read as numbers.'));
          return;
        }
        const values =
          slice.values instanceof Float64Array
            ? slice.values
            : Float64Array.from(slice.values as ArrayLike<number>, Number);
        this.blocks.set(index, values);
        batch.waiters.get(index)!.resolve(values);
      });
      while (this.blocks.size > MAX_BLOCKS) {
        this.blocks.delete(this.blocks.keys().next().value as number);
      }
    } catch (error) {
      for (const { reject } of batch.waiters.values()) reject(error);
    }
  }
}

interface Batch {
  indices: number[];
  waiters: Map<
    number,
    { resolve: (values: Float64Array) => void; reject: (error: unknown) => void }
  >;
}

/** Run [a, b) of spike_times that belongs to unit `u`. */
export function unitRun(units: UnitsInfo, u: number): [number, number] {
  const a = u > 0 ? units.ends[u - 1] : 0;
  return [Math.min(a, units.totalSpikes), Math.min(units.ends[u], units.totalSpikes)];
}

/** The spikes of units [first, last) inside [t0, t1], one array per unit. */
export async function readSpikesInWindow(
  searcher: SpikeTimesSearcher,
  units: UnitsInfo,
  first: number,
  last: number,
  window: [number, number],
  options?: ReadOptions,
): Promise<Float64Array[]> {
  const [t0, t1] = window;
  const perUnit: Promise<Float64Array>[] = [];
  for (let u = first; u < last; u++) {
    const [a, b] = unitRun(units, u);
    perUnit.push(
      (async () => {
        if (b <= a) return new Float64Array(0);
        const from = await searcher.lowerBound(a, b, t0, options);
        // An upper bound one step past t1 keeps spikes at exactly t1, as spikesInWindow does.
        const to = await searcher.lowerBound(from, b, t1 + 1e-12, options);
        return searcher.values(from, to, options);
      })(),
    );
  }
  return Promise.all(perUnit);
}

/** First and last spike over units [first, last): two values per unit, from shared blocks. */
export async function spikeTimeBounds(
  searcher: SpikeTimesSearcher,
  units: UnitsInfo,
  first: number,
  last: number,
  options?: ReadOptions,
): Promise<[number, number] | null> {
  let lo = Infinity;
  let hi = -Infinity;
  const ends: Promise<void>[] = [];
  for (let u = first; u < last; u++) {
    const [a, b] = unitRun(units, u);
    if (b <= a) continue;
    ends.push(
      Promise.all([searcher.at(a, options), searcher.at(b - 1, options)]).then(([x, y]) => {
        lo = Math.min(lo, x);
        hi = Math.max(hi, y);
      }),
    );
  }
  await Promise.all(ends);
  return Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null;
}
