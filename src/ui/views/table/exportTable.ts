/**
 * Export of the current view (shown columns, filtered and sorted rows) as CSV, JSON or Parquet.
 * Rows are read in chunks through the NWB layer, with progress after each chunk and a signal to
 * stop; nothing beyond the chosen columns and rows is read. The Parquet writer (hyparquet-writer,
 * 60 KB) is loaded when a Parquet export is asked for, not with the file view: every file opened
 * would otherwise load, compile and evaluate it before the first tree.
 */
import { isCellProblem, readColumnRows, type Cell, type TableColumn } from '../../../nwb/table';
import type { DataReader } from '../../../reader/contract';

export type ExportFormat = 'csv' | 'json' | 'parquet';

const CHUNK_ROWS = 5000;

/** A cell as a JSON value: arrays for lists, paths for references, null for problems. */
export function jsonCell(cell: Cell | undefined): unknown {
  if (cell === undefined || cell === null || isCellProblem(cell)) return null;
  if (typeof cell === 'bigint') {
    return Number.isSafeInteger(Number(cell)) ? Number(cell) : cell.toString();
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : String(cell);
  if (ArrayBuffer.isView(cell))
    return Array.from(cell as ArrayLike<unknown>, (v) => jsonCell(v as Cell));
  if (Array.isArray(cell)) return cell.map((v) => jsonCell(v as Cell));
  if (typeof cell === 'object' && 'kind' in cell) return cell.path;
  return cell;
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Reads the cells of `columns` for `rows`, chunk by chunk. */
export async function readExportCells(
  reader: DataReader,
  columns: TableColumn[],
  rows: number[],
  onProgress: (done: number, total: number) => void,
  signal: AbortSignal,
): Promise<Cell[][]> {
  const out: Cell[][] = columns.map(() => []);
  onProgress(0, rows.length);
  for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
    signal.throwIfAborted();
    const chunk = rows.slice(start, start + CHUNK_ROWS);
    const cells = await Promise.all(
      columns.map((c) => readColumnRows(reader, c, chunk, { signal })),
    );
    cells.forEach((list, i) => out[i].push(...list));
    onProgress(Math.min(rows.length, start + CHUNK_ROWS), rows.length);
  }
  return out;
}

export function toCsv(columns: TableColumn[], cells: Cell[][]): string {
  const n = cells[0]?.length ?? 0;
  const lines = [columns.map((c) => csvField(c.name)).join(',')];
  for (let r = 0; r < n; r++) lines.push(cells.map((col) => csvField(jsonCell(col[r]))).join(','));
  return lines.join('\n') + '\n';
}

export function toJson(columns: TableColumn[], cells: Cell[][]): string {
  const n = cells[0]?.length ?? 0;
  const records = [];
  for (let r = 0; r < n; r++) {
    const record: Record<string, unknown> = {};
    columns.forEach((c, i) => (record[c.name] = jsonCell(cells[i][r])));
    records.push(record);
  }
  return JSON.stringify(records);
}

type ParquetType = 'BOOLEAN' | 'INT32' | 'DOUBLE' | 'STRING' | 'JSON';

function parquetType(column: TableColumn, values: unknown[]): ParquetType {
  if (column.shape !== 'scalar' || column.dtype.class === 'compound') return 'JSON';
  switch (column.dtype.class) {
    case 'bool':
      return 'BOOLEAN';
    case 'int':
    case 'uint':
      return values.every((v) => v === null || (typeof v === 'number' && Math.abs(v) < 2 ** 31))
        ? 'INT32'
        : 'DOUBLE';
    case 'float':
      return 'DOUBLE';
    default:
      return 'STRING';
  }
}

export async function toParquet(columns: TableColumn[], cells: Cell[][]): Promise<ArrayBuffer> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  return parquetWriteBuffer({
    columnData: columns.map((column, i) => {
      let data = cells[i].map((c) => jsonCell(c));
      const type = parquetType(column, data);
      if (type === 'JSON') data = data.map((v) => (v === null ? null : JSON.stringify(v)));
      if (type === 'STRING') data = data.map((v) => (v === null ? null : String(v)));
      if (type === 'DOUBLE') data = data.map((v) => (v === null ? null : Number(v)));
      return { name: column.name, data, type: type === 'JSON' ? 'STRING' : type };
    }),
  });
}

export async function encodeExport(
  format: ExportFormat,
  columns: TableColumn[],
  cells: Cell[][],
): Promise<Blob> {
  if (format === 'csv') return new Blob([toCsv(columns, cells)], { type: 'text/csv' });
  if (format === 'json') return new Blob([toJson(columns, cells)], { type: 'application/json' });
  const parquet = await toParquet(columns, cells);
  return new Blob([parquet], { type: 'application/vnd.apache.parquet' });
}
