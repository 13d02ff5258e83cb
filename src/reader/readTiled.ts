/**
 * Large reads, done safely: `readTiled` splits a selection into tiles along its first dimension so
 * that no single readSlice exceeds the backend's limits, reports progress and stops between tiles
 * when cancelled. `previewSelection` picks a small leading block of a dataset for a preview without
 * ever asking for the whole thing, and without forcing the decompression of huge chunks.
 */
import { ExplorerError } from '../errors';
import { limits } from './contract';
import type {
  DataReader,
  DatasetInfo,
  NumericArray,
  Selection,
  SliceResult,
  Value,
} from './contract';

export interface TiledReadOptions {
  signal?: AbortSignal;
  /** Called after each tile with elements read so far and the total. */
  onProgress?(done: number, total: number): void;
  /** Overrides for tests; default to the contract's limits. */
  maxElementsPerRead?: number;
  maxBytesPerRead?: number;
}

/** Number of indices a [start, stop) range with a step selects. */
export function selectedCount(range: Selection[number]): number {
  const step = range.step ?? 1;
  return Math.max(0, Math.ceil((range.stop - range.start) / step));
}

export function selectionShape(selection: Selection): number[] {
  return selection.map(selectedCount);
}

function product(values: number[]): number {
  return values.reduce((a, b) => a * b, 1);
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExplorerError('cancelled', 'The read was cancelled.');
}

type TypedArrayConstructor = { new (length: number): NumericArray };

/** Joins tile results; typed arrays are copied into one array of the same type. */
function concatValues(parts: (NumericArray | Value[])[], total: number): NumericArray | Value[] {
  if (parts.length === 1) return parts[0];
  const first = parts[0];
  if (first !== undefined && ArrayBuffer.isView(first)) {
    const Ctor = first.constructor as TypedArrayConstructor;
    const out = new Ctor(total);
    let offset = 0;
    for (const part of parts) {
      // All tiles of one dataset share a dtype, so they are the same typed array type.
      (out as unknown as { set(a: ArrayLike<unknown>, o: number): void }).set(
        part as NumericArray,
        offset,
      );
      offset += part.length;
    }
    return out;
  }
  const out: Value[] = [];
  for (const part of parts) {
    for (const v of part as Value[]) out.push(v);
  }
  return out;
}

/**
 * Reads `selection` of `path` in tiles along the first dimension. `elementSize` is the dtype's
 * size in bytes (DatasetInfo.dtype.size). Throws ExplorerError('cancelled') when the signal aborts
 * between tiles, and ExplorerError('too-large') when even one index of the first dimension is
 * larger than one read may be.
 */
export async function readTiled(
  reader: DataReader,
  path: string,
  selection: Selection,
  elementSize: number,
  options: TiledReadOptions = {},
): Promise<SliceResult> {
  const { signal, onProgress } = options;
  const maxElements = options.maxElementsPerRead ?? limits.maxElementsPerRead;
  const maxBytes = options.maxBytesPerRead ?? limits.maxBytesPerRead;
  const shape = selectionShape(selection);
  const total = product(shape);
  throwIfAborted(signal);

  if (selection.length === 0 || total === 0) {
    const result = await reader.readSlice(path, selection, { signal });
    onProgress?.(total, total);
    return result;
  }

  const rowElements = product(shape.slice(1));
  const perRowBytes = rowElements * Math.max(1, elementSize);
  const rowsPerTile = Math.min(
    Math.floor(maxElements / rowElements),
    Math.floor(maxBytes / perRowBytes),
  );
  if (rowsPerTile < 1) {
    throw new ExplorerError(
      'too-large',
      `One row of this selection holds ${rowElements} elements, more than a single read allows; select fewer columns.`,
    );
  }

  const first = selection[0];
  const step = first.step ?? 1;
  const rows = shape[0];
  const parts: (NumericArray | Value[])[] = [];
  let done = 0;
  onProgress?.(0, total);
  for (let row = 0; row < rows; row += rowsPerTile) {
    throwIfAborted(signal);
    const tileRows = Math.min(rowsPerTile, rows - row);
    const start = first.start + row * step;
    const tile: Selection = [
      { start, stop: start + (tileRows - 1) * step + 1, step },
      ...selection.slice(1),
    ];
    const result = await reader.readSlice(path, tile, { signal });
    parts.push(result.values);
    done += tileRows * rowElements;
    onProgress?.(done, total);
  }
  throwIfAborted(signal);
  return { shape, values: concatValues(parts, total) };
}

