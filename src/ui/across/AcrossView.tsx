/**
 * Across files: the files a location names (a dandiset, a folder or glob of it, or pasted URLs)
 * or a dropped folder (read in place), their session metadata side by side, then one table stacked across them and queried with SQL
 * (DuckDB-wasm, loaded on the first query). The table path and the query live in the address.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useAsync } from '../data/useAsync';
import type { AppLocation } from '../../links/location';
import type { SourceDescriptor } from '../../links/sourceDescriptor';
import {
  METADATA_TABLE,
  metadataTable,
  type AcrossFile,
  type AcrossProgress,
  type StackedTable,
} from '../../nwb/across';
import type { DataReader } from '../../reader/contract';
import { runAcrossQuery, type AcrossAnswer } from '../../sql/acrossQuery';
import { openBrowserDuckdb } from '../../sql/browserDuckdb';
import { answerToCsv, answerToParquet, pythonForQuery } from '../../sql/exportAnswer';
import { SqlSession, sqlTableName } from '../../sql/sqlSession';
import type { ExplorerClient } from '../clientTypes';
import { AcrossSourceForm } from './AcrossSourceForm';
import { AnswerGrid } from './AnswerGrid';
import { resolveApiBase } from '../dandi/useDandiClient';
import { listAcrossFiles, type NamedSource } from './listFiles';
import { ReadProgress, type StepProgress } from './ReadProgress';
import './across.css';

type AcrossLocation = Extract<AppLocation, { view: 'across' }>;

export interface AcrossViewProps {
  location: AcrossLocation;
  /** The DANDI API (from the dandiApi setting); production DANDI when absent. */
  apiBase: string | undefined;
  onNavigate(location: AppLocation, options?: { replace?: boolean }): void;
  openSource(source: SourceDescriptor, signal?: AbortSignal): Promise<DataReader>;
  /** Its counters give the bytes read so far. */
  client: ExplorerClient;
}

type Loaded<T> =
  | { status: 'idle' }
  | { status: 'loading'; progress: StepProgress }
  | { status: 'ok'; data: T }
  | { status: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stepProgress(step: string, p: AcrossProgress, since: StepProgress['since']) {
  return { step, filesDone: p.filesDone, filesTotal: p.filesTotal, since };
}

/** The promise, or a rejection as soon as the signal aborts (DuckDB's start cannot be stopped). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

function download(name: string, data: BlobPart, type: string) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Table paths the files have, most shared first. */
function tableChoices(metadata: StackedTable): { path: string; files: number }[] {
  const counts = new Map<string, number>();
  for (const cell of metadata.values.tables ?? [])
    if (Array.isArray(cell))
      for (const p of cell) if (typeof p === 'string') counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts]
    .map(([path, files]) => ({ path, files }))
    .sort((a, b) => b.files - a.files || a.path.localeCompare(b.path));
}

