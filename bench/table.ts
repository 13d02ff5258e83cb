/**
 * The NWB benchmark: the session overview and the DynamicTable tasks of issue 8 on the synthetic
 * session, through the local range server with latency and a bandwidth cap, cold (empty caches)
 * and warm (a reload: the persistent block store kept, memory caches new), against h5py over
 * fsspec (fsspec's defaults, and 256 KiB blocks) doing the same reads. pynwb is not installable
 * from Debian here, so the peer is h5py, as the report says.
 *
 *   npx tsx bench/table.ts [--latency-ms 50] [--mbps 100] [--markdown out.md] [--tasks a,b] [--trace] [--no-peer] [--repeat 1]
 *
 * `--tasks` runs only the named tasks (of: overview, units-first, units-scalar, units-filtered,
 * trials): the h5py peers take minutes on the overview. `--trace` prints each of our reads (when
 * asked, when answered, which bytes) to stderr; `--no-peer` skips the h5py runs; `--repeat N`
 * runs every reader N times, interleaved, and reports the median time (counts are the first run's).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openAsBlob, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HttpRangeSource } from '../src/bytes/HttpRangeSource';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { MemoryBlockStore } from '../src/cache/MemoryBlockStore';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { describeSession } from '../src/nwb/overview';
import {
  describeTable,
  queryRows,
  readColumnRows,
  type TableColumn,
  type TableModel,
} from '../src/nwb/table';
import type { DataReader } from '../src/reader/contract';
import { serveThrottledSession } from './throttledSession';
import { DEFAULT_SYNTHETIC_PATH } from '../scripts/synthetic/paths';
import { arg, chosenTasks } from './cli';
import { PYTHON } from './python';
import { strongerPeerMs } from './report';

const SCRIPT = path.join(import.meta.dirname, 'table_h5py.py');
const TASKS = ['overview', 'units-first', 'units-scalar', 'units-filtered', 'trials'] as const;
type Task = (typeof TASKS)[number];

const LABELS: Record<Task, string> = {
  overview: 'open to painted session overview',
  'units-first': 'units, scalar columns, first screen (50 rows)',
  'units-scalar': 'units, whole scalar table',
  'units-filtered': 'units filtered (quality = good), then spike_times of the matches',
  trials: 'trials table whole',
};

/** Bytes a column's values take for these rows (ragged: the rows' data ranges counted by caller). */
function bytesOf(column: TableColumn, rows: number): number {
  const per = column.dataShape.slice(1).reduce((p, n) => p * n, 1);
  return rows * per * column.dtype.size;
}

const scalarUnits = (m: TableModel) => [
  m.id!,
  ...m.columns.filter((c) => c.shape === 'scalar' && c.sortable),
];

/** Runs one task on an open reader; returns the bytes the view needs (null when not meaningful). */
async function runTask(reader: DataReader, task: Task): Promise<number | null> {
  if (task === 'overview') {
    await describeSession(reader);
    return null;
  }
  if (task === 'trials') {
    const model = await describeTable(reader, '/intervals/trials');
    const rows = Array.from({ length: model.rowCount }, (_, i) => i);
    const cols = [model.id!, ...model.columns];
    await Promise.all(cols.map((c) => readColumnRows(reader, c, rows)));
    return cols.reduce((s, c) => s + bytesOf(c, rows.length), 0);
  }
  const model = await describeTable(reader, '/units');
  const cols = scalarUnits(model);
  if (task === 'units-first' || task === 'units-scalar') {
    const n = task === 'units-first' ? Math.min(50, model.rowCount) : model.rowCount;
    const rows = Array.from({ length: n }, (_, i) => i);
    await Promise.all(cols.map((c) => readColumnRows(reader, c, rows)));
    return cols.reduce((s, c) => s + bytesOf(c, n), 0);
  }
  const matches = await queryRows(reader, model, {
    filters: [{ column: 'quality', op: '=', value: 'good' }],
    sort: null,
  });
  const spikes = model.columns.find((c) => c.name === 'spike_times')!;
  const cells = await readColumnRows(reader, spikes, matches);
  const spikeCount = cells.reduce<number>(
    (s, c) => s + (ArrayBuffer.isView(c) ? (c as Float64Array).length : 0),
    0,
  );
  const quality = model.columns.find((c) => c.name === 'quality')!;
  return bytesOf(quality, model.rowCount) + matches.length * 2 * 4 + spikeCount * 8;
}

