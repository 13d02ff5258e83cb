/**
 * The across-files benchmark (issue 14): twenty small sessions from scripts/make-across-sessions.ts
 * through the local range server with latency and a bandwidth cap, read by src/nwb/across (the
 * metadata table, and stackTables with projection and scalar filters), cold (empty caches) and
 * warm (a reload: each file's persistent block store kept, memory caches new), against h5py over
 * fsspec (fsspec's defaults, and 256 KiB blocks) in a loop over the files doing the same reads.
 *
 *   npx tsx bench/across.ts [--latency-ms 50] [--mbps 100] [--count 20] [--concurrency 4]
 *                           [--tasks a,b] [--markdown out.md] [--no-peer] [--in-process-server]
 *
 * The range server runs in a child process (bench/serverProcess.ts), as a real server runs on
 * another host; `--in-process-server` runs it in this process, as earlier tables did (its work
 * then takes turns with ours on one event loop, which costs ours and not the Python peer's).
 * `--tasks` runs only the named tasks (of: metadata, trials, units-scalar, units-filtered);
 * `--no-peer` leaves h5py out (to compare two versions of ours; the ratio column is then empty).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { openAsBlob, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HttpRangeSource } from '../src/bytes/HttpRangeSource';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { MemoryBlockStore } from '../src/cache/MemoryBlockStore';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { metadataTable, stackTables, type AcrossFile } from '../src/nwb/across';
import type { DataReader } from '../src/reader/contract';
import { startRangeServer, type RangeServerOptions } from '../servers/range-server';
import { startServerProcess, type ServerProcess } from './serverProcess';
import { makeAcrossSessions } from '../scripts/make-across-sessions';
import { arg, chosenTasks } from './cli';
import { PYTHON } from './python';
import { strongerPeerMs } from './report';

const SCRIPT = path.join(import.meta.dirname, 'across_h5py.py');
const DIR = 'fixtures/generated/across-bench';
const TASKS = ['metadata', 'trials', 'units-scalar', 'units-filtered'] as const;
type Task = (typeof TASKS)[number];

const LABELS: Record<Task, string> = {
  metadata: 'session metadata of every file',
  trials: 'trials across files (every column)',
  'units-scalar': 'units scalar columns across files',
  'units-filtered': 'units quality = good, then spike_times of the matches',
};

/** Runs one task over the files; returns the rows it gave (a sanity figure for the table). */
async function runTask(files: AcrossFile[], task: Task, concurrency: number): Promise<number> {
  const stacked =
    task === 'metadata'
      ? await metadataTable(files, { concurrency })
      : task === 'trials'
        ? await stackTables(files, '/intervals/trials', { concurrency })
        : task === 'units-scalar'
          ? await stackTables(files, '/units', {
              columns: ['firing_rate', 'quality', 'depth'],
              concurrency,
            })
          : await stackTables(files, '/units', {
              columns: ['spike_times'],
              filters: [{ column: 'quality', op: '=', value: 'good' }],
              concurrency,
            });
  const failed = stacked.files.filter((f) => 'error' in f && f.error);
  if (failed.length) throw new Error(`${task}: ${failed.length} files failed`);
  return stacked.rowCount;
}

/** Files over HTTP, each with its own persistent store (kept across cold and warm). */
function httpFiles(
  urls: string[],
  stores: MemoryBlockStore[],
): { files: AcrossFile[]; close(): Promise<void> } {
  const opened: { reader: Promise<DataReader>; loader: BlockLoader }[] = [];
  const files = urls.map((url, i): AcrossFile => {
    let reader: Promise<DataReader> | null = null;
    return {
      name: path.basename(url),
      open: () => {
        if (!reader) {
          const loader = new BlockLoader({ persistent: stores[i]! });
          reader = openHdf5Reader({
            source: new HttpRangeSource({ url }),
            loader,
            memory: new MemoryBlockCache(),
          });
          opened.push({ reader, loader });
        }
        return reader;
      },
    };
  });
  const close = async () => {
    for (const o of opened) {
      await (await o.reader).close();
      await o.loader.flushWrites();
    }
  };
  return { files, close };
}

/**
 * One untimed pass over local copies (no network): the first task otherwise pays for the engine
 * compiling h5wasm and our code, which the Python peer, timed after its imports, does not.
 */
async function warmUpEngine(paths: string[]): Promise<void> {
  const readers: DataReader[] = [];
  const files = paths.slice(0, 2).map((file): AcrossFile => ({
    name: path.basename(file),
    open: async () => {
      const blob = await openAsBlob(file);
      const reader = await openHdf5Reader({
        descriptor: {
          kind: 'file',
          file: Object.assign(blob, { name: path.basename(file), lastModified: 0 }),
        },
        loader: new BlockLoader({ persistent: null }),
        memory: new MemoryBlockCache(),
      });
      readers.push(reader);
      return reader;
    },
  }));
  for (const task of TASKS) await runTask(files, task, 1);
  await Promise.all(readers.map((r) => r.close()));
}

/**
 * One untimed pass over HTTP with throwaway stores: Node loads its fetch (undici) on first use
 * and the range server warms up, which cost the first timed task 300-400 ms of CPU that no
 * browser pays (the Python peer's imports are likewise outside its timing).
 */