export function AcrossView(props: AcrossViewProps) {
  const { location, onNavigate, openSource, client } = props;
  const apiBase = resolveApiBase(props.apiBase);
  // Dropped files cannot be in the address: they count while the address names no other source.
  const [dropped, setDropped] = useState<{ id: number; sources: NamedSource[] } | null>(null);
  // Each choice its own key, so a new choice never shows the previous one's results.
  const droppedCount = useRef(0);
  const named = Boolean(location.dandiset || location.urls?.length);
  const local = named ? null : dropped;
  const hasSource = named || local !== null;
  const sourceKey = local
    ? `local:${local.id}`
    : JSON.stringify([
        location.dandiset,
        location.version,
        location.folder,
        location.glob,
        location.urls,
      ]);

  // 1. The files.
  const sources = useAsync(hasSource ? `${apiBase}|${sourceKey}` : null, (signal) =>
    local ? Promise.resolve(local.sources) : listAcrossFiles(location, apiBase, signal),
  );

  // Each file opened once while the view lives, closed when it goes.
  const readers = useRef(new Map<string, Promise<DataReader>>());
  useEffect(() => {
    const open = readers.current;
    return () => {
      for (const reader of open.values()) void reader.then((r) => r.close()).catch(() => {});
      open.clear();
    };
  }, []);
  const files = useMemo<AcrossFile[]>(
    () =>
      sources.status !== 'ok'
        ? []
        : sources.data.map(({ name, source }) => ({
            name,
            open: (options) => {
              // Keyed by the source too: a dropped file may share a name with an earlier one.
              const key = `${sourceKey}|${name}`;
              let reader = readers.current.get(key);
              if (!reader) {
                reader = openSource(source, options?.signal);
                reader.catch(() => readers.current.delete(key));
                readers.current.set(key, reader);
              }
              return reader;
            },
          })),
    [sources, openSource, sourceKey],
  );

  // 2. Session metadata, one row per file.
  const [metadataProgress, setMetadataProgress] = useState<StepProgress | null>(null);
  const metadata = useAsync(
    sources.status === 'ok' && files.length > 0 ? `${apiBase}|${sourceKey}` : null,
    (signal) => {
      const since = client.stats();
      const step = 'Reading metadata';
      setMetadataProgress(
        stepProgress(step, { filesDone: 0, filesTotal: files.length, rows: 0 }, since),
      );
      return metadataTable(files, {
        signal,
        onProgress: (p) => setMetadataProgress(stepProgress(step, p, since)),
      });
    },
  );

  // 3. One table across the files, queried with SQL.
  const choices = useMemo(
    () => (metadata.status === 'ok' ? tableChoices(metadata.data) : []),
    [metadata],
  );
  const tablePath =
    location.table ?? choices.find((c) => c.path === '/units')?.path ?? choices[0]?.path ?? '';
  const [sql, setSql] = useState(location.sql ?? '');
  const shownSql = sql || `SELECT * FROM ${sqlTableName(tablePath || '/units')}`;
  const [answer, setAnswer] = useState<Loaded<AcrossAnswer>>({ status: 'idle' });
  const running = useRef<AbortController | null>(null);
  const session = useRef<Promise<SqlSession> | null>(null);
  const [python, setPython] = useState<string | null>(null);

  const ranFromLink = useRef(false);
  const run = useCallback(
    async (path: string, query: string) => {
      if (metadata.status !== 'ok' || !path) return;
      running.current?.abort();
      const controller = new AbortController();
      running.current = controller;
      const since = client.stats();
      const none = { filesDone: 0, filesTotal: files.length, rows: 0 };
      setAnswer({ status: 'loading', progress: stepProgress('Starting DuckDB', none, since) });
      try {
        session.current ??= openBrowserDuckdb().then((c) => new SqlSession(c));
        const data = await runAcrossQuery(await untilAborted(session.current, controller.signal), {
          files,
          tablePath: path,
          sql: query,
          metadata: metadata.data,
          signal: controller.signal,
          onProgress: (step, p) =>
            setAnswer({ status: 'loading', progress: stepProgress(step, p, since) }),
        });
        if (running.current === controller) setAnswer({ status: 'ok', data });
      } catch (error) {
        // A run replaced by a newer one says nothing.
        if (running.current !== controller && controller.signal.aborted) return;
        if (session.current) void session.current.catch(() => (session.current = null));
        setAnswer(
          controller.signal.aborted
            ? { status: 'error', message: 'Cancelled.' }
            : { status: 'error', message: messageOf(error) },
        );
      }
    },
    [files, metadata, client],
  );

  const submit = (path: string, query: string) => {
    ranFromLink.current = true;
    onNavigate({ ...location, table: path, sql: query }, { replace: true });
    void run(path, query);
  };

  // DuckDB (a 34 MB wasm) starts loading while the metadata is read, not on the first Run.
  const metadataReady = metadata.status === 'ok';
  useEffect(() => {
    if (metadataReady) session.current ??= openBrowserDuckdb().then((c) => new SqlSession(c));
  }, [metadataReady]);

  // A shared link with a table runs its query once the metadata is in.
  useEffect(() => {
    if (ranFromLink.current || metadata.status !== 'ok' || !location.table) return;
    ranFromLink.current = true;
    void run(location.table, location.sql ?? `SELECT * FROM ${sqlTableName(location.table)}`);
  }, [metadata, location.table, location.sql, run]);

  if (!hasSource)
    return (
      <AcrossSourceForm
        onChoose={(next) => onNavigate(next)}
        onLocal={(chosen) => setDropped({ id: ++droppedCount.current, sources: chosen })}
      />
    );

  const tableName = sqlTableName(tablePath || '/units');
  const answerData = answer.status === 'ok' ? answer.data : null;
  return (
    <div className="across">
      <header className="across__header">
        <h1>Across files</h1>
        <p className="muted">
          {local
            ? 'Local files, read in place'
            : location.dandiset
              ? `Dandiset ${location.dandiset}${location.folder ? `, folder ${location.folder}` : ''}${location.glob ? `, matching ${location.glob}` : ''}`
              : `${location.urls?.length ?? 0} URLs`}
          {sources.status === 'ok' ? ` — ${sources.data.length} NWB files` : ''}
          {local && (
            <>
              {' '}
              <button type="button" className="link-button" onClick={() => setDropped(null)}>
                Choose other files
              </button>
            </>
          )}
        </p>
      </header>
      {sources.status === 'loading' && <p role="status">Listing the files…</p>}
      {sources.status === 'error' && <p role="alert">{sources.error.message}</p>}
      {sources.status === 'ok' && sources.data.length === 0 && (
        <p role="alert">No NWB file here.</p>
      )}

      <section aria-label="Session metadata">
        <h2>Sessions</h2>
        {metadata.status === 'loading' && metadataProgress && (
          <ReadProgress client={client} progress={metadataProgress} />
        )}
        {metadata.status === 'error' && <p role="alert">{metadata.error.message}</p>}
        {metadata.status === 'ok' && (
          <AnswerGrid
            label="Session metadata"
            columns={metadata.data.columns.map((c) => c.name)}
            rows={metadata.data.values._nwb_path.map((_, i) =>
              metadata.data.columns.map((c) => metadata.data.values[c.name][i] ?? null),
            )}
          />
        )}
      </section>

      {metadata.status === 'ok' && (
        <section aria-label="Query across files">
          <h2>One table across files</h2>
          <form
            className="across__query"
            onSubmit={(event) => {
              event.preventDefault();
              submit(tablePath, shownSql);
            }}
          >
            <label>
              Table{' '}
              <select
                value={tablePath}
                onChange={(event) => {
                  const next = event.target.value;
                  const query = `SELECT * FROM ${sqlTableName(next)}`;
                  setSql(query);
                  submit(next, query);
                }}
              >
                {choices.map((c) => (
                  <option key={c.path} value={c.path}>
                    {c.path} ({c.files} of {metadata.data.rowCount} files)
                  </option>
                ))}
              </select>
            </label>
            <label className="across__sql">
              SQL (tables: {tableName}, {METADATA_TABLE})
              <textarea
                value={shownSql}
                rows={3}
                spellCheck={false}
                onChange={(event) => setSql(event.target.value)}
              />
            </label>
            <div className="across__buttons">
              <button type="submit">Run</button>
              {answer.status === 'loading' && (
                <button type="button" onClick={() => running.current?.abort()}>
                  Cancel
                </button>
              )}
              <button
                type="button"
                disabled={!answerData}
                onClick={() =>
                  answerData && download(`${tableName}.csv`, answerToCsv(answerData), 'text/csv')
                }
              >
                Export CSV
              </button>
              <button
                type="button"
                disabled={!answerData}
                onClick={() =>
                  answerData &&
                  void answerToParquet(answerData).then((buffer) =>
                    download(`${tableName}.parquet`, buffer, 'application/vnd.apache.parquet'),
                  )
                }
              >
                Export Parquet
              </button>
              <button
                type="button"
                disabled={sources.status !== 'ok'}
                onClick={() => {
                  if (sources.status !== 'ok') return;
                  const code = pythonForQuery(
                    sources.data.map((s) => (s.source.kind === 'url' ? s.source.url : s.name)),
                    tablePath,
                    tableName,
                    shownSql,
                  );
                  setPython(code);
                  void navigator.clipboard?.writeText(code).catch(() => {});
                }}
              >
                Copy as Python
              </button>
            </div>
          </form>
          {python !== null && (
            <pre className="across__python" aria-label="Python code">
              {python}
            </pre>
          )}
          {answer.status === 'loading' && (
            <ReadProgress client={client} progress={answer.progress} />
          )}
          {answer.status === 'error' && (
            <pre role="alert" className="across__error">
              {answer.message}
            </pre>
          )}
          {answerData && (
            <>
              <p className="muted" aria-label="Query plan">
                Read from the files: {answerData.plan.columns.join(', ') || 'no column'}
                {answerData.plan.listsAfterFilter
                  ? `; ${answerData.plan.listsAfterFilter.join(', ')} only for the ${answerData.plan.rowsPassingFilter} rows passing the filter`
                  : ''}
                .
              </p>
              {answerData.problems.length > 0 && (
                <ul className="across__problems" aria-label="Problems">
                  {answerData.problems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              )}
              <AnswerGrid
                label="Query result"
                columns={answerData.columns}
                rows={answerData.rows}
              />
            </>
          )}
        </section>
      )}
    </div>
  );
}
