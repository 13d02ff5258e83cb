/**
 * Tables registered in DuckDB and queries run over them, through a narrow connection type that
 * both duckdb-wasm's browser (async) and Node (blocking) connections fit. DuckDB's own message is
 * what a bad query shows: it names the place and the candidates.
 */
import {
  Bool,
  Float64,
  Int32,
  Int64,
  List,
  tableToIPC,
  type DataType,
  type Table,
} from 'apache-arrow';
import type { StackedTable } from '../nwb/across';
import { arrowToAnswer, stackedToArrow, type QueryAnswer } from './arrowTables';

export interface DuckConnection {
  query(sql: string): Promise<Table> | Table;
  /** An Arrow IPC stream (ours, not the engine's Arrow objects: the two libraries' classes differ). */
  insertArrowFromIPCStream(
    buffer: Uint8Array,
    options: { name: string; create?: boolean },
  ): Promise<void> | void;
}

/** An SQL identifier, always quoted (names from files may be anything). */
export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The SQL name of a table path: its last part ("/intervals/trials" -> trials). */
export function sqlTableName(tablePath: string): string {
  const last = tablePath.split('/').filter(Boolean).pop() ?? 'table';
  return last.replace(/[^A-Za-z0-9_]/g, '_');
}

/** DuckDB's message, without the "LINE 1: ..." block that some builds repeat. */
export function sqlErrorMessage(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const blocks = text.split(/\n\s*\n/);
  return blocks
    .filter((block, i) => block !== blocks[i - 1])
    .join('\n\n')
    .trim();
}

function duckType(type: DataType): string {
  if (type instanceof List) return `${duckType(type.children[0].type)}[]`;
  if (type instanceof Int32) return 'INTEGER';
  if (type instanceof Int64) return 'BIGINT';
  if (type instanceof Float64) return 'DOUBLE';
  if (type instanceof Bool) return 'BOOLEAN';
  return 'VARCHAR';
}

export class SqlSession {
  constructor(private readonly connection: DuckConnection) {}

  async register(name: string, table: StackedTable): Promise<void> {
    const arrow = stackedToArrow(table);
    // Created from the schema first: an Arrow insert of zero rows creates no table.
    const columns = arrow.schema.fields.map((f) => `${quoteName(f.name)} ${duckType(f.type)}`);
    await this.connection.query(`DROP TABLE IF EXISTS ${quoteName(name)}`);
    await this.connection.query(`CREATE TABLE ${quoteName(name)} (${columns.join(', ')})`);
    if (arrow.numRows > 0)
      await this.connection.insertArrowFromIPCStream(tableToIPC(arrow, 'stream'), {
        name,
        create: false,
      });
  }

  /** Runs a query; a DuckDB error becomes an Error with DuckDB's message. */
  async run(sql: string): Promise<QueryAnswer> {
    try {
      return arrowToAnswer(await this.connection.query(sql));
    } catch (error) {
      throw new Error(sqlErrorMessage(error), { cause: error });
    }
  }

  /** Parses and binds a query without reading anything (EXPLAIN), so a bad one fails before reads. */
  async check(sql: string): Promise<void> {
    await this.run(`EXPLAIN ${sql.replace(/;\s*$/, '')}`);
  }
}
