/**
 * Session metadata of many files as one stacked table (one row per file, `_nwb_path` first), so
 * the metadata grid, SQL and export treat it like any other stacked table. A file that fails
 * gives its error in `_error`.
 */
import type { ColumnKind } from './columnKind';
import type { PlainCell } from './plainCell';
import { forEachBounded } from './pool';
import { METADATA_COLUMNS, sessionMetadataRow, type SessionMetadataRow } from './sessionMetadata';
import {
  openingAhead,
  type AcrossFile,
  type StackOptions,
  type StackedColumn,
  type StackedTable,
} from './stackTables';

const KINDS: Partial<Record<keyof SessionMetadataRow, ColumnKind>> = {
  duration_s: 'float64',
  units: 'int64',
  trials: 'int64',
  tables: 'list',
  series: 'list',
};

export const METADATA_TABLE = 'sessions';

export async function metadataTable(
  files: readonly AcrossFile[],
  options: Omit<StackOptions, 'columns' | 'filters'> = {},
): Promise<StackedTable> {
  const rows: (SessionMetadataRow | string)[] = new Array(files.length);
  let filesDone = 0;
  const concurrency = options.concurrency ?? 4;
  // Only the signal goes to the reader: callbacks cannot cross a worker boundary.
  const read = options.signal ? { signal: options.signal } : {};
  await forEachBounded(
    files,
    concurrency,
    async (file, i) => {
      try {
        rows[i] = await sessionMetadataRow(await file.open(read), read);
      } catch (error) {
        if (options.signal?.aborted) throw error;
        rows[i] = error instanceof Error ? error.message : String(error);
      }
      filesDone++;
      options.onProgress?.({ filesDone, filesTotal: files.length, rows: filesDone });
    },
    options.signal,
    openingAhead(concurrency, read),
  );
  const columns: StackedColumn[] = [
    { name: '_nwb_path', kind: 'string', missingIn: [] },
    { name: '_error', kind: 'string', missingIn: [] },
    ...METADATA_COLUMNS.map((name) => ({ name, kind: KINDS[name] ?? 'string', missingIn: [] })),
  ];
  const values: Record<string, PlainCell[]> = {
    _nwb_path: files.map((f) => f.name),
    _error: rows.map((r) => (typeof r === 'string' ? r : null)),
  };
  for (const name of METADATA_COLUMNS)
    values[name] = rows.map((r) => (typeof r === 'string' ? null : r[name]));
  return {
    tablePath: METADATA_TABLE,
    columns,
    available: columns,
    values,
    rowCount: files.length,
    files: files.map((f, i) => {
      const r = rows[i];
      return { name: f.name, rows: 1, ...(typeof r === 'string' ? { error: r } : {}) };
    }),
    problems: [],
  };
}
