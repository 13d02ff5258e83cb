/**
 * What a DynamicTableRegion's row numbers point at: the target table's row count (to flag rows
 * past its end) and, for the rows asked, a label from the target (its `location` column when it
 * has one, as electrodes do, else its first simple text column).
 */
import type { DataReader, ReadOptions } from '../../reader/contract';
import { memoPerReader, untilAborted } from '../types/memo';
import { describeTable } from './describeTable';
import type { Cell, TableColumn, TableModel } from './model';
import { readColumnsRows } from './readColumn';

export interface RegionLabels {
  target: string;
  rowCount: number;
  labelColumn: string | null;
  labels: Map<number, Cell>;
  /** The target rows' ids (to filter the target table to them). */
  ids: Map<number, Cell>;
}

/** The target table's description, shared by every region column that points at it. */
export function describeTableShared(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<TableModel> {
  return untilAborted(
    memoPerReader(reader, `nwb-table:${path}`, () => describeTable(reader, path)),
    options?.signal,
  );
}

export async function resolveRegionRows(
  reader: DataReader,
  target: string,
  rows: readonly number[],
  options?: ReadOptions,
): Promise<RegionLabels> {
  const model = await describeTableShared(reader, target, options);
  const label =
    model.columns.find((c) => c.name === 'location' && c.sortable) ??
    model.columns.find((c) => c.sortable && c.dtype.class === 'string');
  const inside = [...new Set(rows)].filter((r) => r >= 0 && r < model.rowCount);
  const labels = new Map<number, Cell>();
  const ids = new Map<number, Cell>();
  if (inside.length > 0) {
    // The label and the id in one readSlices call: both are plain columns of the same rows.
    const wanted = [label, model.id].filter((c): c is TableColumn => c != null);
    const read = await readColumnsRows(reader, wanted, inside, options);
    const labelCells = label ? read[0] : [];
    const idCells = model.id ? read[label ? 1 : 0] : [];
    inside.forEach((r, i) => {
      if (label) labels.set(r, labelCells[i]);
      if (model.id) ids.set(r, idCells[i]);
    });
  }
  return { target, rowCount: model.rowCount, labelColumn: label?.name ?? null, labels, ids };
}
