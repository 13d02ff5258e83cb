/**
 * The streaming benchmark: prints requests, bytes and milliseconds for opening an NWB file over
 * HTTP and painting its first tree, expanding five groups, and reopening warm, through the real
 * reader code (openHdf5Reader + BlockLoader + HttpRangeSource, a MemoryBlockStore standing in for
 * IndexedDB) against a local range server with injected latency and a bandwidth cap. In the same
 * run it measures two baselines on the same objects from the same server: the naive way (one GET
 * of the whole file, then h5wasm in memory) and h5py over fsspec's HTTP file system.
 *
 *   npx tsx bench/bench.ts [--files a.nwb,b.nwb] [--latency-ms 50] [--mbps 100] [--scale 1]
 *                          [--repeat 3] [--no-naive] [--no-python] [--no-sweep] [--verbose]
 *                          [--markdown PATH] [--json PATH]
 *
 * It is a report, not a test: a missed target prints MISS and the exit code stays 0. It exits
 * non-zero only when it cannot run at all.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { HttpRangeSource } from '../src/bytes/HttpRangeSource';
import { BlockLoader } from '../src/cache/BlockLoader';
import { MemoryBlockCache } from '../src/cache/MemoryBlockCache';
import { MemoryBlockStore } from '../src/cache/MemoryBlockStore';
import { BLOCK_SIZE } from '../src/cache/types';
import { loadH5wasm } from '../src/hdf5/h5wasmModule';
import { openHdf5Reader } from '../src/hdf5/openHdf5Reader';
import { HEAD_PREFETCH_BYTES, TAIL_PREFETCH_BYTES } from '../src/hdf5/openingBlocks';
import { startRangeServer, type RangeServer } from '../servers/range-server';
import {
  DEFAULT_SYNTHETIC_PATH,
  NEUROCONV_SYNTHETIC_PATH,
  makeSyntheticSession,
} from '../scripts/make-synthetic-session';
import { runNaive, type NaiveResult } from './naive';
import { H5PY_CACHE_TYPES, PYTHON, runPython, type PythonResult } from './python';
import {
  fmtBytes,
  fmtMs,
  fmtRatio,
  markdownTable,
  medianRequests,
  phaseRow,
  table,
  totalOf,
} from './report';
import {
  TREE_ATTRS,
  median,
  pickGroups,
  runOnReader,
  type Counters,
  type PhaseResult,
} from './workload';

const SHARED = '/work/shared/testdata';
const DEFAULT_FILES = [
  DEFAULT_SYNTHETIC_PATH,
  NEUROCONV_SYNTHETIC_PATH,
  `${SHARED}/neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb`,
  `${SHARED}/hdmf-zarr/docs/gallery/resources/sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb`,
  `${SHARED}/dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb`,
  `${SHARED}/neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb`,
];
/**
 * Loader settings tried by the sweep, each on a cold store, to show what the cheap knobs would
 * buy: the size of the first read (HttpRangeSource's probe, 512 KiB by default) and read-ahead
 * after a random jump (BlockLoader's initialReadaheadBlocks, 0 by default). The head and tail
 * blocks the reader loads at open (openingBlocks.ts) stay as they are. The cache block size is
 * not swept: the HDF5 file node and the loader must agree on it, and openHdf5Reader fixes it to
 * BLOCK_SIZE.
 */
interface LoaderVariant {
  label: string;
  probeBytes?: number;
  initialReadaheadBlocks?: number;
}
const VARIANTS: LoaderVariant[] = [
  { label: 'probe 64 KiB', probeBytes: 64 * 1024 },
  { label: 'probe 512 KiB', probeBytes: 512 * 1024 },
  { label: 'probe 1 MiB', probeBytes: 1024 * 1024 },
  { label: 'read-ahead 4 blocks', initialReadaheadBlocks: 4 },
  { label: 'read-ahead 16 blocks', initialReadaheadBlocks: 16 },
];
/** "under 2 MB": decimal megabytes, the stricter reading. */
const BYTES_TARGET = 2_000_000;

