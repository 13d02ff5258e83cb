/**
 * One DynamicTable read from many files into one columnar table, with `_nwb_path` (which file)
 * and `_table_index` (the row in that file) first. Only the named columns are read; scalar
 * filters run first (queryRows reads the filter columns whole), so the other columns, ragged ones
 * included, are read only for the rows that pass. Files are read a few at a time; a file that
 * fails gives one row with its error in `_error` and the others go on.
 */
import type { DataReader, ReadOptions } from '../../reader/contract';
import { rootAttributes } from '../rootAttributes';
import {
  describeTable,
  findColumn,
  isCellProblem,
  queryRows,
  readColumnRows,
  type TableFilter,
  type TableModel,
} from '../table';
import { agreeKinds, castCell, kindOf, type ColumnKind } from './columnKind';
import { plainCell, type PlainCell } from './plainCell';
import { forEachBounded, type Prefetch } from './pool';

/** A file to read: its display name and how to get its reader (opened once by the caller). */
export interface AcrossFile {
  name: string;
  open(options?: ReadOptions): Promise<DataReader>;
}

/**
 * Opens files ahead of the lanes that will read them (as many ahead as there are lanes), so a
 * file's first reads are in flight while the lanes decode others. `open` is memoized by the
 * caller, so the lane that takes the file later gets the same reader.
 */
export function openingAhead(ahead: number, options: ReadOptions): Prefetch<AcrossFile> {
  return {
    ahead,
    // Its failure is reported by the lane that takes the file (the same open, or a retry of it).
    start: (file) => void file.open(options).catch(() => {}),
  };
}

export interface AcrossProgress {
  filesDone: number;
  filesTotal: number;
  rows: number;
}

export interface StackOptions extends ReadOptions {
  /** Columns to read (besides the added ones); null or absent: every column of every file. */
  columns?: readonly string[] | null;
  /** Only these rows of each file (by name); files not in it give none. Filters are then not run. */
  rowsByFile?: ReadonlyMap<string, readonly number[]>;
  /** Scalar filters, applied per file before any other column is read. */
  filters?: readonly TableFilter[];
  /** Files in flight at once (default 4). */
  concurrency?: number;
  onProgress?(progress: AcrossProgress): void;
}

export interface StackedColumn {
  name: string;
  kind: ColumnKind;
  /** Files that do not have this column (its cells are null there). */
  missingIn: string[];
  /** Files whose types could not be widened to one, in words (the column is then text). */
  conflict?: string;
}

export const ADDED_COLUMNS = ['_nwb_path', '_table_index', '_error'] as const;

export interface StackedTable {
  tablePath: string;
  /** The added columns first, then the table's in first-seen order. */
  columns: StackedColumn[];
  /** Every column some file has (read or not), with its agreed kind: what a query may name. */
  available: StackedColumn[];
  /** Column name -> one cell per row. */
  values: Record<string, PlainCell[]>;
  rowCount: number;
  /** Per file, in the order given: rows it gave, or why it gave none. */
  files: { name: string; rows: number; error?: string }[];
  /** What the user should know: columns nobody has, cells that could not be read. */
  problems: string[];
}

interface FileResult {
  name: string;
  rows: number[];
  model: TableModel | null;
  cells: Map<string, PlainCell[]>;
  error?: string;
}

async function readOneFile(
  file: AcrossFile,
  tablePath: string,
  options: StackOptions,
  problems: string[],
): Promise<FileResult> {
  // Only the signal goes to the reader: the rest (callbacks) cannot cross a worker boundary.
  const read: ReadOptions = options.signal ? { signal: options.signal } : {};
  const reader = await file.open(read);
  const [nwb, kind] = await Promise.all([
    isNwbRoot(reader, read),
    reader.getKind(tablePath, read).catch(() => null),
  ]);
  if (!nwb) throw new Error('Not an NWB file (no nwb_version on its root).');
  if (kind !== 'group') throw new Error(`No table at ${tablePath} in this file.`);
  const model = await describeTable(reader, tablePath, read);
  // A filter on a column this file lacks compares with null: no row passes (as in SQL).
  const lacks = (options.filters ?? []).some((f) => !findColumn(model, f.column));
  const only = options.rowsByFile;
  const rows = only
    ? [...(only.get(file.name) ?? [])]
    : lacks
      ? []
      : await queryRows(reader, model, { filters: [...(options.filters ?? [])], sort: null }, read);
  const wanted = model.columns.filter((c) => !options.columns || options.columns.includes(c.name));
  const cells = new Map<string, PlainCell[]>();
  await Promise.all(
    wanted.map(async (column) => {
      const got = await readColumnRows(reader, column, rows, read);
      const bad = got.find(isCellProblem);
      if (bad) problems.push(`${file.name}: column ${column.name}: some cells could not be read.`);
      cells.set(column.name, got.map(plainCell));
    }),
  );
  return { name: file.name, rows, model, cells };
}

