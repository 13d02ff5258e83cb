/**
 * A min/max envelope of a 1-D or 2-D dataset along its first dimension: the rows [start, stop)
 * are split into `bins` equal runs and, for every column, the smallest and largest value of each
 * run are kept. This is what a plot wider than the screen draws (one vertical stroke per pixel
 * column), computed next to the data so only bins x columns numbers cross the worker boundary.
 *
 * Written once over `readSlice`, so every backend gets it. Reads go in tiles aligned to the
 * dataset's chunks along the first dimension (each chunk is decompressed once), and tiles are
 * visited in a strided order: a sample spread over the whole range first, then the rest, so a
 * caller that draws the progress sees the overall shape early and watches it fill in.
 */
import { ExplorerError } from '../errors';
import { limits } from './contract';
import { yieldToEvents } from './yieldToEvents';
import type {
  DataReader,
  DatasetInfo,
  MinMaxEnvelope,
  MinMaxOptions,
  MinMaxRequest,
  NumericArray,
} from './contract';

/** How many tiles the first, strided pass visits before the first progress report. */
const SAMPLE_TILES = 16;
/** Longest stretch of tiles read without letting the worker's other messages in. */
const YIELD_EVERY_MS = 30;
/** Elements per tile: whole chunks are grouped up to this, and contiguous data is cut to it. */
const CONTIGUOUS_TILE_ELEMENTS = 1 << 20;

/** First row of bin `b` (and `bins` gives `stop`): bins differ in size by at most one row. */
export function binEdge(request: { start: number; stop: number }, bins: number, b: number) {
  return request.start + Math.floor((b * (request.stop - request.start)) / bins);
}

/** Bin of a row; the inverse of binEdge. */
function binOf(start: number, rows: number, bins: number, row: number): number {
  return Math.min(bins - 1, Math.floor(((row - start + 1) * bins - 1) / rows));
}

export function emptyEnvelope(
  request: MinMaxRequest,
  info: Pick<DatasetInfo, 'shape'>,
): MinMaxEnvelope {
  const shape = info.shape ?? [];
  const rows = Math.max(0, request.stop - request.start);
  const bins = Math.max(1, Math.min(Math.floor(request.bins), rows));
  const columnStart = shape.length >= 2 ? (request.columns?.start ?? 0) : 0;
  const columns = shape.length >= 2 ? (request.columns?.stop ?? shape[1]) - columnStart : 1;
  return {
    start: request.start,
    stop: request.stop,
    bins,
    columnStart,
    columns,
    min: new Float64Array(bins * columns).fill(NaN),
    max: new Float64Array(bins * columns).fill(NaN),
    filled: new Uint32Array(bins),
    rowsDone: 0,
    rowsTotal: rows,
    complete: rows === 0,
  };
}

function validate(request: MinMaxRequest, info: DatasetInfo): void {
  const shape = info.shape;
  if (shape === null || shape.length === 0 || shape.length > 2) {
    throw new ExplorerError(
      'unsupported',
      `A min/max envelope needs a 1-D or 2-D dataset; ${info.path} has shape [${shape?.join(', ') ?? 'null'}].`,
    );
  }
  if (!['int', 'uint', 'float', 'bool', 'enum'].includes(info.dtype.class)) {
    throw new ExplorerError(
      'unsupported',
      `Values of type ${info.dtype.description} are not numbers.`,
    );
  }
  const okRange = (start: number, stop: number, size: number) =>
    Number.isInteger(start) &&
    Number.isInteger(stop) &&
    start >= 0 &&
    start <= stop &&
    stop <= size;
  if (!okRange(request.start, request.stop, shape[0])) {
    throw new ExplorerError(
      'internal',
      `Rows ${request.start}..${request.stop} are outside 0..${shape[0]}.`,
    );
  }
  if (shape.length === 2 && request.columns) {
    if (!okRange(request.columns.start, request.columns.stop, shape[1])) {
      throw new ExplorerError('internal', 'The columns asked for are outside the dataset.');
    }
  }
}

/** Tile boundaries along the rows, on multiples of the chunk's first dimension. */
export function tileStarts(
  request: MinMaxRequest,
  info: DatasetInfo,
  columns: number,
  tileElements = CONTIGUOUS_TILE_ELEMENTS,
): number[] {
  const chunkRows = info.chunks?.[0];
  const maxRows = Math.max(1, Math.floor(limits.maxElementsPerRead / Math.max(1, columns)));
  let rowsPerTile: number;
  if (chunkRows) {
    // Whole chunks per tile; several small chunks share one read.
    const chunksPerTile = Math.max(1, Math.floor(tileElements / (chunkRows * columns)));
    rowsPerTile = Math.min(chunkRows * chunksPerTile, Math.max(chunkRows, maxRows));
    if (rowsPerTile > maxRows) rowsPerTile = maxRows;
  } else {
    rowsPerTile = Math.min(maxRows, Math.max(1, Math.floor(tileElements / columns)));
  }
  const starts: number[] = [request.start];
  let next = (Math.floor(request.start / rowsPerTile) + 1) * rowsPerTile;
  while (next < request.stop) {
    starts.push(next);
    next += rowsPerTile;
  }
  return starts;
}

