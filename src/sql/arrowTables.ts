/**
 * Stacked tables to Arrow (what DuckDB takes in without a parse step, typed) and query answers
 * back to plain rows. List columns of numbers become LIST(DOUBLE), of texts LIST(VARCHAR);
 * deeper nesting (doubly ragged cells) travels as JSON text.
 */
import {
  Bool,
  Field,
  Float64,
  Int32,
  Int64,
  List,
  Utf8,
  Table,
  vectorFromArray,
  type DataType,
  type Vector,
} from 'apache-arrow';
import type { PlainCell, StackedColumn, StackedTable } from '../nwb/across';

function listType(cells: readonly PlainCell[]): DataType {
  let numbers = true;
  let texts = true;
  for (const cell of cells) {
    if (cell === null) continue;
    if (!Array.isArray(cell)) return new Utf8();
    for (const v of cell) {
      if (typeof v !== 'number') numbers = false;
      if (typeof v !== 'string') texts = false;
    }
  }
  if (numbers) return new List(new Field('item', new Float64(), true));
  if (texts) return new List(new Field('item', new Utf8(), true));
  return new Utf8();
}

function typeOf(column: StackedColumn, cells: readonly PlainCell[]): DataType {
  switch (column.kind) {
    case 'int32':
      return new Int32();
    case 'int64':
      return new Int64();
    case 'float64':
      return new Float64();
    case 'bool':
      return new Bool();
    case 'list':
      return listType(cells);
    default:
      return new Utf8();
  }
}

function cellFor(type: DataType, cell: PlainCell): unknown {
  if (cell === null) return null;
  if (type instanceof Int64)
    return typeof cell === 'number' || typeof cell === 'string' ? BigInt(cell) : null;
  if (type instanceof Utf8) return typeof cell === 'string' ? cell : JSON.stringify(cell);
  if (type instanceof Float64 || type instanceof Int32)
    return typeof cell === 'number' ? cell : Number(cell);
  return cell;
}

export function stackedToArrow(table: StackedTable): Table {
  const vectors: Record<string, Vector> = {};
  for (const column of table.columns) {
    const cells = table.values[column.name] ?? [];
    const type = typeOf(column, cells);
    vectors[column.name] = vectorFromArray(
      cells.map((c) => cellFor(type, c)),
      type,
    );
  }
  return new Table(vectors);
}

export interface QueryAnswer {
  columns: string[];
  rows: PlainCell[][];
}

function plain(value: unknown): PlainCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint')
    return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    return value;
  if (value instanceof Date) return value.toISOString();
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'object' && value !== null && 'toArray' in value)
    return Array.from((value as { toArray(): ArrayLike<unknown> }).toArray(), plain);
  if (Array.isArray(value)) return value.map(plain);
  if (typeof value === 'object')
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  return String(value);
}

export function arrowToAnswer(table: Table): QueryAnswer {
  const columns = table.schema.fields.map((f) => f.name);
  const children = columns.map((_, i) => table.getChildAt(i));
  const rows: PlainCell[][] = [];
  for (let r = 0; r < table.numRows; r++) rows.push(children.map((v) => plain(v?.get(r))));
  return { columns, rows };
}
