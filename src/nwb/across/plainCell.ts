/**
 * Cells as plain JSON-able values for a stacked table: numbers (64-bit integers as numbers when
 * exact, else decimal text), strings, booleans, null, lists of those (ragged and array cells), and
 * references as the path they point to. Problem cells become null; their message is kept apart.
 */
import { isCellProblem, type Cell } from '../table';
import { isNumericArray } from '../unwrap';

export type PlainCell = number | string | boolean | null | PlainCell[];

export function plainCell(cell: Cell): PlainCell {
  if (cell === null || cell === undefined || isCellProblem(cell)) return null;
  if (typeof cell === 'bigint')
    return Number.isSafeInteger(Number(cell)) ? Number(cell) : String(cell);
  if (typeof cell === 'number' || typeof cell === 'string' || typeof cell === 'boolean')
    return cell;
  if (isNumericArray(cell))
    return Array.from(cell as ArrayLike<number | bigint>, (v) => plainCell(v));
  if (Array.isArray(cell)) return cell.map((v) => plainCell(v as Cell));
  if (typeof cell === 'object' && 'kind' in cell) return cell.path;
  return null;
}
