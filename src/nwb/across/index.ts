export { agreeKinds, kindOf, widen, type ColumnKind } from './columnKind';
export { METADATA_TABLE, metadataTable } from './metadataTable';
export { plainCell, type PlainCell } from './plainCell';
export { forEachBounded } from './pool';
export { METADATA_COLUMNS, sessionMetadataRow, type SessionMetadataRow } from './sessionMetadata';
export {
  ADDED_COLUMNS,
  stackTables,
  type AcrossFile,
  type AcrossProgress,
  type StackOptions,
  type StackedColumn,
  type StackedTable,
} from './stackTables';
