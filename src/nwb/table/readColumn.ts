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

/** Elements of one dataset wanted in ranges (merged before reading). */
interface RangeRequest {
  path: string;
  dataShape: number[];
  ranges: readonly Range[];
}

/**
 * Several datasets' ranges in one `readSlices` call: one slice per merged run, so the backend can
 * gather the blocks of every run (and every dataset) before reading any.
 */
async function readRangesTogether(
  reader: DataReader,
  requests: readonly RangeRequest[],
  options?: ReadOptions,
): Promise<RangeReader[]> {
  const planned = requests.map(({ path, dataShape, ranges }) => {
    const inner = dataShape.slice(1);
    const runs = mergeRanges(ranges, MAX_GAP);
    const slices = runs.map((r) => ({
      path,
      selection: [{ start: r[0], stop: r[1] }, ...inner.map((n) => ({ start: 0, stop: n }))],
    }));
    return { per: inner.reduce((p, n) => p * n, 1), runs, slices };
  });
  const read = await reader.readSlices(
    planned.flatMap((p) => p.slices),
    options,
  );
  let next = 0;
  return planned.map(({ per, runs }) => {
    const byStart = new Map(runs.map((r) => [r[0], read[next++].values]));
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
  });
}

async function readRanges(
  reader: DataReader,
  path: string,
  dataShape: number[],
  ranges: readonly Range[],
  options?: ReadOptions,
): Promise<RangeReader> {
  const [one] = await readRangesTogether(reader, [{ path, dataShape, ranges }], options);
  return one;
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

/** Rows asked for, sorted and unique; rows past the column's end get a problem cell. */
function splitRows(column: TableColumn, rows: readonly number[]) {
  const wanted = [...new Set(rows)].sort((a, b) => a - b);
  const cells = new Map<number, Cell>();
  const missing = problem(`This column has only ${column.length} rows.`);
  for (const r of wanted) if (r >= column.length) cells.set(r, missing);
  const present = wanted.filter((r) => r < column.length);
  return { cells, present, aligned: () => rows.map((r) => cells.get(r) ?? missing) };
}

/** Fills the cells of a plain (not ragged) column from its read ranges. */
function fillPlain(
  column: TableColumn,
  present: number[],
  data: RangeReader,
  cells: Map<number, Cell>,
) {
  const scalar = column.shape === 'scalar';
  for (const r of present) {
    const values = decodeValues(column, data.get(r, r + 1));
    cells.set(r, scalar ? (values[0] as Value) : values);
  }
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
  const { cells, present, aligned } = splitRows(column, rows);
  if (column.raggedDepth === 0) {
    const data = await readRanges(reader, column.path, column.dataShape, rowRuns(present), options);
    fillPlain(column, present, data, cells);
  } else {
    await readRagged(reader, column, present, cells, options);
  }
  return aligned();
}

/**
 * Cells of several columns for the same rows, one list per column: the plain columns are read in
 * one `readSlices` call together; ragged ones as readColumnRows reads them, alongside.
 */
export async function readColumnsRows(
  reader: DataReader,
  columns: readonly TableColumn[],
  rows: readonly number[],
  options?: ReadOptions,
): Promise<Cell[][]> {
  const plain = columns.filter((c) => c.readable && c.raggedDepth === 0);
  const split = plain.map((c) => splitRows(c, rows));
  const together = readRangesTogether(
    reader,
    plain.map((c, i) => ({
      path: c.path,
      dataShape: c.dataShape,
      ranges: rowRuns(split[i].present),
    })),
    options,
  ).then((data) =>
    plain.map((c, i) => {
      fillPlain(c, split[i].present, data[i], split[i].cells);
      return split[i].aligned();
    }),
  );
  const others = Promise.all(
    columns.map((c) => (plain.includes(c) ? null : readColumnRows(reader, c, rows, options))),
  );
  const [plainCells, otherCells] = await Promise.all([together, others]);
  return columns.map((c, i) => otherCells[i] ?? plainCells[plain.indexOf(c)]);
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
