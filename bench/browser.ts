/**
 * Browser benchmark: from a link to what the user sees, in Debian's Chromium, with the built app.
 *
 *   npx vite build && npx tsx bench/browser.ts      # --runs 5  --files small,large  --verbose
 *                                                   # --profile: the page's CPU profile per visit
 *                                                   # --no-dandi: without the DANDI link
 *
 * The app (dist/) is served from 127.0.0.1 like a static host (hashed assets cacheable for a year,
 * index.html revalidated); the NWB files come from another origin at 50 ms per request and
 * 100 Mbit/s. Each run starts from a fresh browser profile (first visit), then relaunches the
 * browser on the same profile (return visit: the app, the compiled wasm and the blocks are cached).
 * A second link per file opens a time series, to time the first chart (plotly is loaded then).
 * A third opens the small file as a DANDI asset (`?dandiset=…&asset=…`), through the archive's
 * stand-in (servers/dandi-stub.ts) at the same round trip: the archive is asked before any byte.
 * Times are from navigation start to when the element first enters the DOM; the breakdown comes
 * from the app's own Performance marks (src/perf/marks.ts), collected from the page and workers.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRangeServer, type RangeServer } from '../servers/range-server';
import { IDS, startDandiStub, type DandiStub } from '../servers/dandi-stub';
import { DEFAULT_SYNTHETIC_PATH } from '../scripts/synthetic/paths';
import { generator } from './throttledSession';
import { statSync } from 'node:fs';
import { HEAD_PREFETCH_BYTES, TAIL_PREFETCH_BYTES } from '../src/hdf5/openingBlocks';
import {
  ON_SCREEN,
  launchProfile,
  timeReadsAlone,
  visit,
  type Milestone,
  type VisitResult,
} from './browserVisit';
import { buildRevision } from './browserBaseline';
import type { PipedBrowser } from './devtoolsPipe';
import { FLOOR_MILESTONE, startFloorPage } from './browserFloor';
import { formatProfile } from './browserProfile';
import { fmtBytes, markdownTable, table } from './report';
import { median } from './workload';
import { sleep } from '../src/bytes/abort';

const LATENCY_MS = 50;
const MBPS = 100;
/** Blocks reach IndexedDB in the background; a return visit should find them there. */
const SETTLE_MS = 2500;

interface BenchFile {
  key: string;
  name: string;
  file: string;
  /** A dataset whose preview the link asks for. */
  preview: string;
  /** A time series whose chart another link asks for (plotly loaded at its first chart). */
  chart: string;
}

const FILES: Record<string, BenchFile> = {
  small: {
    key: 'small',
    name: 'nwb_test.nwb',
    file: path.resolve(
      import.meta.dirname,
      '../../shared/testdata/neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb',
    ),
    preview: '/processing/ophys/Fluorescence/RoiResponseSeries/data',
    chart: '/processing/ophys/Fluorescence/RoiResponseSeries',
  },
  large: {
    key: 'large',
    name: 'synthetic_session.nwb',
    file: path.resolve(import.meta.dirname, '..', DEFAULT_SYNTHETIC_PATH),
    preview: '/acquisition/ElectricalSeries/data',
    chart: '/acquisition/running_speed',
  },
};

interface Args {
  runs: number;
  files: string[];
  verbose: boolean;
  /** A git revision to build and measure alongside, run for run. */
  baseline: string | null;
  /** Records the page's CPU profile in each file visit and prints where its time went. */
  profile: boolean;
  /** Also times the small file opened from a DANDI asset's link (the archive's stand-in). */
  dandi: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = {
    runs: 5,
    files: ['small', 'large'],
    verbose: false,
    baseline: null,
    profile: false,
    dandi: true,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--runs') args.runs = Number(argv[++i]);
    else if (arg === '--files') args.files = (argv[++i] ?? '').split(',');
    else if (arg === '--verbose') args.verbose = true;
    else if (arg === '--baseline') args.baseline = argv[++i] ?? null;
    else if (arg === '--profile') args.profile = true;
    else if (arg === '--no-dandi') args.dandi = false;
    else throw new Error(`unknown argument: ${arg}`);
  }
  for (const f of args.files) if (!FILES[f]) throw new Error(`unknown file ${f}: small or large`);
  return args;
}

