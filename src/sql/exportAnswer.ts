/**
 * A query's answer as files: CSV (RFC 4180 quoting), Parquet (hyparquet-writer, loaded when
 * asked: DuckDB-wasm's own Parquet writer is an extension fetched from the internet), and the
 * Python a lazynwb user would write for the same query.
 */
import type { PlainCell } from '../nwb/across';
import type { QueryAnswer } from './arrowTables';

function csvField(cell: PlainCell): string {
  if (cell === null) return '';
  const text =
    typeof cell === 'string' ? cell : Array.isArray(cell) ? JSON.stringify(cell) : String(cell);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function answerToCsv(answer: QueryAnswer): string {
  const lines = [answer.columns.map(csvField).join(',')];
  for (const row of answer.rows) lines.push(row.map(csvField).join(','));
  return lines.join('\r\n') + '\r\n';
}

type ParquetType = 'DOUBLE' | 'INT64' | 'BOOLEAN' | 'STRING' | 'JSON';

function parquetColumn(cells: PlainCell[]): { type: ParquetType; data: unknown[] } {
  const present = cells.filter((c) => c !== null);
  if (present.every((c) => typeof c === 'boolean')) return { type: 'BOOLEAN', data: cells };
  if (present.every((c) => typeof c === 'number' && Number.isSafeInteger(c)) && present.length > 0)
    return { type: 'INT64', data: cells.map((c) => (c === null ? null : BigInt(c as number))) };
  if (present.every((c) => typeof c === 'number')) return { type: 'DOUBLE', data: cells };
  if (present.every((c) => typeof c === 'string')) return { type: 'STRING', data: cells };
  return { type: 'JSON', data: cells };
}

export async function answerToParquet(answer: QueryAnswer): Promise<ArrayBuffer> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  return parquetWriteBuffer({
    columnData: answer.columns.map((name, i) => ({
      name,
      ...parquetColumn(answer.rows.map((r) => r[i] ?? null)),
    })),
  });
}

function pyString(text: string): string {
  return JSON.stringify(text);
}

/** lazynwb + polars SQL over the same files and table; `sessions` is lazynwb's metadata frame. */
export function pythonForQuery(
  paths: readonly string[],
  tablePath: string,
  tableName: string,
  sql: string,
): string {
  const usesSessions = /\bsessions\b/i.test(sql);
  return [
    'import lazynwb',
    'import polars as pl',
    '',
    'paths = [',
    ...paths.map((p) => `    ${pyString(p)},`),
    ']',
    `${tableName} = lazynwb.scan_nwb(paths, ${pyString(tablePath)})`,
    ...(usesSessions ? ['sessions = lazynwb.get_metadata_df(paths).lazy()'] : []),
    `ctx = pl.SQLContext(${tableName}=${tableName}${usesSessions ? ', sessions=sessions' : ''})`,
    `df = ctx.execute(${pyString(sql)}).collect()`,
    'print(df)',
    '',
  ].join('\n');
}