interface Args {
  files: string[];
  latencyMs: number;
  mbps: number;
  scale: number;
  naive: boolean;
  python: boolean;
  sweep: boolean;
  verbose: boolean;
  /** Cold + warm runs of ours per file; times are the median. */
  repeat: number;
  markdown?: string;
  json?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    files: DEFAULT_FILES,
    latencyMs: 50,
    mbps: 100,
    scale: 1,
    naive: true,
    python: true,
    sweep: true,
    verbose: false,
    repeat: 3,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg ?? ''} needs a value`);
      return v;
    };
    switch (arg) {
      case '--files':
        // Several --files flags and comma-separated lists both work.
        if (args.files === DEFAULT_FILES) args.files = [];
        args.files.push(...value().split(',').filter(Boolean));
        break;
      case '--latency-ms':
        args.latencyMs = Number(value());
        break;
      case '--mbps':
        args.mbps = Number(value());
        break;
      case '--scale':
        args.scale = Number(value());
        break;
      case '--no-naive':
        args.naive = false;
        break;
      case '--no-python':
        args.python = false;
        break;
      case '--no-sweep':
        args.sweep = false;
        break;
      case '--repeat':
        args.repeat = Math.max(1, Math.floor(Number(value())));
        break;
      case '--verbose':
        args.verbose = true;
        break;
      case '--markdown':
        args.markdown = value();
        break;
      case '--json':
        args.json = value();
        break;
      default:
        throw new Error(`unknown argument: ${arg ?? ''}`);
    }
  }
  return args;
}

interface OursRun {
  open: PhaseResult;
  expansions: PhaseResult[];
  total: PhaseResult;
  childCounts: number[];
  /** The loader's own counters, to cross-check the server's. */
  loaderRequests: number;
  loaderBytes: number;
}

interface SweepRow {
  variant: string;
  open: PhaseResult;
  total: PhaseResult;
}

interface TargetCheck {
  name: string;
  value: string;
  pass: boolean;
}

interface FileReport {
  name: string;
  path: string;
  size: number;
  groups: string[];
  cold: OursRun;
  warm: OursRun;
  naive?: NaiveResult;
  /** One run per fsspec cache type (H5PY_CACHE_TYPES), failed ones included. */
  pythons: PythonResult[];
  /** Open + root listing without projected attributes, cold. */
  namesOnly: PhaseResult;
  sweep: SweepRow[];
  targets: TargetCheck[];
  notes: string[];
}

async function runOurs(
  url: string,
  groups: string[],
  store: MemoryBlockStore,
  counters: () => Counters,
  variant: Omit<LoaderVariant, 'label'> & { attrs?: string[] } = {},
): Promise<OursRun> {
  const { probeBytes, initialReadaheadBlocks } = variant;
  // A fresh loader and memory cache each time, as after a page reload: only `store` carries over.
  const loader = new BlockLoader({ persistent: store, initialReadaheadBlocks });
  const memory = new MemoryBlockCache();
  const open = () =>
    openHdf5Reader({ source: new HttpRangeSource({ url, probeBytes }), loader, memory });
  const { result, reader } = await runOnReader(
    open,
    groups,
    counters,
    'attrs' in variant ? variant.attrs : TREE_ATTRS,
  );
  await reader.close();
  // Blocks reach the persistent store in the background; a reload comes after they landed.
  await loader.flushWrites();
  const stats = loader.stats();
  return {
    ...result,
    total: totalOf('open + expansions', [result.open, ...result.expansions]),
    loaderRequests: stats.requests,
    loaderBytes: stats.bytesFetched,
  };
}

/**
 * Requests and bytes are deterministic for a given file and loader; milliseconds are not (the
 * first run pays JIT warm-up, and other processes share the CPU). Keeps the first run's counts
 * and each phase's median time, and notes any run whose counts differed.
 */
function medianRun(runs: OursRun[], label: string, notes: string[]): OursRun {
  const [first] = runs;
  if (first === undefined) throw new Error('no runs');
  const medianPhase = (pick: (r: OursRun) => PhaseResult | undefined): PhaseResult => {
    const phases = runs.map(pick).filter((p): p is PhaseResult => p !== undefined);
    const base = phases[0] ?? pick(first);
    if (base === undefined) throw new Error('missing phase');
    if (phases.some((p) => p.requests !== base.requests || p.bytes !== base.bytes)) {
      notes.push(
        `${label} ${base.label}: requests/bytes varied across runs: ` +
          phases.map((p) => `${p.requests}/${fmtBytes(p.bytes)}`).join(', '),
      );
    }
    return { ...base, ms: median(phases.map((p) => p.ms)) };
  };
  return {
    ...first,
    open: medianPhase((r) => r.open),
    expansions: first.expansions.map((_, i) => medianPhase((r) => r.expansions[i])),
    total: medianPhase((r) => r.total),
  };
}

function checkTargets(cold: OursRun, warm: OursRun): TargetCheck[] {
  const coldMedian = medianRequests(cold.expansions);
  const warmMax = Math.max(0, ...warm.expansions.map((e) => e.requests));
  return [
    {
      name: 'open to first tree <= 2 requests',
      value: String(cold.open.requests),
      pass: cold.open.requests <= 2,
    },
    {
      name: 'expansion median <= 3 requests cold',
      value: String(coldMedian),
      pass: coldMedian <= 3,
    },
    { name: 'expansion 0 requests warm', value: `max ${warmMax}`, pass: warmMax === 0 },
    {
      name: 'warm reopen 0 requests',
      value: String(warm.total.requests),
      pass: warm.total.requests === 0,
    },
    {
      name: 'open + 5 expansions < 2 MB',
      value: fmtBytes(cold.total.bytes),
      pass: cold.total.bytes < BYTES_TARGET,
    },
  ];
}

function sameCounts(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

async function benchFile(
  server: RangeServer,
  url: string,
  localPath: string,
  args: Args,
): Promise<FileReport> {
  // This file's requests only: a warm run's background check of the previous file (1.5 s after
  // its open) may reach the same server during this file's first runs. The log is only read
  // after a phase, so a shallow copy of its ranges is cheap enough.
  const filePath = new URL(url).pathname;
  const counters = (): Counters => {
    const mine = server.stats.log.filter((e) => e.path === filePath);
    return {
      requests: mine.length,
      bytes: mine.reduce((n, e) => n + e.bytes, 0),
      ranges: mine.map((e) => e.range),
    };
  };
  const name = path.basename(localPath);
  const size = statSync(localPath).size;
  const groups = await pickGroups(localPath);
  const notes: string[] = [];
  log(`\n== ${name} (${fmtBytes(size)}) ==`);
  log(`expanding: ${groups.join(', ') || '(no groups with data)'}`);

  const colds: OursRun[] = [];
  const warms: OursRun[] = [];
  for (let i = 0; i < args.repeat; i++) {
    const store = new MemoryBlockStore();
    colds.push(await runOurs(url, groups, store, counters));
    warms.push(await runOurs(url, groups, store, counters));
  }
  const cold = medianRun(colds, 'cold', notes);
  const warm = medianRun(warms, 'warm', notes);
  if (cold.loaderRequests !== cold.total.requests) {
    notes.push(
      `loader counted ${cold.loaderRequests} requests, server ${cold.total.requests} (cold)`,
    );
  }

  let naive: NaiveResult | undefined;
  if (args.naive) {
    try {
      naive = await runNaive(url, groups, counters);
      if (!sameCounts(naive.childCounts, cold.childCounts)) {
        notes.push(
          `naive saw child counts ${naive.childCounts.join(',')}, ours ${cold.childCounts.join(',')}`,
        );
      }
    } catch (error) {
      notes.push(`naive baseline failed: ${String(error)}`);
    }
  }

  const pythons: PythonResult[] = [];
  if (args.python) {
    for (const cacheType of H5PY_CACHE_TYPES) {
      server.stats.reset();
      const run = await runPython(url, server.url, groups, () => server.stats.log, cacheType);
      pythons.push(run);
      if (!run.ok) notes.push(`${run.label} baseline failed: ${run.error ?? '?'}`);
      else if (!sameCounts(run.childCounts, cold.childCounts)) {
        notes.push(
          `${run.label} saw child counts ${run.childCounts.join(',')}, ours ${cold.childCounts.join(',')}`,
        );
      }
    }
  }

  // The same first tree without neurodata_type/namespace: what painting names first would cost
  // (types need every child's object header, which may sit anywhere in the file).
  const namesOnly = (await runOurs(url, [], new MemoryBlockStore(), counters, { attrs: undefined }))
    .open;

  const sweep: SweepRow[] = [];
  if (args.sweep) {
    for (const variant of VARIANTS) {
      const run = await runOurs(url, groups, new MemoryBlockStore(), counters, variant);
      sweep.push({ variant: variant.label, open: run.open, total: run.total });
    }
  }

  const report: FileReport = {
    name,
    path: localPath,
    size,
    groups,
    cold,
    warm,
    naive,
    pythons,
    namesOnly,
    sweep,
    targets: checkTargets(cold, warm),
    notes,
  };
  printFile(report, args.verbose);
  return report;
}

function log(line: string): void {
  process.stdout.write(`${line}\n`);
}

function printFile(r: FileReport, verbose: boolean): void {
  const rows: string[][] = [];
  rows.push(phaseRow('ours cold  ', r.cold.open));
  for (const e of r.cold.expansions) rows.push(phaseRow('ours cold    expand ', e));
  rows.push(phaseRow('ours cold  ', r.cold.total));
  rows.push(phaseRow('ours cold  ', { ...r.namesOnly, label: 'open + names only' }));
  rows.push(phaseRow('ours warm  ', r.warm.open));
  rows.push(phaseRow('ours warm  ', r.warm.total));
  if (r.naive) {
    rows.push(phaseRow('naive      ', r.naive.download));
    rows.push(phaseRow('naive      ', r.naive.read));
    rows.push(phaseRow('naive      ', r.naive.total));
  }
  for (const py of r.pythons.filter((p) => p.ok)) {
    const prefix = `${py.label} `.padEnd(11);
    rows.push(phaseRow(prefix, py.open));
    for (const e of py.expansions) rows.push(phaseRow(`${prefix}  expand `, e));
    rows.push(phaseRow(prefix, py.total));
  }
  log(table(['phase', 'requests', 'bytes', 'time'], rows));
  log(
    `expansion requests, median: cold ${medianRequests(r.cold.expansions)}, ` +
      `warm ${medianRequests(r.warm.expansions)}` +
      r.pythons
        .filter((p) => p.ok)
        .map((p) => `, ${p.label} ${medianRequests(p.expansions)}`)
        .join(''),
  );

  const ratioRows: string[][] = [];
  const ours = r.cold.total;
  if (r.naive) {
    const b = r.naive.total;
    ratioRows.push([
      'ours / naive',
      fmtRatio(ours.ms, b.ms),
      fmtRatio(ours.requests, b.requests),
      fmtRatio(ours.bytes, b.bytes),
    ]);
  }
  for (const py of r.pythons.filter((p) => p.ok)) {
    const b = py.total;
    ratioRows.push([
      `ours / ${py.label}`,
      fmtRatio(ours.ms, b.ms),
      fmtRatio(ours.requests, b.requests),
      fmtRatio(ours.bytes, b.bytes),
    ]);
  }
  if (ratioRows.length > 0) {
    log('\nopen + 5 expansions, cold (below 1: ours is cheaper)');
    log(table(['ratio', 'time', 'requests', 'bytes'], ratioRows));
  }
  if (r.sweep.length > 0) {
    log(
      `\nloader settings, cold (default: probe 512 KiB, no read-ahead; block ` +
        `${fmtBytes(BLOCK_SIZE)}; head ${fmtBytes(HEAD_PREFETCH_BYTES)} and tail ` +
        `${fmtBytes(TAIL_PREFETCH_BYTES)} loaded at open)`,
    );
    log(
      table(
        [
          'variant',
          'open req',
          'open bytes',
          'open time',
          'total req',
          'total bytes',
          'total time',
        ],
        r.sweep.map((s) => [
          s.variant,
          String(s.open.requests),
          fmtBytes(s.open.bytes),
          fmtMs(s.open.ms),
          String(s.total.requests),
          fmtBytes(s.total.bytes),
          fmtMs(s.total.ms),
        ]),
      ),
    );
  }
  if (verbose) {
    log('\nrequests of the cold run (Range headers)');
    for (const p of [r.cold.open, ...r.cold.expansions]) {
      log(`  ${p.label}: ${(p.ranges ?? []).map((x) => x ?? 'whole file').join(', ') || '-'}`);
    }
  }
  log('\ntargets');
  for (const t of r.targets) log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name}: ${t.value}`);
  for (const n of r.notes) log(`  note: ${n}`);
}

