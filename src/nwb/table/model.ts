/**
 * A DynamicTable as the NWB layer describes it: its columns in `colnames` order, each with how
 * its cells are stored (plain, ragged through one or two VectorIndex levels, a region into
 * another table, n-dimensional) and, where it cannot be read as a column, why.
 */
import type { DtypeInfo, NumericArray, Value } from '../../reader/contract';

export type ColumnShape =
  /** One value per row (1-d data): sortable and filterable when its dtype is simple. */
  | 'scalar'
  /** A fixed-size array per row (n-d data, e.g. waveform_mean). */
  | 'array'
  /** A variable number of values per row (a VectorIndex), or two levels of them. */
  | 'ragged';

export interface TableColumn {
  name: string;
  /** The data dataset. */
  path: string;
  description: string | null;
  shape: ColumnShape;
  /** 2 for a doubly ragged column (x_index_index), 1 for ragged, 0 otherwise. */
  raggedDepth: number;
  /** Index datasets, outermost first: [x_index_index, x_index] or [x_index]. */
  indexPaths: string[];
  dtype: DtypeInfo;
  /** Shape of the data dataset. */
  dataShape: number[];
  /** Rows this column holds (its outermost index's length, or the data's first dimension). */
  length: number;
  /** DynamicTableRegion: the table its values are row numbers of; null when not resolvable. */
  regionTarget?: string | null;
  /** Why the column can be shown only in part (or not at all), in words for the user. */
  problem?: string;
  /** False when the values cannot be decoded at all (float16, opaque): cells are not read. */
  readable: boolean;
  /** True for one simple value per row (number, string, bool, enum): sort and filter apply. */
  sortable: boolean;
  /** Neurodata type of the data dataset (VectorData, DynamicTableRegion, ...), when written. */
  neurodataType: string | null;
}

export interface TableModel {
  path: string;
  description: string | null;
  /** From the id dataset (the rows every column should have). */
  rowCount: number;
  idPath: string | null;
  columns: TableColumn[];
  /** Table-level problems (no id, colnames naming absent columns, ...). */
  problems: string[];
}

/** A cell that could not be read, with the reason (shown in place of the value). */
export interface CellProblem {
  kind: 'problem';
  message: string;
}

/**
 * One cell: a scalar, an object reference, a row's array (typed for numbers), a ragged row's
 * values (doubly ragged: an array of arrays), or a problem.
 */
export type Cell = Value | NumericArray | CellProblem;

export function isCellProblem(cell: unknown): cell is CellProblem {
  return (
    typeof cell === 'object' &&
    cell !== null &&
    !Array.isArray(cell) &&
    !ArrayBuffer.isView(cell) &&
    (cell as { kind?: unknown }).kind === 'problem'
  );
}