/**
 * One untimed pass over the local file (no network): the first task of a run otherwise pays for
 * the JavaScript engine compiling h5wasm and our code, which the Python peers, timed after their
 * imports, do not.
 */
async function warmUpEngine(file: string): Promise<void> {
  const blob = await openAsBlob(file);
  const reader = await openHdf5Reader({
    descriptor: { kind: 'file', file: Object.assign(blob, { name: 'warm-up', lastModified: 0 }) },
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(),
  });
  await runTask(reader, 'units-first');
  await reader.close();
}

interface Row {
  task: Task;
  who: string;
  /** Sequential rounds of requests (ours only: fsspec reads one block after another). */
  rounds: number | null;
  requests: number;
  bytes: number;
  ms: number;
  needed: number | null;
}

const NO_PREFETCH = 'ours cold, no metadata prefetch';
/** The open as it was: tail after the probe, HDF5's open awaited, 4 requests in flight. */
const SERIAL_OPEN = 'ours cold, open not overlapped';

const OURS = [NO_PREFETCH, SERIAL_OPEN, 'ours cold', 'ours warm'];

/** The first run's counts (exact, the same every run) with the median time of all runs. */
function medianRow(runs: Row[]): Row {
  const times = runs.map((r) => r.ms).sort((a, b) => a - b);
  return { ...runs[0], ms: times[Math.floor((times.length - 1) / 2)] };
}

const PEERS = [
  ['h5py fsspec default', []],
  ['h5py fsspec 256 KiB blocks', ['--cache-type', 'block', '--block-size', String(256 * 1024)]],
] as const;

/** One read of the source (`--trace`): when it was asked and answered, and its range. */
interface TraceEntry {
  at: number;
  done: number;
  /** Null for identify() (the size probe). */
  start: number | null;
  end: number | null;
}

/** The reads of one run, one line each, relative to its start; gaps show time spent computing. */
function printTrace(label: string, t0: number, size: number, trace: TraceEntry[]): void {
  const lines = [`-- ${label}`];
  for (const e of trace) {
    const what =
      e.start === null
        ? 'identify (size probe)'
        : `${e.start}..${e.end} (${(((e.end ?? 0) - e.start) / 1024).toFixed(0)} KiB${e.start >= size - 1024 * 1024 ? ', tail' : ''})`;
    lines.push(
      `  ${(e.at - t0).toFixed(0).padStart(5)} -> ${(e.done - t0).toFixed(0).padStart(5)} ms  ${what}`,
    );
  }
  process.stderr.write(lines.join('\n') + '\n');
}

/** The source, with every read and size probe noted in `trace` (each one request when cold). */
function traced(source: HttpRangeSource, trace: TraceEntry[]): HttpRangeSource {
  const noted =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const range = args[0] as { start?: number; end?: number } | undefined;
      const entry: TraceEntry = {
        at: performance.now(),
        done: NaN,
        start: range?.start ?? null,
        end: range?.end ?? null,
      };
      trace.push(entry);
      try {
        return await fn(...args);
      } finally {
        entry.done = performance.now();
      }
    };
  return Object.assign(source, {
    read: noted(source.read.bind(source)),
    identify: noted(source.identify.bind(source)),
  });
}

/**
 * Sequential rounds of requests: the longest chain of requests each sent after the previous one
 * was answered (round trips the user waits for, however many requests go out beside them).
 * Requests still unanswered when the task ended were not waited for.
 */
function roundsOf(trace: TraceEntry[], end: number): number {
  const answered = trace.filter((e) => e.done <= end).sort((a, b) => a.at - b.at);
  const depth: number[] = [];
  answered.forEach((e, i) => {
    let before = 0;
    for (let k = 0; k < i; k++) if (answered[k].done <= e.at) before = Math.max(before, depth[k]);
    depth.push(before + 1);
  });
  return Math.max(0, ...depth);
}

