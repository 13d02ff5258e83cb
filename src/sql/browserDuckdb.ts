/**
 * DuckDB-wasm in the browser, loaded only when a query first runs: its worker script and wasm are
 * files of our own build (vite `?url`), never a CDN. Extension autoloading is off, since it would
 * fetch from extensions.duckdb.org; nothing here needs an extension.
 */
import type { DuckConnection } from './sqlSession';

let opening: Promise<DuckConnection> | null = null;

export function openBrowserDuckdb(): Promise<DuckConnection> {
  opening ??= open().catch((error: unknown) => {
    opening = null;
    throw error;
  });
  return opening;
}

async function open(): Promise<DuckConnection> {
  const [duckdb, wasm, worker] = await Promise.all([
    import('@duckdb/duckdb-wasm'),
    import('@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url'),
    import('@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url'),
  ]);
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(worker.default));
  await db.instantiate(wasm.default);
  const connection = await db.connect();
  await connection.query('SET autoinstall_known_extensions = false');
  await connection.query('SET autoload_known_extensions = false');
  return {
    query: (sql) => connection.query(sql),
    insertArrowFromIPCStream: (buffer, options) =>
      connection.insertArrowFromIPCStream(buffer, options),
  };
}
