/**
 * The grid: column model and header from @tanstack/react-table (headers carry the column
 * descriptions as tooltips and the sort toggles), the scroll container, and the virtualised body
 * below. The grid holds no rows: the body decides which are on screen and reads only those.
 */
import { useMemo, useState } from 'react';
import { flexRender } from '@tanstack/react-table';
// The v8-style entry point: a column model without row models (the body reads its own rows).
import {
  getCoreRowModel,
  useLegacyTable,
  type LegacyColumnDef,
} from '@tanstack/react-table/legacy';
import type { Cell, TableColumn, TableSort } from '../../../nwb/table';
import { TableBody } from './TableBody';

export interface TableGridProps {
  path: string;
  columns: TableColumn[];
  sort: TableSort | null;
  onSort(sort: TableSort | null): void;
  rowAt(viewIndex: number): number;
  viewCount: number;
  orderKey: string;
  onNavigate(path: string): void;
  onFollowRegion(target: string, id: Cell | undefined): void;
}

/** A row of the model: its position on screen (the body reads the cells itself). */
interface ViewRow {
  index: number;
}

const NO_ROWS: ViewRow[] = [];

export function columnWidth(column: TableColumn): number {
  if (column.shape !== 'scalar' || column.regionTarget) return 260;
  if (column.dtype.class === 'string' || column.dtype.class === 'reference') return 200;
  if (column.dtype.class === 'compound') return 320;
  return 120;
}

function nextSort(current: TableSort | null, name: string): TableSort | null {
  if (!current || current.column !== name) return { column: name, desc: false };
  return current.desc ? null : { column: name, desc: true };
}

export function TableGrid(props: TableGridProps) {
  const { columns, sort, onSort } = props;
  // State, not a ref: React attaches a parent's ref after its children's layout effects, so the
  // body's virtualizer would first see no scroll element and show no rows until some other
  // render came (none does when every read of the rows fails). Setting it re-renders the body.
  const [scrollElement, setScrollElement] = useState<HTMLDivElement | null>(null);
  const defs = useMemo<LegacyColumnDef<ViewRow>[]>(
    () =>
      columns.map((column) => ({
        id: column.name,
        header: column.name,
        size: columnWidth(column),
        meta: column,
      })),
    [columns],
  );
  const table = useLegacyTable({
    columns: defs,
    data: NO_ROWS,
    getCoreRowModel: getCoreRowModel(),
  });
  const template = columns.map((c) => `${columnWidth(c)}px`).join(' ');
  return (
    <div
      className="table-grid"
      ref={setScrollElement}
      role="table"
      aria-rowcount={props.viewCount + 1}
    >
      <div className="table-grid__head" role="rowgroup">
        {table.getHeaderGroups().map((group) => (
          <div
            key={group.id}
            className="table-grid__row"
            role="row"
            style={{ gridTemplateColumns: template }}
          >
            {group.headers.map((header) => {
              const column = header.column.columnDef.meta as TableColumn;
              const sorted =
                sort?.column === column.name ? (sort.desc ? 'descending' : 'ascending') : 'none';
              const title = [column.description, column.problem].filter(Boolean).join('\n');
              return (
                <div
                  key={header.id}
                  className="table-grid__th"
                  role="columnheader"
                  aria-sort={sorted}
                  title={title}
                >
                  {column.sortable ? (
                    <button
                      type="button"
                      className="table-grid__sort"
                      onClick={() => onSort(nextSort(sort, column.name))}
                    >
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">
                        {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                  {column.problem && (
                    <span className="table-cell__problem" title={column.problem}>
                      {' '}
                      ⚠
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        ))}
      </div>
      <TableBody {...props} template={template} scrollElement={scrollElement} />
    </div>
  );
}
