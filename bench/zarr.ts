/**
 * Zarr and LINDI benchmark: the synthetic session as a consolidated Zarr store and as a LINDI
 * file of its HDF5 original, served by the range server with a per-request latency and a
 * bandwidth cap. Ours (the Zarr backend in Node, through the block loader) against the peer a
 * Python user has (zarr-python over fsspec HTTP), in the same run, on three tasks:
 *   open  — open and list the root with neurodata_type (the first tree);
 *   units — read the units table's scalar columns whole;
 *   lfp   — read a 10 s window of the LFP (all channels).
 *
 *   npx tsx bench/zarr.ts [--latency-ms 50] [--mbps 100] [--runs 3] [--no-warm-up]
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BlockLoader } from '../src/cache/BlockLoader';
import type { DataReader } from '../src/reader/contract';
import { openZarr, type ZarrFormat } from '../src/zarr/openZarr';
import { startRangeServer, type RangeServer } from '../servers/range-server';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..');
const GENERATED = path.join(ROOT, 'fixtures/generated');
const SESSION = path.join(GENERATED, 'synthetic_session.nwb');
const OUT = path.join(GENERATED, 'zarr-bench');
const STORE = path.join(OUT, 'synthetic_session.nwb.zarr');
const PYTHON = '/usr/bin/python3';
const UNITS_COLUMNS = ['id', 'quality', 'firing_rate', 'amplitude'];
const LFP = '/processing/ecephys/LFP/ElectricalSeries';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

function ensureFixtures(serverUrl: string): string {
  if (!existsSync(SESSION)) {
    execFileSync('npx', ['tsx', path.join(ROOT, 'scripts/make-synthetic-session.ts')], {
      stdio: 'inherit',
    });
  }
  if (!existsSync(path.join(STORE, '.zmetadata'))) {
    console.log('Writing the Zarr copy of the synthetic session (once)…');
    const tmp = `${STORE}.tmp`;
    rmSync(tmp, { recursive: true, force: true });
    execFileSync(PYTHON, [path.join(ROOT, 'scripts/zarr/hdf5_to_zarr.py'), SESSION, tmp], {
      stdio: 'inherit',
    });
    renameSync(tmp, STORE);
  }
  // The LINDI file names the HDF5 file by this run's server URL, so it is written every run.
  const lindi = path.join(OUT, 'synthetic_session.nwb.lindi.json');
  execFileSync(PYTHON, [
    path.join(ROOT, 'scripts/zarr/write_lindi.py'),
    SESSION,
    `${serverUrl}/generated/synthetic_session.nwb`,
    lindi,
  ]);
  return lindi;
}

interface TaskTimes {
  openMs: number;
  unitsMs: number;
  lfpMs: number;
  openRequests: number;
  unitsRequests: number;
  lfpRequests: number;
  lfpBytes: number;
}

async function ours(
  server: RangeServer,
  url: string,
  format: ZarrFormat,
  rows: number,
): Promise<TaskTimes> {
  const loader = new BlockLoader({ persistent: null });
  const mark = () => ({ t: performance.now(), n: server.stats.requests, b: server.stats.bytes });
  const since = (m: ReturnType<typeof mark>) => ({
    ms: performance.now() - m.t,
    requests: server.stats.requests - m.n,
    bytes: server.stats.bytes - m.b,
  });
  let m = mark();
  const { reader } = await openZarr(loader, 'bench', { kind: 'url', url }, format);
  await reader.listChildren('/', { attrs: ['neurodata_type', 'namespace'] });
  const open = since(m);
  m = mark();
  await Promise.all(UNITS_COLUMNS.map((c) => readWhole(reader, `/units/${c}`)));
  const units = since(m);
  m = mark();
  const info = await reader.describeDataset(`${LFP}/data`);
  const window = await reader.readSlice(`${LFP}/data`, [
    { start: 0, stop: rows },
    { start: 0, stop: info.shape![1] },
  ]);
  if (window.shape[0] !== rows) throw new Error('LFP window has the wrong shape');
  const lfp = since(m);
  return {
    openMs: open.ms,
    unitsMs: units.ms,
    lfpMs: lfp.ms,
    openRequests: open.requests,
    unitsRequests: units.requests,
    lfpRequests: lfp.requests,
    lfpBytes: lfp.bytes,
  };
}

async function readWhole(reader: DataReader, p: string) {
  const info = await reader.describeDataset(p);
  return reader.readSlice(
    p,
    (info.shape ?? []).map((n) => ({ start: 0, stop: n })),
  );
}

interface PeerTask {
  openMs: number;
  unitsMs: number;
  lfpMs: number;
  error?: string;
}
interface PeerLine {
  versions?: Record<string, string>;
  zarr?: PeerTask;
  lindi?: PeerTask;
}

/** Runs the Python peer without blocking this process; a peer that hangs is stopped after 2 min. */
function runPeer(args: string[]): Promise<{ stdout: string; failure?: string }> {
  return new Promise((resolve) => {
    execFile(PYTHON, args, { encoding: 'utf8', timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ stdout, failure: error ? `${error.message} ${stderr.slice(-300)}` : undefined });
    });
  });
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main() {
  const latencyMs = arg('--latency-ms', 50);
  const mbps = arg('--mbps', 100);
  const runs = arg('--runs', 3);
  const server = await startRangeServer({
    root: GENERATED,
    mounts: { '/generated': GENERATED },
    latencyMs,
    mbps,
  });
  try {
    const lindiFile = ensureFixtures(server.url);
    const storeUrl = `${server.url}/zarr-bench/synthetic_session.nwb.zarr`;
    const lindiUrl = `${server.url}/zarr-bench/${path.basename(lindiFile)}`;
    // 10 s of LFP at the series' rate.
    const probe = await openZarr(
      new BlockLoader(),
      'probe',
      { kind: 'url', url: storeUrl },
      'zarr',
    );
    const rate = (await probe.reader.getAttributes(`${LFP}/starting_time`)).find(
      (a) => a.name === 'rate',
    );
    const rows = Math.round(10 * Number(rate?.value ?? 1000));

    const results: Record<string, TaskTimes[]> = { zarr: [], lindi: [] };
    const python: Record<string, { openMs: number; unitsMs: number; lfpMs: number }[]> = {
      zarr: [],
      lindi: [],
    };
    let versions: Record<string, string> = {};
    // One untimed pass first: a fresh process decodes its first chunks several times slower
    // (V8 compiling and tiering up the blosc/zlib WASM and zarrita's copy loops: 0.6 s, then
    // 0.5 s, then 0.1 s for the same window), which the peer, timed after its imports, does not
    // pay. A browser page pays it once per session, on its first chunked read.
    if (!process.argv.includes('--no-warm-up')) {
      await ours(server, storeUrl, 'zarr', rows);
      await ours(server, lindiUrl, 'lindi', rows);
    }
    for (let run = 0; run < runs; run++) {
      results.zarr.push(await ours(server, storeUrl, 'zarr', rows));
      results.lindi.push(await ours(server, lindiUrl, 'lindi', rows));
      // Asynchronously: the range server answering the peer runs in this process, and a
      // synchronous spawn would stop it (the peer then waited for answers until its timeout).
      const peer = await runPeer([
        path.join(HERE, 'zarr_python_peer.py'),
        storeUrl,
        lindiUrl,
        UNITS_COLUMNS.join(','),
        LFP + '/data',
        String(rows),
      ]);
      if (peer.failure) console.log(`python peer: ${peer.failure}`);
      let line: PeerLine = {};
      try {
        line = JSON.parse(peer.stdout.trim().split('\n').pop() ?? '{}');
      } catch {
        // no answer: reported above
      }
      versions = line.versions ?? versions;
      for (const k of ['zarr', 'lindi'] as const) {
        if (line[k]?.error) console.log(`python ${k}: ${line[k].error}`);
        else if (line[k]) python[k].push(line[k]);
      }
    }

    console.log(
      `\nZarr/LINDI benchmark: ${latencyMs} ms per request, ${mbps} Mbit/s, median of ${runs} runs; ` +
        `LFP window ${rows} rows; peer zarr ${versions.zarr}, fsspec ${versions.fsspec}\n`,
    );
    console.log(
      '| source | task | ours ms | ours requests | zarr-python ms | ratio (ours / peer) |',
    );
    console.log('|---|---|---|---|---|---|');
    for (const k of ['zarr', 'lindi'] as const) {
      for (const task of ['open', 'units', 'lfp'] as const) {
        const ms = median(results[k].map((r) => r[`${task}Ms`]));
        const req = median(results[k].map((r) => r[`${task}Requests`]));
        const peer = python[k].length ? median(python[k].map((r) => r[`${task}Ms`])) : NaN;
        const ratio = Number.isFinite(peer) ? (ms / peer).toFixed(2) : 'n/a';
        console.log(
          `| ${k} | ${task} | ${ms.toFixed(0)} | ${req} | ${Number.isFinite(peer) ? peer.toFixed(0) : 'n/a'} | ${ratio} |`,
        );
      }
    }
    const lfpBytes = median(results.zarr.map((r) => r.lfpBytes));
    console.log(`\nLFP window through the Zarr store fetched ${(lfpBytes / 1e6).toFixed(1)} MB.`);
  } finally {
    await server.close();
  }
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
