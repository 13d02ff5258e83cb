export { describeTable } from './describeTable';
export {
  isCellProblem,
  type Cell,
  type CellProblem,
  type TableColumn,
  type TableModel,
} from './model';
export { readColumnRows, readColumnsRows } from './readColumn';
export {
  FILTER_OPS,
  findColumn,
  isEmptyQuery,
  matches,
  queryRows,
  type FilterOp,
  type TableFilter,
  type TableQuery,
  type TableSort,
} from './query';
export { mergeRanges, rowRuns } from './runs';
export { describeTableShared, resolveRegionRows, type RegionLabels } from './regions';