/** Visiting order: every k-th tile first (a sample spread over the range), then the others. */
export function stridedOrder(count: number, sample = SAMPLE_TILES): number[] {
  const stride = Math.max(1, Math.ceil(count / sample));
  const order: number[] = [];
  for (let i = 0; i < count; i += stride) order.push(i);
  for (let i = 0; i < count; i++) if (i % stride !== 0) order.push(i);
  return order;
}

/** How many entries at the head of stridedOrder() form the sample. */
export function sampleLength(count: number, sample = SAMPLE_TILES): number {
  const stride = Math.max(1, Math.ceil(count / sample));
  return Math.ceil(count / stride);
}

/** Folds one tile of row-major values into the envelope. */
export function foldTile(
  env: MinMaxEnvelope,
  firstRow: number,
  values: NumericArray,
  rowCount: number,
): void {
  const { columns, bins, start, rowsTotal, min, max, filled } = env;
  const big = typeof values[0] === 'bigint';
  let bin = binOf(start, rowsTotal, bins, firstRow);
  let nextEdge = binEdge(env, bins, bin + 1);
  for (let r = 0; r < rowCount; r++) {
    const row = firstRow + r;
    while (row >= nextEdge) {
      bin++;
      nextEdge = binEdge(env, bins, bin + 1);
    }
    const base = bin * columns;
    const offset = r * columns;
    for (let c = 0; c < columns; c++) {
      const raw = values[offset + c];
      const v = big ? Number(raw) : (raw as number);
      if (v !== v) continue; // NaN: leave the bin as it is
      const i = base + c;
      // NaN compares false both ways, so an empty bin takes the first value it sees.
      if (!(v >= min[i])) min[i] = v;
      if (!(v <= max[i])) max[i] = v;
    }
    filled[bin]++;
  }
  env.rowsDone += rowCount;
}

export function snapshot(env: MinMaxEnvelope): MinMaxEnvelope {
  return { ...env, min: env.min.slice(), max: env.max.slice(), filled: env.filled.slice() };
}

/**
 * Computes the envelope through `reader.readSlice`. Cancelled between tiles by `options.signal`
 * (ExplorerError 'cancelled').
 */
export async function computeMinMaxEnvelope(
  reader: DataReader,
  path: string,
  request: MinMaxRequest,
  options: MinMaxOptions & { tileElements?: number } = {},
): Promise<MinMaxEnvelope> {
  const { signal, onProgress } = options;
  const everyMs = options.progressEveryMs ?? 250;
  const info = await reader.describeDataset(path, { signal });
  validate(request, info);
  const env = emptyEnvelope(request, info);
  if (env.rowsTotal === 0) return env;
  const twoD = (info.shape ?? []).length === 2;
  const columnSel = twoD ? [{ start: env.columnStart, stop: env.columnStart + env.columns }] : [];
  const starts = tileStarts(request, info, env.columns, options.tileElements);
  const order = stridedOrder(starts.length);
  const sampled = sampleLength(starts.length);
  let lastReport = Date.now();
  let lastYield = Date.now();
  for (let k = 0; k < order.length; k++) {
    if (Date.now() - lastYield > YIELD_EVERY_MS) {
      await yieldToEvents();
      lastYield = Date.now();
    }
    if (signal?.aborted) throw new ExplorerError('cancelled', 'The envelope was cancelled.');
    const t = order[k];
    const from = starts[t];
    const to = t + 1 < starts.length ? starts[t + 1] : request.stop;
    const slice = await reader.readSlice(path, [{ start: from, stop: to }, ...columnSel], {
      signal,
    });
    if (!ArrayBuffer.isView(slice.values)) {
      throw new ExplorerError('unsupported', `The values of ${path} did not read as numbers.`);
    }
    foldTile(env, from, slice.values, to - from);
    const last = k === order.length - 1;
    if (onProgress && !last && (k === sampled - 1 || Date.now() - lastReport >= everyMs)) {
      lastReport = Date.now();
      // Across a worker the callback is a proxy returning a promise: a page that left is no error.
      const sent = onProgress(snapshot(env)) as unknown;
      if (sent instanceof Promise) sent.catch(() => {});
    }
  }
  env.complete = true;
  return env;
}