/**
 * Whether the root says NWB: its nwb_version attribute (2.x) or dataset (1.x). Only that: the
 * session fields describeNwbFile also reads are three reads per file a table does not need.
 */
async function isNwbRoot(reader: DataReader, options: ReadOptions): Promise<boolean> {
  const attrs = await rootAttributes(reader, options);
  if (attrs.some((a) => a.name === 'nwb_version')) return true;
  return (await reader.getKind('/nwb_version', options).catch(() => null)) === 'dataset';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function stackTables(
  files: readonly AcrossFile[],
  tablePath: string,
  options: StackOptions = {},
): Promise<StackedTable> {
  const problems: string[] = [];
  const results: FileResult[] = new Array<FileResult>(files.length);
  let filesDone = 0;
  let rows = 0;
  const concurrency = options.concurrency ?? 4;
  const read: ReadOptions = options.signal ? { signal: options.signal } : {};
  await forEachBounded(
    files,
    concurrency,
    async (file, index) => {
      try {
        results[index] = await readOneFile(file, tablePath, options, problems);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        results[index] = {
          name: file.name,
          rows: [],
          model: null,
          cells: new Map(),
          error: messageOf(error),
        };
      }
      filesDone++;
      rows += results[index].rows.length;
      options.onProgress?.({ filesDone, filesTotal: files.length, rows });
    },
    options.signal,
    openingAhead(concurrency, read),
  );
  return assemble(tablePath, results, options.columns ?? null, problems);
}

function assemble(
  tablePath: string,
  results: FileResult[],
  asked: readonly string[] | null,
  problems: string[],
): StackedTable {
  const opened = results.filter((r) => r.model);
  const all: string[] = [];
  for (const r of opened)
    for (const c of r.model!.columns) if (!all.includes(c.name)) all.push(c.name);
  const available = all.map((name): StackedColumn => {
    const byFile = opened.flatMap((r) => {
      const c = r.model!.columns.find((col) => col.name === name);
      return c ? [{ file: r.name, kind: kindOf(c) }] : [];
    });
    const agreed = agreeKinds(byFile);
    const missingIn = opened
      .filter((r) => !r.model!.columns.some((c) => c.name === name))
      .map((r) => r.name);
    return {
      name,
      kind: agreed.kind,
      missingIn,
      ...(agreed.conflict ? { conflict: agreed.conflict } : {}),
    };
  });
  // Asked columns keep the order they were asked in; otherwise first-seen order.
  const chosen = asked ? asked.flatMap((n) => available.filter((c) => c.name === n)) : available;
  if (asked) {
    const nobody = asked.filter(
      (n) => !all.includes(n) && !(ADDED_COLUMNS as readonly string[]).includes(n),
    );
    if (nobody.length > 0)
      problems.unshift(
        `No file has ${nobody.length === 1 ? 'the column' : 'the columns'} ${nobody.join(', ')} in ${tablePath}.`,
      );
  }
  for (const c of chosen)
    if (c.conflict)
      problems.push(
        `Column ${c.name} differs in type between files (${c.conflict}); shown as text.`,
      );
  const names = chosen.map((c) => c.name);
  const columns: StackedColumn[] = [
    { name: '_nwb_path', kind: 'string', missingIn: [] },
    { name: '_table_index', kind: 'int64', missingIn: [] },
    { name: '_error', kind: 'string', missingIn: [] },
    ...chosen,
  ];
  const values: Record<string, PlainCell[]> = Object.fromEntries(columns.map((c) => [c.name, []]));
  for (const r of results) {
    if (!r.model) {
      values._nwb_path.push(r.name);
      values._table_index.push(null);
      values._error.push(r.error ?? 'Could not be read.');
      for (const name of names) values[name].push(null);
      continue;
    }
    for (let i = 0; i < r.rows.length; i++) {
      values._nwb_path.push(r.name);
      values._table_index.push(r.rows[i]);
      values._error.push(null);
      for (const c of columns.slice(ADDED_COLUMNS.length))
        values[c.name].push(castCell(r.cells.get(c.name)?.[i] ?? null, c.kind));
    }
  }
  return {
    tablePath,
    columns,
    available,
    values,
    rowCount: values._nwb_path.length,
    files: results.map((r) => ({
      name: r.name,
      rows: r.rows.length,
      ...(r.error ? { error: r.error } : {}),
    })),
    problems,
  };
}
