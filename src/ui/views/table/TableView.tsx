/**
 * Any DynamicTable (units, electrodes, trials, extension tables): its columns in colnames order
 * after id, filtered and sorted with pushdown (filter and sort columns read first, the rest only
 * for the rows on screen), ragged and array columns one click away, state in the address bar.
 */
import { useCallback, useMemo } from 'react';
import {
  describeTableShared,
  findColumn,
  isEmptyQuery,
  queryRows,
  type Cell,
  type TableColumn,
  type TableModel,
} from '../../../nwb/table';
import { useReaderQuery } from '../../data/useReaderQuery';
import { ErrorMessage } from '../../errors/ErrorMessage';
import { formatCount } from '../../format/bytes';
import type { ViewProps } from '../types';
import { ColumnPicker, defaultColumns } from './ColumnPicker';
import { FilterBar } from './FilterBar';
import { TableActions } from './TableActions';
import { TableGrid } from './TableGrid';
import { writeTableStateToWindow } from './tableUrlState';
import { useTableState } from './useTableState';
import { formatScalar } from './CellView';
import './table.css';

export function TableView({ path, onNavigate }: Pick<ViewProps, 'path' | 'onNavigate'>) {
  const model = useReaderQuery(`table-model:${path}`, (reader, signal) =>
    describeTableShared(reader, path, { signal }),
  );
  if (model.status === 'loading' || model.status === 'idle') {
    return (
      <p className="muted">
        <span className="spinner spinner--small" /> Reading the table…
      </p>
    );
  }
  if (model.status === 'error') {
    return (
      <ErrorMessage error={model.error} context="Could not read the table" onRetry={model.retry} />
    );
  }
  return <LoadedTable path={path} model={model.data} onNavigate={onNavigate} />;
}

function LoadedTable({
  path,
  model,
  onNavigate,
}: {
  path: string;
  model: TableModel;
  onNavigate(path: string): void;
}) {
  const [state, setState] = useTableState();
  const { query } = state;
  const all = useMemo(() => (model.id ? [model.id, ...model.columns] : model.columns), [model]);
  const shownKey = (state.columns ?? ['id', ...defaultColumns(model.columns)]).join('\u0000');
  const shown = useMemo(() => {
    const names = shownKey.split('\u0000');
    return all.filter((c) => names.includes(c.name));
  }, [all, shownKey]);
  const scalar = all.filter((c) => c.sortable);
  const orderKey = JSON.stringify(query);
  const rows = useReaderQuery(
    isEmptyQuery(query) ? null : `table-rows:${path}:${orderKey}`,
    (reader, signal) => queryRows(reader, model, query, { signal }),
  );
  const order = rows.status === 'ok' ? rows.data : null;
  const viewCount = isEmptyQuery(query) ? model.rowCount : (order?.length ?? 0);
  const rowAt = useCallback((i: number) => (order ? order[i] : i), [order]);

  const followRegion = useCallback(
    (target: string, id: Cell | undefined) => {
      onNavigate(target);
      // The selection change has rewritten the address; the target table opens filtered to the row.
      if (id !== undefined) {
        writeTableStateToWindow({
          query: { filters: [{ column: 'id', op: '=', value: formatScalar(id) }], sort: null },
          columns: null,
        });
      }
    },
    [onNavigate],
  );

  const unknown = [...query.filters.map((f) => f.column), query.sort?.column]
    .filter((n): n is string => !!n)
    .filter((n) => !findColumn(model, n)?.sortable);

  return (
    <section className="table-view" aria-label="Table">
      <div className="table-view__summary">
        <strong>{formatCount(model.rowCount)} rows</strong>
        {!isEmptyQuery(query) && rows.status === 'ok' && (
          <span>
            {' '}
            · <span data-testid="matching-rows">{formatCount(viewCount)}</span> shown
          </span>
        )}
        {model.description && <span className="muted"> · {model.description}</span>}
      </div>
      {model.problems.map((p) => (
        <p key={p} className="notice">
          {p}
        </p>
      ))}
      {unknown.length > 0 && (
        <p className="notice">
          Ignored (not a sortable column of this table): {[...new Set(unknown)].join(', ')}
        </p>
      )}
      <div className="table-view__toolbar">
        <ColumnPicker
          columns={all}
          shown={shown.map((c) => c.name)}
          onChange={(columns) => setState({ ...state, columns })}
        />
        <FilterBar
          columns={scalar}
          filters={query.filters}
          onChange={(filters) => setState({ ...state, query: { ...query, filters } })}
        />
        <TableActions path={path} model={model} columns={shown} query={query} order={order} />
      </div>
      {rows.status === 'loading' && (
        <p className="muted">
          <span className="spinner spinner--small" /> Filtering and sorting…
        </p>
      )}
      {rows.status === 'error' && (
        <ErrorMessage
          error={rows.error}
          context="Could not filter the table"
          onRetry={rows.retry}
        />
      )}
      {(isEmptyQuery(query) || rows.status === 'ok') && (
        <TableGrid
          path={path}
          columns={shown as TableColumn[]}
          sort={query.sort}
          onSort={(sort) => setState({ ...state, query: { ...query, sort } })}
          rowAt={rowAt}
          viewCount={viewCount}
          orderKey={orderKey}
          onNavigate={onNavigate}
          onFollowRegion={followRegion}
        />
      )}
    </section>
  );
}
