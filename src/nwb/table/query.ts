/**
 * Filter and sort with pushdown: only the columns that filters and the sort name are read whole;
 * the result is the list of matching rows in display order, so the other columns are then read
 * for those rows only (readColumnRows).
 */
import type { DataReader, ReadOptions } from '../../reader/contract';
import { isCellProblem, type Cell, type TableColumn, type TableModel } from './model';
import { readColumnRows } from './readColumn';

export type FilterOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'contains';

export const FILTER_OPS: readonly FilterOp[] = ['=', '!=', '<', '<=', '>', '>=', 'contains'];

export interface TableFilter {
  column: string;
  op: FilterOp;
  value: string;
}

export interface TableSort {
  column: string;
  desc: boolean;
}

export interface TableQuery {
  filters: TableFilter[];
  sort: TableSort | null;
}

export function isEmptyQuery(query: TableQuery): boolean {
  return query.filters.length === 0 && query.sort === null;
}

/** A cell as something comparable: a number for numbers and bools, else text; null if neither. */
function comparable(cell: Cell): number | string | null {
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'boolean') return cell ? 1 : 0;
  if (typeof cell === 'string') return cell;
  return null;
}

function operand(column: TableColumn, text: string): number | string {
  const numeric = ['int', 'uint', 'float', 'bool'].includes(column.dtype.class);
  if (!numeric) return text;
  if (column.dtype.class === 'bool') return /^(true|1|yes)$/i.test(text.trim()) ? 1 : 0;
  const n = Number(text);
  return Number.isNaN(n) ? text : n;
}

/** True when the cell passes the filter. Problem cells and empty values never match. */
export function matches(cell: Cell, op: FilterOp, want: number | string): boolean {
  if (isCellProblem(cell)) return false;
  const v = comparable(cell);
  if (v === null) return false;
  if (op === 'contains') return String(v).toLowerCase().includes(String(want).toLowerCase());
  if (typeof v !== typeof want) {
    return op === '!=';
  }
  switch (op) {
    case '=':
      return v === want;
    case '!=':
      return v !== want;
    case '<':
      return v < want;
    case '<=':
      return v <= want;
    case '>':
      return v > want;
    case '>=':
      return v >= want;
  }
}

function compareCells(a: Cell, b: Cell): number {
  const x = comparable(a);
  const y = comparable(b);
  if (x === null || y === null) return x === null ? (y === null ? 0 : 1) : -1; // empties last
  if (typeof x === 'number' && typeof y === 'number') {
    if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
    return x - y;
  }
  return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
}

export function findColumn(model: TableModel, name: string): TableColumn | undefined {
  return model.columns.find((c) => c.name === name);
}

/**
 * Rows to show, in order: all rows filtered and sorted as asked. Reads the filter columns first
 * (whole), then the sort column for the matching rows only. Unknown or unsortable columns are
 * ignored (the address may name a column this file does not have).
 */
export async function queryRows(
  reader: DataReader,
  model: TableModel,
  query: TableQuery,
  options?: ReadOptions,
): Promise<number[]> {
  let rows = Array.from({ length: model.rowCount }, (_, i) => i);
  const filters = query.filters
    .map((f) => ({ ...f, col: findColumn(model, f.column) }))
    .filter((f): f is TableFilter & { col: TableColumn } => f.col !== undefined && f.col.sortable);
  const byColumn = new Map<TableColumn, (TableFilter & { col: TableColumn })[]>();
  for (const f of filters) byColumn.set(f.col, [...(byColumn.get(f.col) ?? []), f]);
  for (const [column, list] of byColumn) {
    if (rows.length === 0) break;
    const cells = await readColumnRows(reader, column, rows, options);
    rows = rows.filter((_, i) =>
      list.every((f) => matches(cells[i], f.op, operand(column, f.value))),
    );
  }
  const sortColumn = query.sort ? findColumn(model, query.sort.column) : undefined;
  if (query.sort && sortColumn?.sortable && rows.length > 1) {
    const cells = await readColumnRows(reader, sortColumn, rows, options);
    const order = rows.map((row, i) => ({ row, cell: cells[i] }));
    const sign = query.sort.desc ? -1 : 1;
    // Stable on ties (by row), so a shared link shows the same order everywhere.
    order.sort((a, b) => sign * compareCells(a.cell, b.cell) || a.row - b.row);
    rows = order.map((o) => o.row);
  }
  return rows;
}
