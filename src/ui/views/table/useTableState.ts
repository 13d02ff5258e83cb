/**
 * The table view's state (filters, sort, shown columns), read from the address bar when the
 * table opens and written back on every change, so the link reproduces the view.
 */
import { useCallback, useState } from 'react';
import {
  readTableStateFromWindow,
  writeTableStateToWindow,
  type TableViewState,
} from './tableUrlState';

export function useTableState(): [TableViewState, (next: TableViewState) => void] {
  const [state, setState] = useState<TableViewState>(readTableStateFromWindow);
  const update = useCallback((next: TableViewState) => {
    setState(next);
    writeTableStateToWindow(next);
  }, []);
  return [state, update];
}
