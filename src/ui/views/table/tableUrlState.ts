/**
 * The table's view in the address bar, beside the app's own keys, so a copied link reopens the
 * same rows: `sort=col` (or `-col` descending), one `filter=col~op~value` per filter, and
 * `cols=a,b` when the shown columns differ from the default. The app drops these when the
 * selection moves to another object (they belong to this table only).
 */
import { FILTER_OPS, type FilterOp, type TableQuery } from '../../../nwb/table';

export interface TableViewState {
  query: TableQuery;
  /** Shown columns, in order; null for the default choice. */
  columns: string[] | null;
}

const SEP = '~';

export function parseTableState(search: string): TableViewState {
  const params = new URLSearchParams(search);
  const sortText = params.get('sort');
  const sort = sortText
    ? { column: sortText.replace(/^-/, ''), desc: sortText.startsWith('-') }
    : null;
  const filters = params.getAll('filter').flatMap((text) => {
    const [column, op, ...rest] = text.split(SEP);
    if (!column || !FILTER_OPS.includes(op as FilterOp)) return [];
    return [{ column, op: op as FilterOp, value: rest.join(SEP) }];
  });
  const cols = params.get('cols');
  return {
    query: { filters, sort },
    columns: cols === null ? null : cols.split(',').filter((c) => c !== ''),
  };
}

const TABLE_KEYS = new Set(['sort', 'filter', 'cols']);

/** encodeURIComponent, leaving '/', ':', ',' and '~' readable (all legal in a query value). */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2F|3A|2C|7E)/gi, (e) => decodeURIComponent(e));
}

/** `search` with the table keys replaced by `state`; the other keys are kept byte for byte. */
export function formatTableState(search: string, state: TableViewState): string {
  const kept = search
    .replace(/^\?/, '')
    .split('&')
    .filter((pair) => pair !== '' && !TABLE_KEYS.has(decodeURIComponent(pair.split('=')[0])));
  const { sort, filters } = state.query;
  if (sort) kept.push(`sort=${encodeValue((sort.desc ? '-' : '') + sort.column)}`);
  for (const f of filters) kept.push(`filter=${encodeValue([f.column, f.op, f.value].join(SEP))}`);
  if (state.columns) kept.push(`cols=${encodeValue(state.columns.join(','))}`);
  return kept.length === 0 ? '' : '?' + kept.join('&');
}

export function readTableStateFromWindow(): TableViewState {
  return parseTableState(window.location.search);
}

export function writeTableStateToWindow(state: TableViewState): void {
  const search = formatTableState(window.location.search, state);
  const url = window.location.pathname + search + window.location.hash;
  window.history.replaceState(window.history.state, '', url);
}
