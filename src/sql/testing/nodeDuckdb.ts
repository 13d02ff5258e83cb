/**
 * DuckDB-wasm in Node for tests: the same engine the browser runs (the blocking build, no worker),
 * behind the DuckConnection the app uses.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Table } from 'apache-arrow';
import type { DuckConnection } from '../sqlSession';

const require = createRequire(import.meta.url);

/** The part of the blocking build used here (its .d.ts is not reachable through "exports"). */
interface NodeBlocking {
  createDuckDB(
    bundles: Record<'mvp' | 'eh', { mainModule: string; mainWorker: string }>,
    logger: unknown,
    runtime: unknown,
  ): Promise<{ instantiate(): Promise<unknown>; connect(): BlockingConnection }>;
  VoidLogger: new () => unknown;
  NODE_RUNTIME: unknown;
}
interface BlockingConnection {
  query(sql: string): Table;
  insertArrowFromIPCStream(buffer: Uint8Array, options: { name: string; create?: boolean }): void;
}

export async function openNodeDuckdb(): Promise<DuckConnection> {
  // The blocking Node build is CommonJS; its types come from its .d.ts.
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs') as NodeBlocking;
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm'));
  const db = await duckdb.createDuckDB(
    {
      mvp: {
        mainModule: `${dist}/duckdb-mvp.wasm`,
        mainWorker: `${dist}/duckdb-node-mvp.worker.cjs`,
      },
      eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: `${dist}/duckdb-node-eh.worker.cjs` },
    },
    new duckdb.VoidLogger(),
    duckdb.NODE_RUNTIME,
  );
  await db.instantiate();
  const connection = db.connect();
  return {
    query: (sql) => connection.query(sql),
    insertArrowFromIPCStream: (buffer, options) =>
      connection.insertArrowFromIPCStream(buffer, options),
  };
}
