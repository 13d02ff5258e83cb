/**
 * A query's answer (or the metadata) as a grid: @tanstack/react-table for the column model, as the
 * table pane uses it. Cells are text (React escapes it; nothing from a file is HTML). Long answers
 * show their first rows; the export buttons give all of them.
 */
import { flexRender } from '@tanstack/react-table';
// The v8-style entry point, as the table pane uses it.
import {
  getCoreRowModel,
  useLegacyTable,
  type LegacyColumnDef,
} from '@tanstack/react-table/legacy';
import { useMemo } from 'react';
import type { PlainCell } from '../../nwb/across';

const SHOWN_ROWS = 500;
const MAX_CELL_CHARS = 200;

function cellText(cell: PlainCell): string {
  if (cell === null) return '';
  const text = Array.isArray(cell) ? JSON.stringify(cell) : String(cell);
  return text.length > MAX_CELL_CHARS ? `${text.slice(0, MAX_CELL_CHARS)}…` : text;
}

export function AnswerGrid(props: { label: string; columns: string[]; rows: PlainCell[][] }) {
  const { columns, rows, label } = props;
  const defs = useMemo<LegacyColumnDef<PlainCell[]>[]>(
    () =>
      columns.map((name, i) => ({
        id: `${i}:${name}`,
        header: name,
        accessorFn: (row) => row[i] ?? null,
        cell: (info) => cellText(info.getValue() as PlainCell),
      })),
    [columns],
  );
  const shown = useMemo(() => rows.slice(0, SHOWN_ROWS), [rows]);
  const table = useLegacyTable({ data: shown, columns: defs, getCoreRowModel: getCoreRowModel() });
  return (
    <div className="across-grid">
      <table aria-label={label}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted">
        {rows.length} {rows.length === 1 ? 'row' : 'rows'}
        {rows.length > SHOWN_ROWS ? ` (first ${SHOWN_ROWS} shown; export gives all)` : ''}
      </p>
    </div>
  );
}