async function warmUpHttp(urls: string[]): Promise<void> {
  const few = urls.slice(0, 2);
  for (const task of TASKS) {
    const { files, close } = httpFiles(
      few,
      few.map(() => new MemoryBlockStore()),
    );
    await runTask(files, task, 1);
    await close();
  }
}

interface Row {
  task: Task;
  who: string;
  requests: number;
  bytes: number;
  ms: number;
  /** This process's CPU time over the task, all threads (ours only; range server and GC included). */
  cpuMs?: number;
  rows: number;
  /** Requests after the task: the warm reopen's background checks. */
  checks?: number;
}

const PEERS = [
  ['h5py fsspec default', []],
  ['h5py fsspec 256 KiB blocks', ['--cache-type', 'block', '--block-size', String(256 * 1024)]],
] as const;

/** The range server: a child process unless `--in-process-server`. */
async function startServer(options: RangeServerOptions): Promise<ServerProcess> {
  if (!process.argv.includes('--in-process-server')) return startServerProcess(options);
  const server = await startRangeServer(options);
  return {
    url: server.url,
    stats: async () => ({ requests: server.stats.requests, bytes: server.stats.bytes }),
    close: () => server.close(),
  };
}

async function main(): Promise<void> {
  const latencyMs = Number(arg('latency-ms', '50'));
  const mbps = Number(arg('mbps', '100'));
  const count = Number(arg('count', '20'));
  const concurrency = Number(arg('concurrency', '4'));
  const paths = await makeAcrossSessions(DIR, count);
  const server = await startServer({ mounts: { '/a': DIR }, latencyMs, mbps, cors: 'full' });
  const urls = paths.map((p) => `${server.url}/a/${encodeURIComponent(path.basename(p))}`);
  const counters = () => server.stats();
  await loadH5wasm();
  await warmUpEngine(paths);
  await warmUpHttp(urls);
  const rows: Row[] = [];
  try {
    for (const task of chosenTasks(TASKS)) {
      const stores = urls.map(() => new MemoryBlockStore());
      for (const who of ['ours cold', 'ours warm']) {
        const before = await counters();
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const { files, close } = httpFiles(urls, stores);
        const got = await runTask(files, task, concurrency);
        const ms = performance.now() - t0;
        const cpu = process.cpuUsage(cpu0);
        const after = await counters();
        await close();
        const cpuMs = (cpu.user + cpu.system) / 1000;
        // A warm reopen checks each file once in the background, 1.5 s later (first byte: size
        // and ETag). Waited for and counted here, so it lands in no other row.
        const later = await counters();
        if (who === 'ours warm') await new Promise((resolve) => setTimeout(resolve, 2000));
        const checks = diff(later, await counters()).requests;
        rows.push({ task, who, ms, cpuMs, rows: got, checks, ...diff(before, after) });
      }
      for (const [who, extra] of process.argv.includes('--no-peer') ? [] : PEERS) {
        const before = await counters();
        // Asynchronously: the range server answering Python runs in this process.
        const { stdout } = await promisify(execFile)(
          PYTHON,
          [SCRIPT, '--urls', JSON.stringify(urls), '--task', task, ...extra],
          { encoding: 'utf8', timeout: 600_000 },
        ).catch((error: { stdout?: string }) => ({
          stdout: error.stdout || '{"ok":false,"error":"timed out or failed"}',
        }));
        const result = JSON.parse(stdout) as { ok: boolean; ms?: number; rows?: number };
        const after = await counters();
        if (!result.ok) process.stderr.write(`${who} ${task}: ${stdout}\n`);
        rows.push({
          task,
          who,
          ms: result.ms ?? NaN,
          rows: result.rows ?? 0,
          ...diff(before, after),
        });
      }
      process.stderr.write(`${task} done\n`);
    }
  } finally {
    await server.close();
  }
  const md = table(rows, { latencyMs, mbps, count, concurrency });
  process.stdout.write(md + '\n');
  const out = arg('markdown', '');
  if (out) writeFileSync(out, md + '\n');
}

function diff(before: { requests: number; bytes: number }, after: typeof before) {
  return { requests: after.requests - before.requests, bytes: after.bytes - before.bytes };
}

function table(
  rows: Row[],
  run: { latencyMs: number; mbps: number; count: number; concurrency: number },
): string {
  const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const lines = [
    `${run.count} sessions (make-across-sessions), ${run.latencyMs} ms per request, ${run.mbps} Mbit/s, ours with ${run.concurrency} files in flight. Peer: h5py over fsspec, a loop over the files. Target: ours cold ≤ 0.25× the stronger peer; 0 requests warm.`,
    '',
    '| task | reader | requests | bytes | time | CPU | rows | time vs stronger h5py |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const task of TASKS.filter((t) => rows.some((r) => r.task === t))) {
    const ofTask = rows.filter((r) => r.task === task);
    const best = strongerPeerMs(ofTask);
    for (const r of ofTask)
      lines.push(
        `| ${LABELS[task]} | ${r.who} | ${r.requests}${r.checks ? ` (+${r.checks} checks later)` : ''} | ${kib(r.bytes)} | ${r.ms.toFixed(0)} ms | ${r.cpuMs === undefined ? '—' : `${r.cpuMs.toFixed(0)} ms`} | ${r.rows} | ${Number.isFinite(best) ? `${(r.ms / best).toFixed(2)}×` : '—'} |`,
      );
  }
  return lines.join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