async function main(): Promise<void> {
  const latencyMs = Number(arg('latency-ms', '50'));
  const mbps = Number(arg('mbps', '100'));
  const file = DEFAULT_SYNTHETIC_PATH;
  const { server, url } = await serveThrottledSession(file, { latencyMs, mbps });
  const counters = () => ({ requests: server.stats.requests, bytes: server.stats.bytes });
  const tracing = process.argv.includes('--trace');
  const size = statSync(file).size;
  await loadH5wasm();
  await warmUpEngine(file);
  const rows: Row[] = [];
  const repeat = Math.max(1, Number(arg('repeat', '1')));

  async function runOurs(task: Task, who: string, store: MemoryBlockStore): Promise<Row> {
    // The cold runs without the metadata prefetch or the overlapped open get stores of their own.
    const baseline = who === NO_PREFETCH || who === SERIAL_OPEN;
    const loader = new BlockLoader({
      persistent: baseline ? new MemoryBlockStore() : store,
      ...(who === SERIAL_OPEN ? { maxInFlight: 4 } : {}),
    });
    const before = counters();
    const trace: TraceEntry[] = [];
    const source = traced(new HttpRangeSource({ url }), trace);
    const t0 = performance.now();
    const reader = await openHdf5Reader({
      source,
      loader,
      memory: new MemoryBlockCache(),
      prefetchMetadata: who !== NO_PREFETCH,
      overlapOpen: who !== SERIAL_OPEN,
    });
    const needed = await runTask(reader, task);
    const t1 = performance.now();
    const after = counters();
    if (tracing && trace.length) {
      printTrace(`${task}, ${who}: ${(t1 - t0).toFixed(0)} ms`, t0, size, trace);
    }
    await reader.close();
    await loader.flushWrites();
    return {
      task,
      who,
      ms: t1 - t0,
      needed,
      rounds: roundsOf(trace, t1),
      requests: after.requests - before.requests,
      bytes: after.bytes - before.bytes,
    };
  }

  async function runPeer(task: Task, who: string, extra: string[]): Promise<Row> {
    const before = counters();
    // Asynchronously: the range server answering Python runs in this process.
    const { stdout: out } = await promisify(execFile)(
      PYTHON,
      [SCRIPT, '--url', url, '--task', task, ...extra],
      { encoding: 'utf8', timeout: 300_000 },
    ).catch((error: { stdout?: string }) => ({
      stdout: error.stdout || '{"ok":false,"error":"timed out or failed"}',
    }));
    const result = JSON.parse(out) as { ok: boolean; ms?: number; error?: string };
    const after = counters();
    if (!result.ok) process.stderr.write(`${who} ${task}: ${result.error}\n`);
    return {
      task,
      who,
      ms: result.ms ?? NaN,
      needed: null,
      rounds: null,
      requests: after.requests - before.requests,
      bytes: after.bytes - before.bytes,
    };
  }

  try {
    for (const task of chosenTasks(TASKS)) {
      const runs = new Map<string, Row[]>();
      const keep = (row: Row) => runs.set(row.who, [...(runs.get(row.who) ?? []), row]);
      // Repetitions interleaved, so that every reader meets the same moments of a busy machine.
      for (let rep = 0; rep < repeat; rep++) {
        const store = new MemoryBlockStore();
        for (const who of OURS) keep(await runOurs(task, who, store));
        const peers = process.argv.includes('--no-peer') ? [] : PEERS;
        for (const [who, extra] of peers) keep(await runPeer(task, who, [...extra]));
      }
      for (const of of runs.values()) rows.push(medianRow(of));
    }
  } finally {
    await server.close();
  }
  const md = table(rows, latencyMs, mbps);
  process.stdout.write(md + '\n');
  const out = arg('markdown', '');
  if (out) writeFileSync(out, md + '\n');
}

function table(rows: Row[], latencyMs: number, mbps: number): string {
  const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const lines = [
    `Synthetic session (320 MB), ${latencyMs} ms per request, ${mbps} Mbit/s. Peer: h5py over fsspec (pynwb not installable from Debian here).`,
    '',
    '| task | reader | requests | rounds | bytes | time | bytes / needed | time vs stronger h5py |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const task of TASKS.filter((t) => rows.some((r) => r.task === t))) {
    const ofTask = rows.filter((r) => r.task === task);
    const best = strongerPeerMs(ofTask);
    for (const r of ofTask) {
      const ratio = r.needed ? `${(r.bytes / r.needed).toFixed(2)}×` : '—';
      lines.push(
        `| ${LABELS[task]} | ${r.who} | ${r.requests} | ${r.rounds ?? '—'} | ${kib(r.bytes)} | ${r.ms.toFixed(0)} ms | ${ratio} | ${(r.ms / best).toFixed(2)}× |`,
      );
    }
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