/** Largest amount of chunk data a preview may force the backend to decompress. */
export const PREVIEW_CHUNK_BUDGET_BYTES = 64 * 1024 * 1024;

/** Columns a preview shows at most along the last dimension of a 2-D or higher dataset. */
const PREVIEW_MAX_COLUMNS = 20;

export type PreviewPlan =
  | {
      ok: true;
      selection: Selection;
      /** Shape of the preview block. */
      shape: number[];
      /** True when the preview shows the whole dataset. */
      complete: boolean;
      /** Bytes of chunks the read touches (uncompressed), when chunked. */
      chunkBytes: number | null;
    }
  | { ok: false; reason: string };

function chunkBytesTouched(counts: number[], chunks: number[], elementSize: number): number {
  let n = 1;
  for (let d = 0; d < counts.length; d++) n *= Math.ceil(counts[d] / chunks[d]);
  return n * product(chunks) * elementSize;
}

/**
 * A bounded leading block of a dataset: the first rows, and for 2-D or more the first columns
 * (middle dimensions at their first index). Never the whole dataset unless it is that small, and
 * never a block whose chunks add up to more than PREVIEW_CHUNK_BUDGET_BYTES uncompressed.
 */
export function previewSelection(info: DatasetInfo, maxElements = 1000): PreviewPlan {
  const { shape, chunks } = info;
  if (shape === null) return { ok: false, reason: 'This dataset has no data (null dataspace).' };
  if (shape.length === 0) {
    return { ok: true, selection: [], shape: [], complete: true, chunkBytes: null };
  }
  if (shape.some((n) => n === 0)) {
    return { ok: false, reason: 'This dataset is empty (one of its dimensions is 0).' };
  }

  const counts = shape.map(() => 1);
  const last = shape.length - 1;
  if (shape.length >= 2) counts[last] = Math.min(shape[last], PREVIEW_MAX_COLUMNS);
  const others = product(counts.slice(1));
  counts[0] = Math.max(1, Math.min(shape[0], Math.floor(Math.max(1, maxElements) / others)));

  let chunkBytes: number | null = null;
  if (chunks !== null && chunks.length === shape.length) {
    const elementSize = Math.max(1, info.dtype.size);
    chunkBytes = chunkBytesTouched(counts, chunks, elementSize);
    // Shrink the dimension that touches the most chunks until the read fits the budget.
    while (chunkBytes > PREVIEW_CHUNK_BUDGET_BYTES) {
      let widest = -1;
      let widestChunks = 1;
      for (let d = 0; d < counts.length; d++) {
        const touched = Math.ceil(counts[d] / chunks[d]);
        if (touched > widestChunks) {
          widest = d;
          widestChunks = touched;
        }
      }
      if (widest < 0) {
        return {
          ok: false,
          reason: `Each chunk of this dataset holds ${formatMiB(product(chunks) * elementSize)} uncompressed; a preview would have to decompress more than ${formatMiB(PREVIEW_CHUNK_BUDGET_BYTES)}, so none is shown.`,
        };
      }
      counts[widest] = (widestChunks - 1) * chunks[widest];
      chunkBytes = chunkBytesTouched(counts, chunks, elementSize);
    }
  }

  const complete = counts.every((c, d) => c === shape[d]);
  return {
    ok: true,
    selection: counts.map((c) => ({ start: 0, stop: c })),
    shape: counts,
    complete,
    chunkBytes,
  };
}

function formatMiB(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MiB`;
}
