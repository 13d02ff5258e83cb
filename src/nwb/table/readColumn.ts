/**
 * Reads the cells of one column for a set of rows, reading only those rows: contiguous rows in one
 * slice; for ragged columns, only the index entries of those rows, then only the data ranges they
 * point at, merged where they touch. Bad input (a short column, an index past its data or going
 * backwards) becomes a problem cell on the rows it affects; other rows still read.
 */
import type { DataReader, NumericArray, ReadOptions, Value } from '../../reader/contract';
import { isNumericArray } from '../unwrap';
import type { Cell, CellProblem, TableColumn } from './model';
import { mergeRanges, rowRuns, runContaining, type Range } from './runs';

/** Rows (or elements) this far apart are read in one slice rather than two. */
const MAX_GAP = 256;

type Flat = NumericArray | Value[];

function problem(message: string): CellProblem {
  return { kind: 'problem', message };
}

/** Elements of a dataset read in merged runs; `get(a, b)` returns elements [a, b). */
interface RangeReader {
  get(a: number, b: number): Flat;
}

async function readRanges(
  reader: DataReader,
  path: string,
  dataShape: number[],
  ranges: readonly Range[],
  options?: ReadOptions,
): Promise<RangeReader> {
  const inner = dataShape.slice(1);
  const per = inner.reduce((p, n) => p * n, 1);
  const runs = mergeRanges(ranges, MAX_GAP);
  const read = await Promise.all(
    runs.map((r) =>
      reader.readSlice(
        path,
        [{ start: r[0], stop: r[1] }, ...inner.map((n) => ({ start: 0, stop: n }))],
        options,
      ),
    ),
  );
  const byStart = new Map(runs.map((r, i) => [r[0], read[i].values]));
  return {
    get(a, b) {
      const run = runContaining(runs, a, b);
      const values = run && byStart.get(run[0]);
      if (!run || !values) return [];
      const from = (a - run[0]) * per;
      const to = (b - run[0]) * per;
      return isNumericArray(values) ? values.subarray(from, to) : values.slice(from, to);
    },
  };
}

/** Value of element i of a flat read as a number (index datasets are integers). */
function numberAt(values: Flat, i: number): number {
  const v = values[i];
  return typeof v === 'bigint' ? Number(v) : typeof v === 'number' ? v : NaN;
}

/**
 * For each wanted position p of an index dataset: [start, stop) into the next level, where start is
 * the previous entry (0 for the first) and stop the entry itself.
 */
async function readBounds(
  reader: DataReader,
  indexPath: string,
  length: number,
  positions: readonly number[],
  options?: ReadOptions,
): Promise<Map<number, Range>> {
  const inRange = positions.filter((p) => p < length);
  const ranges = rowRuns(inRange, MAX_GAP).map(([a, b]) => [Math.max(0, a - 1), b] as Range);
  const index = await readRanges(reader, indexPath, [length], ranges, options);
  const out = new Map<number, Range>();
  for (const p of inRange) {
    const stop = numberAt(index.get(p, p + 1), 0);
    const start = p === 0 ? 0 : numberAt(index.get(p - 1, p), 0);
    out.set(p, [start, stop]);
  }
  return out;
}

function checkBounds([start, stop]: Range, limit: number, what: string): CellProblem | null {
  if (!Number.isFinite(start) || !Number.isFinite(stop))
    return problem(`Its ${what} is not a number.`);
  if (stop < start)
    return problem(`Its ${what} goes backwards (${start} then ${stop}): not monotonic.`);
  if (stop > limit) return problem(`Its ${what} points past the data (${stop} > ${limit}).`);
  return null;
}

/** Enum and bool values as their labels and booleans; anything else unchanged. */
function decodeValues(column: TableColumn, values: Flat): Flat {
  const labels = column.dtype.enumValues;
  if (!labels || (column.dtype.class !== 'enum' && column.dtype.class !== 'bool')) return values;
  const byValue = new Map(Object.entries(labels).map(([label, v]) => [v, label]));
  const out: Value[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = Number(values[i] as number | bigint);
    if (column.dtype.class === 'bool') out.push(v !== 0);
    else out.push(byValue.get(v) ?? v);
  }
  return out;
}

/**
 * Cells of `column` for `rows` (any order, duplicates allowed), aligned with `rows`.
 */
export async function readColumnRows(
  reader: DataReader,
  column: TableColumn,
  rows: readonly number[],
  options?: ReadOptions,
): Promise<Cell[]> {
  if (!column.readable) return rows.map(() => problem(column.problem ?? 'Cannot be read.'));
  const wanted = [...new Set(rows)].sort((a, b) => a - b);
  const cells = new Map<number, Cell>();
  const missing = problem(`This column has only ${column.length} rows.`);
  for (const r of wanted) if (r >= column.length) cells.set(r, missing);
  const present = wanted.filter((r) => r < column.length);

  if (column.raggedDepth === 0) {
    const data = await readRanges(reader, column.path, column.dataShape, rowRuns(present), options);
    const scalar = column.shape === 'scalar';
    for (const r of present) {
      const values = decodeValues(column, data.get(r, r + 1));
      cells.set(r, scalar ? (values[0] as Value) : values);
    }
  } else {
    await readRagged(reader, column, present, cells, options);
  }
  return rows.map((r) => cells.get(r) ?? missing);
}

async function readRagged(
  reader: DataReader,
  column: TableColumn,
  rows: number[],
  cells: Map<number, Cell>,
  options?: ReadOptions,
): Promise<void> {
  const dataLength = column.dataShape[0] ?? 0;
  const [outerPath, innerPath] = column.indexPaths;
  const outer = await readBounds(reader, outerPath, column.length, rows, options);
  if (column.raggedDepth === 1) {
    const good = rows.filter((r) => {
      const bad = checkBounds(outer.get(r)!, dataLength, 'index');
      if (bad) cells.set(r, bad);
      return !bad;
    });
    const data = await readRanges(
      reader,
      column.path,
      column.dataShape,
      good.map((r) => outer.get(r)!),
      options,
    );
    for (const r of good) {
      const [a, b] = outer.get(r)!;
      cells.set(r, decodeValues(column, data.get(a, b)));
    }
    return;
  }
  // Doubly ragged: the outer index points into the inner index, which points into the data.
  const innerLength = await innerIndexLength(reader, innerPath, options);
  const good = rows.filter((r) => {
    const bad = checkBounds(outer.get(r)!, innerLength, 'outer index');
    if (bad) cells.set(r, bad);
    return !bad;
  });
  const innerPositions: number[] = [];
  for (const r of good) {
    const [a, b] = outer.get(r)!;
    for (let p = a; p < b; p++) innerPositions.push(p);
  }
  const inner = await readBounds(reader, innerPath, innerLength, innerPositions, options);
  const data = await readRanges(
    reader,
    column.path,
    column.dataShape,
    [...inner.values()].filter((range) => !checkBounds(range, dataLength, 'index')),
    options,
  );
  for (const r of good) {
    const [a, b] = outer.get(r)!;
    const parts: Value[] = [];
    let bad: CellProblem | null = null;
    for (let p = a; p < b && !bad; p++) {
      const range = inner.get(p)!;
      bad = checkBounds(range, dataLength, 'index');
      if (!bad) parts.push(decodeValues(column, data.get(range[0], range[1])) as Value);
    }
    cells.set(r, bad ?? parts);
  }
}

async function innerIndexLength(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<number> {
  const info = await reader.describeDataset(path, options);
  return info.shape?.[0] ?? 0;
}
