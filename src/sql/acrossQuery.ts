/**
 * A query over one table stacked across files, reading as little as it can:
 * 1. the table's columns are described in every file (no values), and registered empty, so DuckDB
 *    checks the query (syntax, unknown columns) before any value is read;
 * 2. only the columns the query names are read;
 * 3. when it names list (ragged) columns and its WHERE names only scalar ones, the scalar columns
 *    are read first and DuckDB evaluates the WHERE on them; the list columns are then read only
 *    for the rows that passed;
 * 4. the query runs on what was read. `sessions` (metadata, one row per file) is there too.
 */
import {
  METADATA_TABLE,
  stackTables,
  type AcrossFile,
  type AcrossProgress,
  type StackedTable,
} from '../nwb/across';
import type { QueryAnswer } from './arrowTables';
import { namedColumns, simpleWhere } from './sqlNames';
import { quoteName, sqlTableName, type SqlSession } from './sqlSession';

export interface AcrossQuery {
  files: readonly AcrossFile[];
  tablePath: string;
  sql: string;
  /** Registered as `sessions` when given. */
  metadata?: StackedTable | null;
  signal?: AbortSignal;
  concurrency?: number;
  onProgress?(step: string, progress: AcrossProgress): void;
}

export interface QueryPlan {
  tableName: string;
  /** Columns read from the files. */
  columns: string[];
  /** List columns read only for rows passing the WHERE (null: no pushdown). */
  listsAfterFilter: string[] | null;
  rowsPassingFilter: number | null;
}

export interface AcrossAnswer extends QueryAnswer {
  plan: QueryPlan;
  /** What the user should know: files that failed, columns missing in some files, types. */
  problems: string[];
  files: StackedTable['files'];
}

function emptyLike(table: StackedTable): StackedTable {
  const columns = [...table.columns.slice(0, 3), ...table.available];
  return {
    ...table,
    columns,
    values: Object.fromEntries(columns.map((c) => [c.name, []])),
    rowCount: 0,
  };
}

export async function runAcrossQuery(
  session: SqlSession,
  query: AcrossQuery,
): Promise<AcrossAnswer> {
  const { files, tablePath, sql, signal } = query;
  const tableName = sqlTableName(tablePath);
  const base = { signal, concurrency: query.concurrency };
  const progress = (step: string) => (p: AcrossProgress) => query.onProgress?.(step, p);

  if (query.metadata) await session.register(METADATA_TABLE, query.metadata);
  const shape = await stackTables(files, tablePath, {
    ...base,
    columns: [],
    onProgress: progress('Describing'),
  });
  await session.register(tableName, emptyLike(shape));
  await session.check(sql);

  const known = shape.available.map((c) => c.name);
  const named = namedColumns(sql, known);
  const lists = named.filter((n) => shape.available.find((c) => c.name === n)?.kind === 'list');
  const where = simpleWhere(sql);
  const whereNames = where ? namedColumns(where, known) : [];
  const pushdown =
    lists.length > 0 && where !== null && whereNames.every((n) => !lists.includes(n));

  let table: StackedTable;
  let rowsPassingFilter: number | null = null;
  if (pushdown) {
    const scalars = named.filter((n) => !lists.includes(n));
    const first = await stackTables(files, tablePath, {
      ...base,
      columns: scalars,
      onProgress: progress('Filtering'),
    });
    await session.register(tableName, first);
    const passing = await session.run(
      `SELECT _nwb_path, _table_index FROM ${quoteName(tableName)} WHERE ${where} AND _error IS NULL`,
    );
    const rowsByFile = new Map<string, number[]>();
    for (const [file, row] of passing.rows)
      rowsByFile.set(String(file), [...(rowsByFile.get(String(file)) ?? []), Number(row)]);
    rowsPassingFilter = passing.rows.length;
    // A file that failed fails again here, before any read, and keeps its error row.
    table = await stackTables(files, tablePath, {
      ...base,
      columns: named,
      rowsByFile,
      onProgress: progress('Reading'),
    });
  } else {
    table = await stackTables(files, tablePath, {
      ...base,
      columns: named,
      onProgress: progress('Reading'),
    });
  }
  await session.register(tableName, table);
  const answer = await session.run(sql);
  const problems = [...table.problems];
  for (const c of table.columns)
    if (c.missingIn.length > 0)
      problems.push(`Column ${c.name} is missing (null) in ${c.missingIn.join(', ')}.`);
  for (const f of table.files) if (f.error) problems.push(`${f.name}: ${f.error}`);
  return {
    ...answer,
    problems,
    files: table.files,
    plan: {
      tableName,
      columns: named,
      listsAfterFilter: pushdown ? lists : null,
      rowsPassingFilter,
    },
  };
}