const log = (...parts: unknown[]) => console.error('[browser-bench]', ...parts);

/** The DANDI link's visits: the small file, as the stand-in's dandiset 000007 holds it. */
const DANDI_LABEL = 'nwb_test.nwb by DANDI asset link';
const DANDI_ASSET_PATH = 'sub-003/sub-003_ophys.nwb';

/**
 * The query of a link to the small file's asset, as the app writes it when the file is clicked in
 * the dandiset (version, asset, its path, the dataset previewed), pointed at the stand-in.
 */
async function dandiAssetLink(stub: DandiStub): Promise<URLSearchParams> {
  const response = await fetch(
    `${stub.url}/dandisets/${IDS.ophys}/versions/draft/assets/?path=${DANDI_ASSET_PATH}`,
  );
  const body = (await response.json()) as { results: { asset_id: string }[] };
  const asset = body.results[0];
  if (!asset) throw new Error(`the stand-in has no ${DANDI_ASSET_PATH}`);
  return new URLSearchParams({
    dandiset: IDS.ophys,
    version: 'draft',
    asset: asset.asset_id,
    assetPath: DANDI_ASSET_PATH,
    path: FILES.small!.preview,
    dandiApi: stub.url,
  });
}

function sampleOf(build: Build, label: string): Sample {
  const sample = build.samples.find((s) => s.label === label);
  if (!sample) throw new Error(`no sample ${label}`);
  return sample;
}

/** A scenario's results over the runs. */
interface Sample {
  label: string;
  /** Column title in the breakdown. */
  short: string;
  until: Milestone[];
  visits: (VisitResult & { requests: number; bytes: number })[];
}

/** Where a visit's data comes from: its origin, and the GET requests (and bytes) it served. */
interface DataCounter {
  origin: string;
  reset(): void;
  count(): { requests: number; bytes: number };
}

/** The range server's own log. */
function rangeCounter(data: RangeServer): DataCounter {
  return {
    origin: data.url,
    reset: () => data.stats.reset(),
    count: () => {
      const gets = data.stats.log.filter((e) => e.method === 'GET');
      return { requests: gets.length, bytes: gets.reduce((n, e) => n + e.bytes, 0) };
    },
  };
}

/**
 * The DANDI stand-in: its API's GETs and its object store's, the store's bytes as the Range
 * headers asked (the app reads by ranges only).
 */
function dandiCounter(stub: DandiStub): DataCounter {
  const gets = (log: DandiStub['requests']) => log.filter((r) => r.method === 'GET');
  const asked = (range: unknown) => {
    const m = /^bytes=(\d+)-(\d+)$/.exec(String(range ?? ''));
    return m ? Number(m[2]) - Number(m[1]) + 1 : 0;
  };
  return {
    origin: stub.bucketUrl,
    reset: () => {
      stub.requests.length = 0;
      stub.bucketRequests.length = 0;
    },
    count: () => ({
      requests: gets(stub.requests).length + gets(stub.bucketRequests).length,
      bytes: gets(stub.bucketRequests).reduce((n, r) => n + asked(r.headers.range), 0),
    }),
  };
}