function summaryMarkdown(reports: FileReport[], args: Args): string {
  const triple = (p: PhaseResult | undefined): string =>
    p ? `${p.requests} / ${fmtBytes(p.bytes)} / ${fmtMs(p.ms)}` : '-';
  const ours = markdownTable(
    [
      'file',
      'size',
      'open: req / bytes / time',
      'expand req (median)',
      'open + 5: req / bytes / time',
      'warm reopen: req / time',
      'targets met',
    ],
    reports.map((r) => [
      r.name,
      fmtBytes(r.size),
      triple(r.cold.open),
      String(medianRequests(r.cold.expansions)),
      triple(r.cold.total),
      `${r.warm.total.requests} / ${fmtMs(r.warm.total.ms)}`,
      `${r.targets.filter((t) => t.pass).length}/${r.targets.length}`,
    ]),
  );
  const labels = [...new Set(reports.flatMap((r) => r.pythons.map((p) => p.label)))];
  const baselines = markdownTable(
    [
      'file',
      'ours',
      'naive',
      ...labels,
      'time: ours / naive',
      ...labels.map((l) => `time, req, bytes: ours / ${l}`),
    ],
    reports.map((r) => {
      const py = labels.map((l) => r.pythons.find((p) => p.label === l && p.ok));
      return [
        r.name,
        triple(r.cold.total),
        triple(r.naive?.total),
        ...py.map((p) => triple(p?.total)),
        r.naive ? fmtRatio(r.cold.total.ms, r.naive.total.ms) : '-',
        ...py.map((p) =>
          p
            ? [
                fmtRatio(r.cold.total.ms, p.total.ms),
                fmtRatio(r.cold.total.requests, p.total.requests),
                fmtRatio(r.cold.total.bytes, p.total.bytes),
              ].join(', ')
            : '-',
        ),
      ];
    }),
  );
  return (
    `Latency ${args.latencyMs} ms per request, ${args.mbps} Mbit/s per response, ` +
    `cache block ${fmtBytes(BLOCK_SIZE)}; ours: median time of ${args.repeat} runs.\n\n` +
    `${ours}\n\nOpen + 5 expansions, cold, against the baselines (requests / bytes / time; ` +
    `ratios below 1 mean ours is cheaper):\n\n${baselines}`
  );
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const files: string[] = [];
  for (const file of args.files) {
    const layout =
      path.resolve(file) === path.resolve(DEFAULT_SYNTHETIC_PATH)
        ? 'interleaved'
        : path.resolve(file) === path.resolve(NEUROCONV_SYNTHETIC_PATH)
          ? 'neuroconv'
          : null;
    if (layout !== null && !existsSync(file)) {
      log(`generating ${file} (scale ${args.scale}, ${layout}); about 30-45 s at scale 1`);
      await makeSyntheticSession({ out: file, scale: args.scale, layout });
    }
    if (existsSync(file)) files.push(path.resolve(file));
    else log(`skipping ${file}: not found`);
  }
  if (files.length === 0) throw new Error('no files to benchmark');

  // Each file's folder is mounted under its own prefix, so nothing else on disk is served.
  const mounts: Record<string, string> = {};
  const urlPaths = files.map((file, i) => {
    mounts[`/f${i}`] = path.dirname(file);
    return `/f${i}/${encodeURIComponent(path.basename(file))}`;
  });
  const server = await startRangeServer({
    mounts,
    latencyMs: args.latencyMs,
    mbps: args.mbps,
    cors: 'full',
  });
  log(
    `range server ${server.url}: ${args.latencyMs} ms latency per request, ` +
      `${args.mbps} Mbit/s per response; h5py baseline via ${PYTHON}`,
  );
  // Compile and instantiate the WASM module once, outside every measurement: in the app that is
  // start-up cost paid before any file is chosen, and the naive baseline shares the module.
  await loadH5wasm();
  const reports: FileReport[] = [];
  try {
    for (const [i, file] of files.entries()) {
      reports.push(await benchFile(server, `${server.url}${urlPaths[i] ?? ''}`, file, args));
    }
  } finally {
    await server.close();
  }

  const md = summaryMarkdown(reports, args);
  log(`\n== summary ==\n${md}`);
  const missed = reports.flatMap((r) =>
    r.targets.filter((t) => !t.pass).map((t) => `${r.name}: ${t.name} (${t.value})`),
  );
  log(missed.length === 0 ? '\nall targets met' : `\nmissed:\n  ${missed.join('\n  ')}`);
  if (args.markdown) writeFileSync(args.markdown, `${md}\n`);
  if (args.json) {
    const replacer = (_key: string, value: unknown) =>
      typeof value === 'number' && !Number.isFinite(value) ? null : value;
    writeFileSync(args.json, JSON.stringify({ args, reports }, replacer, 2));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
