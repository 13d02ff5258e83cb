/**
 * The virtualised body: only the rows on screen (and a few around) exist, and only their pages of
 * cells are read, for the shown columns. Rows grow when a ragged cell is expanded (measured).
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { CellView } from './CellView';
import type { TableGridProps } from './TableGrid';
import { PAGE_ROWS, usePageCells } from './usePageCells';

const ROW_HEIGHT = 28;

export function TableBody({
  path,
  columns,
  rowAt,
  viewCount,
  orderKey,
  onNavigate,
  onFollowRegion,
  template,
  scrollElement,
}: TableGridProps & { template: string; scrollElement: HTMLDivElement | null }) {
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is the point here
  const virtualizer = useVirtualizer({
    count: viewCount,
    getScrollElement: () => scrollElement,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length > 0 ? Math.floor(items[0].index / PAGE_ROWS) : 0;
  const lastPage = items.length > 0 ? Math.floor(items[items.length - 1].index / PAGE_ROWS) : -1;
  const { pageOf, failure, retry } = usePageCells(
    path,
    columns,
    rowAt,
    viewCount,
    orderKey,
    firstPage,
    lastPage,
  );

  return (
    <>
      {failure !== null && (
        <ErrorMessage error={failure} context="Could not read these rows" onRetry={retry} inline />
      )}
      <div
        className="table-grid__body"
        role="rowgroup"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const page = Math.floor(item.index / PAGE_ROWS);
          const offset = item.index - page * PAGE_ROWS;
          return (
            <div
              key={item.key}
              data-index={item.index}
              ref={virtualizer.measureElement}
              className="table-grid__row"
              role="row"
              aria-rowindex={item.index + 2}
              style={{ gridTemplateColumns: template, transform: `translateY(${item.start}px)` }}
            >
              {columns.map((column) => {
                const loaded = pageOf(column.name, page);
                return (
                  <div key={column.name} className="table-grid__td" role="cell">
                    <CellView
                      column={column}
                      cell={loaded?.cells[offset]}
                      region={loaded?.region}
                      onNavigate={onNavigate}
                      onFollowRegion={onFollowRegion}
                    />
                  </div>
                );
              })}
            </div>
          );
        })}
        {viewCount === 0 && <p className="muted table-grid__empty">No rows.</p>}
      </div>
    </>
  );
}
