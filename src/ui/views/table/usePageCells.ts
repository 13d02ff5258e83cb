/**
 * Cells of the visible rows, read a page at a time: for each page on screen, every shown column is
 * read for that page's rows only (all columns of a page at once), and region columns get their
 * target rows' labels. Pages are kept in the shared query cache, so scrolling back is free.
 */
import { useEffect, useState } from 'react';
import {
  readColumnRows,
  resolveRegionRows,
  type Cell,
  type RegionLabels,
  type TableColumn,
} from '../../../nwb/table';
import type { DataReader } from '../../../reader/contract';
import { useReaderContext } from '../../data/ReaderContext';

export const PAGE_ROWS = 50;

export interface PageColumn {
  cells: Cell[];
  region?: RegionLabels;
}

/** Row numbers a region cell points at (one number, or a ragged row's numbers). */
export function regionRows(cell: Cell): number[] {
  if (typeof cell === 'number') return [cell];
  if (typeof cell === 'bigint') return [Number(cell)];
  if (ArrayBuffer.isView(cell) || Array.isArray(cell)) {
    return Array.from(cell as ArrayLike<unknown>, (v) => Number(v)).filter(Number.isFinite);
  }
  return [];
}

async function loadPageColumn(
  reader: DataReader,
  column: TableColumn,
  rows: number[],
  signal: AbortSignal,
): Promise<PageColumn> {
  const cells = await readColumnRows(reader, column, rows, { signal });
  if (!column.regionTarget) return { cells };
  const targets = cells.flatMap(regionRows);
  const region = await resolveRegionRows(reader, column.regionTarget, targets, { signal });
  return { cells, region };
}

export function pageKey(path: string, orderKey: string, column: string, page: number): string {
  return `table-page:${path}:${orderKey}:${column}:${page}`;
}

/** The cells that have arrived, and the last failed read of a page with a way to try again. */
export interface PageCells {
  pageOf(column: string, page: number): PageColumn | undefined;
  failure: unknown;
  retry(): void;
}

/**
 * Loads the pages [firstPage, lastPage] of `columns` for the rows in display order, and returns a
 * lookup of what has arrived so far.
 */
export function usePageCells(
  path: string,
  columns: TableColumn[],
  rowAt: (viewIndex: number) => number,
  viewCount: number,
  orderKey: string,
  firstPage: number,
  lastPage: number,
): PageCells {
  const { reader, fileKey, cache } = useReaderContext();
  const [, setVersion] = useState(0);
  // The last read of a page that failed (not cancelled), shown once above the rows; Retry reads
  // the pages on screen again (a failed read is not kept in the cache).
  const [failure, setFailure] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const scoped = (column: string, page: number) =>
    `${fileKey}\u0000${pageKey(path, orderKey, column, page)}`;

  const columnNames = columns.map((c) => c.name).join('\u0000');
  useEffect(() => {
    const controller = new AbortController();
    for (let page = firstPage; page <= lastPage; page++) {
      const start = page * PAGE_ROWS;
      const stop = Math.min(viewCount, start + PAGE_ROWS);
      if (start >= stop) continue;
      const rows = Array.from({ length: stop - start }, (_, i) => rowAt(start + i));
      for (const column of columns) {
        const key = scoped(column.name, page);
        if (cache.peek(key)) continue;
        cache
          .run(key, (signal) => loadPageColumn(reader, column, rows, signal), controller.signal)
          .then(
            () => setVersion((v) => v + 1),
            (error: unknown) => {
              if (!controller.signal.aborted) setFailure(error);
            },
          );
      }
    }
    return () => controller.abort();
    // rowAt changes with orderKey; columns with columnNames.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [
    reader,
    fileKey,
    cache,
    path,
    orderKey,
    columnNames,
    firstPage,
    lastPage,
    viewCount,
    attempt,
  ]);

  return {
    pageOf: (column, page) => cache.peek(scoped(column, page))?.value as PageColumn | undefined,
    failure,
    retry: () => {
      setFailure(null);
      setAttempt((a) => a + 1);
    },
  };
}
