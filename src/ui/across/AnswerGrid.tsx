/**
 * A query's answer (or the metadata) as a grid: @tanstack/react-table for the column model, as the
 * table pane uses it, and @tanstack/react-virtual so only the rows on screen (and a few around)
 * exist: an answer of a million rows scrolls like one of ten. Cells are text (React escapes it;
 * nothing from a file is HTML). The table keeps its semantics: aria-rowcount says how many rows
 * there are, aria-rowindex where each shown row is; spacer rows stand for the others.
 */
import { flexRender } from '@tanstack/react-table';
// The v8-style entry point, as the table pane uses it.
import {
  getCoreRowModel,
  useLegacyTable,
  type LegacyColumnDef,
} from '@tanstack/react-table/legacy';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useRef } from 'react';
import type { PlainCell } from '../../nwb/across';

const MAX_CELL_CHARS = 200;
const ROW_HEIGHT = 22;

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
  const table = useLegacyTable({ data: rows, columns: defs, getCoreRowModel: getCoreRowModel() });
  const model = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the point here
  const virtualizer = useVirtualizer({
    count: model.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    // Rows on the first paint, before the scroller is measured (its max-height is 24rem).
    initialRect: { width: 0, height: 24 * 16 },
  });
  const items = virtualizer.getVirtualItems();
  const before = items.length > 0 ? items[0].start : 0;
  const after = items.length > 0 ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  return (
    <div className="across-grid-wrap">
      <div className="across-grid" ref={scrollRef}>
        <table aria-label={label} aria-rowcount={rows.length + 1}>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} aria-rowindex={1}>
                {group.headers.map((header) => (
                  <th key={header.id} scope="col">
                    {flexRender(header.column.columnDef.header, header.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {before > 0 && (
              <tr aria-hidden="true" className="across-grid__spacer" style={{ height: before }} />
            )}
            {items.map((item) => {
              const row = model[item.index];
              return (
                <tr
                  key={row.id}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  aria-rowindex={item.index + 2}
                >
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id}>
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
              );
            })}
            {after > 0 && (
              <tr aria-hidden="true" className="across-grid__spacer" style={{ height: after }} />
            )}
          </tbody>
        </table>
      </div>
      <p className="muted" aria-label={`${label}: row count`}>
        {rows.length} {rows.length === 1 ? 'row' : 'rows'}
      </p>
    </div>
  );
}