/** First visit in a fresh profile, then a return visit after relaunching on the same profile. */
async function firstAndReturn(
  url: string,
  until: Milestone[],
  data: DataCounter,
  afterFirst?: (browser: PipedBrowser) => Promise<void>,
  profile = false,
): Promise<[Sample['visits'][number], Sample['visits'][number]]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nwbe-bench-'));
  try {
    const once = async (after?: (browser: PipedBrowser) => Promise<void>) => {
      const browser = await launchProfile(dir);
      try {
        data.reset();
        const result = await visit(browser, url, until, data.origin, { profile });
        const measured = { ...result, ...data.count() };
        await after?.(browser);
        await sleep(SETTLE_MS);
        return measured;
      } finally {
        await browser.close();
      }
    };
    const first = await once(afterFirst);
    const back = await once();
    return [first, back];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function fmt(ms: number | undefined): string {
  return ms === undefined || !Number.isFinite(ms) ? '-' : `${Math.round(ms)}`;
}

function medianOf(values: (number | undefined)[]): number | undefined {
  const known = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  return known.length === values.length && known.length > 0 ? median(known) : undefined;
}

/** Median and range of one measure over the runs, e.g. "812 (790–901)". */
function spread(values: (number | undefined)[]): string {
  const m = medianOf(values);
  if (m === undefined) return '-';
  const known = values as number[];
  return `${fmt(m)} (${fmt(Math.min(...known))}–${fmt(Math.max(...known))})`;
}

const span = (v: VisitResult, name: string) =>
  v.marks[`${name}:end`] !== undefined && v.marks[`${name}:start`] !== undefined
    ? v.marks[`${name}:end`]! - v.marks[`${name}:start`]!
    : undefined;

/** From the first request to the last answer among the requests made until the file was open. */
function openingReads(v: VisitResult): number | undefined {
  const openEnd = v.marks['hdf5-open:end'];
  if (openEnd === undefined) return undefined;
  const reads = v.dataReads.filter((r) => r.start <= openEnd);
  if (reads.length === 0) return 0;
  return Math.max(...reads.map((r) => r.end)) - Math.min(...reads.map((r) => r.start));
}

/** Columns of the breakdown: where the time to the first tree goes, from the app's marks. */
const BREAKDOWN: [string, (v: VisitResult) => number | undefined][] = [
  ['html', (v) => v.marks['html']],
  ['entry script loaded', (v) => v.marks['index:loaded']],
  ['app script run', (v) => v.marks['app-start']],
  ['UI render asked', (v) => v.marks['app-render']],
  ['first contentful paint', (v) => v.marks['first-contentful-paint']],
  ['hdf5 worker run', (v) => v.marks['hdf5-worker-start']],
  ['fetcher worker run', (v) => v.marks['fetcher-worker-start']],
  ['h5wasm load', (v) => span(v, 'h5wasm')],
  ['wasm compile', (v) => span(v, 'wasm-compile')],
  ['h5wasm ready', (v) => v.marks['h5wasm:end']],
  ['workers ready', (v) => v.marks['client-ready']],
  ['open asked', (v) => v.marks['open-asked'] ?? v.marks['identity:start']],
  ['loader asked', (v) => v.marks['loader-identity:start']],
  ['IndexedDB lookup', (v) => span(v, 'idb-identity')],
  ['identity', (v) => v.marks['loader-identity:end']],
  ['opening reads', openingReads],
  ['opening blocks', (v) => span(v, 'opening-blocks')],
  ['HDF5 open', (v) => span(v, 'h5-open')],
  ['root parsed from blocks', (v) => v.marks['first-listing:end']],
  ['kept answers read (index.html)', (v) => v.marks['page-kept-early:end']],
  ['kept answers asked by page', (v) => v.marks['page-kept:start']],
  ['kept answers read by page', (v) => v.marks['page-kept:end']],
  ['kept answers found', (v) => v.marks['kept-answers:end']],
  ['open from kept answers', (v) => v.marks['kept-answers-open']],
  ['file view code loaded', (v) => v.marks['explorer-view:loaded']],
  ['root listing asked', (v) => v.marks['root-asked']],
  ['reader open asked', (v) => v.marks['reader-open']],
  ['file open', (v) => v.marks['hdf5-open:end']],
  ['root listed', (v) => v.marks['root-listed']],
  ['view picture painted (index.html)', (v) => v.marks['view-snapshot:painted']],
  ['tree or picture', (v) => v.seen['tree-or-picture']],
  ['view picture gone', (v) => v.marks['view-snapshot:gone']],
  ['first tree', (v) => v.seen.tree],
  ['first tree on screen', (v) => v.marks['tree:on-screen']],
  ['plotly load', (v) => span(v, 'plotly')],
  ['plotly ready', (v) => v.marks['plotly:end']],
  ['chart drawn', (v) => v.marks['chart-drawn']],
];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const loadBefore = os.loadavg()[0] ?? 0;
  const dist = path.resolve(import.meta.dirname, '../dist');
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/ is missing: run `npx vite build` first');
  }
  const files = args.files.map((f) => FILES[f]!);
  for (const f of files) {
    if (f === FILES.large && !existsSync(f.file)) {
      log(`generating ${f.file}; about 30-45 s`);
      await (
        await generator()
      ).makeSyntheticSession({ out: f.file, scale: 1, layout: 'interleaved' });
    }
  }

  const builds: Build[] = [{ label: 'this build', dist, samples: [] }];
  if (args.baseline) {
    builds.push({ label: args.baseline, dist: buildRevision(args.baseline, log), samples: [] });
  }
  const mounts: Record<string, string> = {};
  files.forEach((f, i) => (mounts[`/f${i}`] = path.dirname(f.file)));
  const data = await startRangeServer({ mounts, latencyMs: LATENCY_MS, mbps: MBPS, cors: 'full' });
  const fileUrl = (i: number) => `${data.url}/f${i}/${path.basename(files[i]!.file)}`;
  const readsAlone: number[][] = files.map(() => []);
  // The DANDI link's archive and object store, at the same round trip as the data server.
  const dandi = args.dandi ? await startDandiStub({ latencyMs: LATENCY_MS }) : null;
  const dandiLink = dandi ? await dandiAssetLink(dandi) : null;
  const floor = await startFloorPage();
  const floorVisits: Floor = { first: [], back: [] };
  const dataCounter = rangeCounter(data);
  const servers: RangeServer[] = [];
  try {
    for (const build of builds) {
      servers.push(await serveApp(build.dist));
      build.samples = [
        {
          label: 'opening screen, first visit',
          short: 'home 1st',
          until: ['open-screen', 'open-screen-live'],
          visits: [],
        },
        {
          label: 'opening screen, return visit',
          short: 'home again',
          until: ['open-screen', 'open-screen-live'],
          visits: [],
        },
        ...files.flatMap((f): Sample[] => [
          {
            label: `${f.name}, first visit`,
            short: `${f.key} 1st`,
            until: ['tree', 'preview'],
            visits: [],
          },
          {
            label: `${f.name}, return visit`,
            short: `${f.key} again`,
            until: ['tree', 'preview'],
            visits: [],
          },
          {
            label: `${f.name} chart, first visit`,
            short: `${f.key} chart 1st`,
            until: ['tree', 'chart'],
            visits: [],
          },
          {
            label: `${f.name} chart, return visit`,
            short: `${f.key} chart again`,
            until: ['tree', 'chart'],
            visits: [],
          },
        ]),
        ...(dandiLink
          ? (['first visit', 'return visit'] as const).map((which): Sample => ({
              label: `${DANDI_LABEL}, ${which}`,
              short: which === 'first visit' ? 'dandi 1st' : 'dandi again',
              until: ['tree', 'preview'],
              visits: [],
            }))
          : []),
      ];
    }
    for (let run = 1; run <= args.runs; run++) {
      log(`run ${run}/${args.runs}`);
      // Builds take turns going first: an A/A run (one revision built twice) showed the build
      // measured first in every run 1.2x slower on the opening screen and 0.85x on the tree.
      const order = builds.map((_, b) => (b + run - 1) % builds.length);
      for (const b of order) {
        const build = builds[b]!;
        const app = servers[b]!;
        const [home1, home2] = await firstAndReturn(
          `${app.url}/`,
          ['open-screen', 'open-screen-live'],
          dataCounter,
          async (browser) => {
            if (b > 0) return;
            for (const [i, f] of files.entries()) {
              readsAlone[i]!.push(
                await timeReadsAlone(
                  browser,
                  fileUrl(i),
                  statSync(f.file).size,
                  HEAD_PREFETCH_BYTES,
                  TAIL_PREFETCH_BYTES,
                ),
              );
            }
          },
        );
        build.samples[0]!.visits.push(home1);
        build.samples[1]!.visits.push(home2);
        if (b === order[0]) {
          const [first, back] = await firstAndReturn(floor.url, [FLOOR_MILESTONE], dataCounter);
          floorVisits.first.push(first);
          floorVisits.back.push(back);
        }
        for (const [i, f] of files.entries()) {
          const query = new URLSearchParams({ url: fileUrl(i), path: f.preview });
          // Profiled up to the first tree: the preview is another story.
          const pair = await firstAndReturn(
            `${app.url}/?${query}`,
            args.profile ? ['tree'] : ['tree', 'preview'],
            dataCounter,
            undefined,
            args.profile,
          );
          build.samples[2 + 4 * i]!.visits.push(pair[0]);
          build.samples[3 + 4 * i]!.visits.push(pair[1]);
          if (!args.profile) {
            const chartQuery = new URLSearchParams({ url: fileUrl(i), path: f.chart });
            const charts = await firstAndReturn(
              `${app.url}/?${chartQuery}`,
              ['tree', 'chart'],
              dataCounter,
            );
            build.samples[4 + 4 * i]!.visits.push(charts[0]);
            build.samples[5 + 4 * i]!.visits.push(charts[1]);
          }
          if (args.verbose) {
            for (const v of pair) {
              log(build.label, f.name, JSON.stringify({ ...v, profile: undefined }));
            }
          }
          for (const [v, which] of [
            [pair[0], 'first visit'],
            [pair[1], 'return visit'],
          ] as const) {
            if (v.profile) {
              const label = `${build.label}, ${f.name}, ${which}, run ${run}`;
              const file = path.join(
                os.tmpdir(),
                `nwbe-${label.replace(/[^\w.]+/g, '-')}.cpuprofile`,
              );
              await writeFile(file, JSON.stringify(v.profile.raw));
              log(`${formatProfile(label, v.profile)}\n  saved as ${file}`);
            }
          }
        }
        if (dandi && dandiLink) {
          const [first, back] = await firstAndReturn(
            `${app.url}/?${dandiLink}`,
            ['tree', 'preview'],
            dandiCounter(dandi),
          );
          sampleOf(build, `${DANDI_LABEL}, first visit`).visits.push(first);
          sampleOf(build, `${DANDI_LABEL}, return visit`).visits.push(back);
        }
      }
    }
  } finally {
    for (const server of servers) await server.close();
    await dandi?.close();
    await data.close();
    await floor.close();
  }
  const loadAfter = os.loadavg()[0] ?? 0;
  report(args, builds, files, readsAlone, floorVisits, [loadBefore, loadAfter]);
}

