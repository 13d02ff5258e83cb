/**
 * The time-series benchmark: through the range server (50 ms per request, 100 Mbit/s by default)
 * on the synthetic session, cold and warm, it prints for our reader (openHdf5Reader + BlockLoader
 * + HttpRangeSource, the code the HDF5 worker runs; a MemoryBlockStore and MemoryEnvelopeStore
 * stand in for IndexedDB):
 *   - a 10 s window of the LFP across all channels: requests, bytes, the stored bytes of the
 *     chunks that overlap it, time;
 *   - the whole-LFP overview envelope (2000 bins, all channels): time to the first partial
 *     envelope and to the finished one, requests, bytes, peak memory (RSS of this process, which
 *     plays the worker);
 *   - the spike raster of all units over the same 10 s;
 * and in the same run h5py over fsspec (default cache and 256 KiB blocks) reading the same window
 * and raster data from the same server, with the ratios. A report, not a test: exit code 0.
 *
 *   npx tsx bench/timeseries.ts [--file PATH] [--latency-ms 50] [--mbps 100] [--t0 300] [--no-spread]
 *
 * --no-spread: one request per run of missing blocks (the loader's cutting of long runs into
 * parallel pieces switched off), to measure what that cutting gains.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HttpRangeSource } from '../src/bytes/HttpRangeSource';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { MemoryBlockStore } from '../src/cache/MemoryBlockStore';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { describeUnits } from '../src/nwb/spikeRaster';
import { readSpikesInWindow, SpikeTimesSearcher } from '../src/nwb/spikeWindow';
import type { DataReader } from '../src/reader/contract';
import { MemoryEnvelopeStore, withEnvelopeCache } from '../src/reader/envelopeCache';
import { DEFAULT_SYNTHETIC_PATH } from '../scripts/synthetic/paths';
import { serveThrottledSession } from './throttledSession';
import { PYTHON } from './python';

const LFP = '/processing/ecephys/LFP/ElectricalSeries/data';
const LFP_RATE = 100;
const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'h5py_timeseries.py');
const MARK = '/_bench_mark';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

interface Row {
  label: string;
  requests: number;
  bytes: number;
  ms: number;
  extra?: string;
}

const mb = (n: number) => `${(n / 1e6).toFixed(2)} MB`;

async function main() {
  const file = path.resolve(arg('file', DEFAULT_SYNTHETIC_PATH));
  const latencyMs = Number(arg('latency-ms', '50'));
  const mbps = Number(arg('mbps', '100'));
  const t0 = Number(arg('t0', '300'));
  const t1 = t0 + 10;
  const { server, url } = await serveThrottledSession(file, { latencyMs, mbps });
  const counters = () => ({
    requests: server.stats.log.filter((e) => !e.path.startsWith(MARK)).length,
    bytes: server.stats.bytes,
  });
  await loadH5wasm();

  const store = new MemoryBlockStore();
  const envelopes = new MemoryEnvelopeStore();
  const rows: Row[] = [];
  let chunkBytes = 0;
  let windowShape = '';

  const measure = async (label: string, fn: () => Promise<string | void>) => {
    const before = counters();
    const started = performance.now();
    const extra = (await fn()) ?? undefined;
    const ms = performance.now() - started;
    const after = counters();
    rows.push({
      label,
      requests: after.requests - before.requests,
      bytes: after.bytes - before.bytes,
      ms,
      extra,
    });
  };

  for (const visit of ['cold', 'warm'] as const) {
    // A fresh loader and memory each visit, as after a reload: only the stores carry over.
    const loader = new BlockLoader({
      persistent: store,
      ...(process.argv.includes('--no-spread') ? { minPieceBytes: Infinity } : {}),
    });
    let reader: DataReader | null = null;
    await measure(`open (${visit})`, async () => {
      const opened = await openHdf5Reader({
        source: new HttpRangeSource({ url }),
        loader,
        memory: new MemoryBlockCache(),
      });
      reader = withEnvelopeCache(opened, envelopes, `bench:${file}`);
    });
    const r = reader as unknown as DataReader;
    const info = await r.describeDataset(LFP);
    const [n, channels] = info.shape!;
    const a = Math.round(t0 * LFP_RATE);
    const b = Math.round(t1 * LFP_RATE);
    if (visit === 'cold') {
      // Stored bytes of the chunks a [a, b) x all-channels read overlaps (uniform estimate).
      const [cr, cc] = info.chunks ?? [n, channels];
      const total = Math.ceil(n / cr) * Math.ceil(channels / cc);
      const touched =
        (Math.floor((b - 1) / cr) - Math.floor(a / cr) + 1) * Math.ceil(channels / cc);
      chunkBytes = ((info.storedBytes ?? info.memoryBytes) * touched) / total;
    }
    await measure(`10 s LFP window, ${channels} channels (${visit})`, async () => {
      const slice = await r.readSlice(LFP, [
        { start: a, stop: b },
        { start: 0, stop: channels },
      ]);
      windowShape = slice.shape.join(' x ');
      return `shape ${windowShape}; overlapping chunks ${mb(chunkBytes)}`;
    });
    let firstMs = NaN;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    await measure(`whole-LFP overview, 2000 bins (${visit})`, async () => {
      const started = performance.now();
      const env = await r.reduceMinMax(
        LFP,
        { start: 0, stop: n, bins: 2000 },
        {
          onProgress: () => {
            if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
          },
        },
      );
      if (Number.isNaN(firstMs)) firstMs = performance.now() - started;
      return `first envelope ${firstMs.toFixed(0)} ms; complete ${env.complete}; peak RSS ${mb(peak)}`;
    });
    clearInterval(sampler);
    await measure(`spike raster, all units, 10 s (${visit})`, async () => {
      // As the raster pane reads: each unit's spikes inside the window only (binary search in
      // its run of spike_times over cached blocks), not each unit's whole session.
      const units = await describeUnits(r, '/units');
      const searcher = await SpikeTimesSearcher.open(r, units);
      const inside = await readSpikesInWindow(searcher, units, 0, units.count, [t0, t1]);
      const count = inside.reduce((s, t) => s + t.length, 0);
      return `${units.count} units, ${count} spikes`;
    });
    await r.close();
    await loader.flushWrites();
  }

  const peers: Row[] = [];
  for (const cacheType of ['', 'block']) {
    const label = cacheType ? `h5py + fsspec ${cacheType} 256 KiB` : 'h5py + fsspec default';
    const out = await new Promise<string>((resolve) => {
      const child = spawn(PYTHON, [
        SCRIPT,
        '--url',
        url,
        '--lfp',
        LFP,
        '--rows',
        String(t0 * LFP_RATE),
        String(t1 * LFP_RATE),
        '--t0',
        String(t0),
        '--t1',
        String(t1),
        '--mark-base',
        `${server.url}${MARK}`,
        ...(cacheType ? ['--cache-type', cacheType] : []),
      ]);
      let text = '';
      child.stdout.on('data', (d: Buffer) => (text += d.toString()));
      child.on('close', () => resolve(text.trim().split('\n').pop() ?? '{}'));
    });
    const result = JSON.parse(out) as {
      ok: boolean;
      error?: string;
      windowMs?: number;
      rasterMs?: number;
      rasterSpikes?: number;
    };
    const log = server.stats.log;
    const seg = (from: string, to: string) => {
      const s = log.findIndex((e) => e.path === `${MARK}/${from}`);
      const e = log.findIndex((x, i) => i > s && x.path === `${MARK}/${to}`);
      const inside = s >= 0 && e >= 0 ? log.slice(s + 1, e) : [];
      return { requests: inside.length, bytes: inside.reduce((sum, x) => sum + x.bytes, 0) };
    };
    if (!result.ok) {
      peers.push({
        label: `${label}: failed`,
        requests: 0,
        bytes: 0,
        ms: NaN,
        extra: result.error,
      });
      continue;
    }
    peers.push({
      label: `${label}: 10 s LFP window`,
      ...seg('window', 'raster'),
      ms: result.windowMs!,
    });
    peers.push({
      label: `${label}: spike raster`,
      ...seg('raster', 'end'),
      ms: result.rasterMs!,
      extra: `${result.rasterSpikes} spikes`,
    });
  }
  await server.close();

  const all = [...rows, ...peers];
  const lines = ['| phase | requests | bytes | ms | notes |', '|---|---|---|---|---|'];
  for (const row of all)
    lines.push(
      `| ${row.label} | ${row.requests} | ${mb(row.bytes)} | ${row.ms.toFixed(0)} | ${row.extra ?? ''} |`,
    );
  console.log(
    `\n${path.basename(file)} via ${server.url}: ${latencyMs} ms/request, ${mbps} Mbit/s\n`,
  );
  console.log(lines.join('\n'));
  const cold = rows.find(
    (r) => r.label.startsWith('10 s LFP window') && r.label.endsWith('(cold)'),
  )!;
  const rasterCold = rows.find(
    (r) => r.label.startsWith('spike raster') && r.label.endsWith('(cold)'),
  )!;
  const warmRequests = rows
    .filter((r) => r.label.endsWith('(warm)') && !r.label.startsWith('open'))
    .reduce((s, r) => s + r.requests, 0);
  const peerWindows = peers.filter(
    (p) => p.label.endsWith('10 s LFP window') && Number.isFinite(p.ms),
  );
  const peerRasters = peers.filter(
    (p) => p.label.endsWith('spike raster') && Number.isFinite(p.ms),
  );
  if (peerWindows.length > 0) {
    const best = Math.min(...peerWindows.map((p) => p.ms));
    const ratio = cold.ms / best;
    console.log(
      `\n10 s window, cold: ours / strongest h5py = ${ratio.toFixed(2)} (target <= 0.33: ${ratio <= 1 / 3 ? 'MET' : 'MISS'})`,
    );
  }
  if (peerRasters.length > 0) {
    const best = Math.min(...peerRasters.map((p) => p.ms));
    console.log(`spike raster, cold: ours / strongest h5py = ${(rasterCold.ms / best).toFixed(2)}`);
  }
  console.log(
    `warm requests after open (window + overview + raster): ${warmRequests} (target 0: ${warmRequests === 0 ? 'MET' : 'MISS'})`,
  );
}

await main();