/** The static page's visits, one per run, in a fresh profile and after a relaunch. */
interface Floor {
  first: VisitResult[];
  back: VisitResult[];
}

interface Build {
  label: string;
  dist: string;
  samples: Sample[];
}

/** The app like on a static host: content-hashed assets are immutable, the page is revalidated. */
function serveApp(dist: string): Promise<RangeServer> {
  return startRangeServer({
    root: dist,
    coopCoep: true,
    spaFallback: true,
    cors: 'none',
    cacheControl: (urlPath) =>
      urlPath.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

function report(
  args: Args,
  builds: Build[],
  files: BenchFile[],
  readsAlone: number[][],
  floor: Floor,
  load: [number, number],
): void {
  const intro =
    `Chromium ${CHROMIUM_NOTE}, data at ${LATENCY_MS} ms per request and ${MBPS} Mbit/s; ` +
    `ms from navigation start, median (min–max) of ${args.runs} runs; load average ` +
    `${load[0].toFixed(1)} before, ${load[1].toFixed(1)} after (${os.cpus().length} cores).`;
  const markdown: string[] = [intro];
  const print = (title: string, header: string[], rows: string[][]) => {
    console.log(`${title}\n\n${table(header, rows)}\n`);
    markdown.push(`${title}\n\n${markdownTable(header, rows)}`);
  };
  console.log(`\n${intro}\n`);
  for (const build of builds) {
    print(`Milestones, ${build.label}:`, MILESTONE_HEADER, milestoneRows(build.samples));
    // One row per phase, one column per visit: the breakdown reads down a column.
    print(
      `Breakdown, ${build.label} (medians; "load", "compile", "lookup", "reads", "blocks" and ` +
        '"HDF5 open" are durations, the rest ms since navigation):',
      ['phase (ms)', ...build.samples.map((s) => s.short)],
      BREAKDOWN.map(([name, pick]) => [
        name,
        ...build.samples.map((s) => fmt(medianOf(s.visits.map(pick)))),
      ]),
    );
  }
  const ours = builds[0]!;
  const treeOf = (build: Build, label: string) =>
    medianOf(build.samples.find((s) => s.label === label)!.visits.map((v) => v.seen.tree));
  // The first tree against the reads alone: the share of the wait that is not the network's.
  print(
    'Against the reads alone (the two opening reads fetched by a page, same run):',
    ['file', 'reads alone', 'first visit: tree / reads', 'return: tree / reads'],
    files.map((f, i) => {
      const reads = medianOf(readsAlone[i]!) ?? NaN;
      const ratio = (t: number | undefined) => (t === undefined ? '-' : (t / reads).toFixed(1));
      return [
        f.name,
        spread(readsAlone[i]!),
        ratio(treeOf(ours, `${f.name}, first visit`)),
        ratio(treeOf(ours, `${f.name}, return visit`)),
      ];
    }),
  );
  // The same milestones against a page with nothing to do: what is the browser's, what the app's.
  const seenIn = (label: string, m: Milestone) =>
    medianOf(ours.samples.find((s) => s.label === label)!.visits.map((v) => v.seen[m]));
  print(
    'Against the browser alone (a static page of one heading and no script, served like the ' +
      'app; this build, same run):',
    [
      'visit',
      'static page',
      'static page, first contentful paint',
      'opening screen',
      ...files.map((f) => `first tree, ${f.name}`),
    ],
    (
      [
        ['first visit', floor.first],
        ['return visit', floor.back],
      ] as const
    ).map(([visit, page]) => [
      visit,
      spread(page.map((v) => v.seen[FLOOR_MILESTONE])),
      spread(page.map((v) => v.marks['first-contentful-paint'])),
      fmt(seenIn(`opening screen, ${visit}`, 'open-screen')),
      ...files.map((f) => fmt(seenIn(`${f.name}, ${visit}`, 'tree'))),
    ]),
  );
  for (const base of builds.slice(1)) {
    const pick = (build: Build, label: string, of: (v: VisitResult) => number | undefined) =>
      medianOf(build.samples.find((s) => s.label === label)!.visits.map(of));
    print(
      `This build against ${base.label}, same run (medians, ms; ratio below 1 is faster):`,
      ['visit', 'milestone', base.label, 'this build', 'ratio'],
      ours.samples.flatMap((s) =>
        comparedIn(s).map(([name, of]) => {
          const before = pick(base, s.label, of);
          const after = pick(ours, s.label, of);
          const ratio = before && after ? (after / before).toFixed(2) : '-';
          return [s.label, name, fmt(before), fmt(after), ratio];
        }),
      ),
    );
  }
  console.log(`Markdown:\n\n${markdown.join('\n\n')}\n`);
}

/** What two builds are compared on: the tree or its picture, the milestones, the FCP. */
function comparedIn(s: Sample): Compared[] {
  const seen = (m: Milestone): Compared => [m, (v) => v.seen[m]];
  return [
    // A picture of the view or the app's own tree: seen whenever the tree is.
    ...(s.until.includes('tree') ? [seen('tree-or-picture')] : []),
    ...s.until.map(seen),
    ...s.until
      .filter((m) => ON_SCREEN.includes(m))
      .map((m): Compared => [`${m} on screen`, (v) => v.marks[`${m}:on-screen`]]),
    ['first contentful paint', (v) => v.marks['first-contentful-paint']],
  ];
}

/** A row of the comparison: its name, and where a visit's figure for it is. */
type Compared = [string, (v: VisitResult) => number | undefined];

const MILESTONE_HEADER = [
  'visit',
  'opening screen',
  'screen live',
  'tree or picture',
  'first tree',
  'tree on screen',
  'first contentful paint',
  'first preview',
  'first chart',
  'data requests',
];

function milestoneRows(samples: Sample[]): string[][] {
  return samples.map((s) => [
    s.label,
    spread(s.visits.map((v) => v.seen['open-screen'])),
    spread(s.visits.map((v) => v.seen['open-screen-live'])),
    spread(s.visits.map((v) => v.seen['tree-or-picture'])),
    spread(s.visits.map((v) => v.seen.tree)),
    spread(s.visits.map((v) => v.marks['tree:on-screen'])),
    spread(s.visits.map((v) => v.marks['first-contentful-paint'])),
    spread(s.visits.map((v) => v.seen.preview)),
    spread(s.visits.map((v) => v.seen.chart)),
    s.until.includes('tree')
      ? `${medianOf(s.visits.map((v) => v.requests))} / ${fmtBytes(medianOf(s.visits.map((v) => v.bytes)) ?? NaN)}`
      : '-',
  ]);
}

const CHROMIUM_NOTE = '(Debian, /usr/bin/chromium)';

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
