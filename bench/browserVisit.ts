/**
 * One visit of the built app in Debian's Chromium, timed from navigation: when the opening screen,
 * the first tree, the first preview and the first chart appear (a MutationObserver installed
 * before the page's own scripts notes when each first enters the DOM), and the app's own
 * Performance marks from the page and from every worker, all put on the page's time line
 * (milliseconds since navigation start).
 */
import { chromium, type BrowserContext, type Page, type Worker } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { MARK_PREFIX } from '../src/perf/marks';
import { startProfile, type ProfileSummary } from './browserProfile';

/** What the user sees, by the first element that shows it. */
export const MILESTONES = {
  // The opening screen as painted: index.html's static copy, or the app's own in a development
  // build (src/app/openScreenShell.tsx).
  'open-screen': 'section[aria-labelledby="open-url"]',
  // The app's own opening screen, which answers to clicks (it replaces the static copy).
  'open-screen-live': '.app:not([data-shell]) section[aria-labelledby="open-url"]',
  tree: '[role="tree"] [role="treeitem"][data-path]:not([data-path="/"])',
  preview: 'section[aria-labelledby="preview-heading"] table',
  // plotly's root SVG: the chart's axes are laid out (plotly loaded, the window read).
  chart: '[data-testid="plot"] .main-svg',
} as const;
export type Milestone = keyof typeof MILESTONES;

export interface VisitResult {
  /** Milestones seen, ms since navigation start. */
  seen: Partial<Record<Milestone, number>>;
  /** App marks without the prefix (first occurrence of each), ms since navigation start. */
  marks: Record<string, number>;
  /** Requests to the data server seen by the page and its workers (Resource Timing). */
  dataReads: { start: number; end: number; bytes: number }[];
  /** The page's CPU profile up to the last milestone, when asked for. */
  profile?: ProfileSummary;
}

interface ThreadTimeline {
  origin: number;
  marks: [string, number][];
  points: [string, number][];
  resources: { name: string; start: number; end: number; bytes: number }[];
}

/*
 * Code run in the page and its workers is written as text: tsx compiles functions in this file
 * with esbuild's keepNames, whose helper would not exist on the other side.
 */

/** Runs in the page before any of its scripts: notes when each milestone enters the DOM. */
const OBSERVE_MILESTONES = `(() => {
  const selectors = ${JSON.stringify(MILESTONES)};
  const seen = {};
  window.__milestones = seen;
  const check = () => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (!(name in seen) && document.querySelector(selector)) seen[name] = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true });
})()`;

/** Evaluated in the page and in each worker: its marks and resource entries, with its origin. */
const READ_TIMELINE = `({
  origin: performance.timeOrigin,
  marks: performance
    .getEntriesByType('mark')
    .filter((m) => m.name.startsWith(${JSON.stringify(MARK_PREFIX)}))
    .map((m) => [m.name.slice(${MARK_PREFIX.length}), m.startTime]),
  // The browser's own points: the page's HTML received, first (contentful) paint.
  points: [
    ...performance.getEntriesByType('navigation').map((n) => ['html', n.responseEnd]),
    ...performance.getEntriesByType('paint').map((p) => [p.name, p.startTime]),
  ],
  resources: performance
    .getEntriesByType('resource')
    .map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd, bytes: r.encodedBodySize })),
})`;

const WAIT_FOR = `(names) => {
  const seen = window.__milestones;
  return !!seen && names.every((n) => n in seen);
}`;

/**
 * The baseline: the app's two opening reads of a file (the head with the size probe, then the
 * tail) fetched one after the other by the page itself, with nothing else to do.
 */
export async function timeReadsAlone(
  context: BrowserContext,
  fileUrl: string,
  size: number,
  head: number,
  tail: number,
): Promise<number> {
  const page = context.pages()[0] ?? (await context.newPage());
  const script = `(async () => {
    const read = async (range) => {
      const response = await fetch(${JSON.stringify(fileUrl)}, { headers: { Range: range } });
      await response.arrayBuffer();
    };
    const t0 = performance.now();
    await read('bytes=0-${head - 1}');
    await read('bytes=${Math.max(0, size - tail)}-${size - 1}');
    return performance.now() - t0;
  })()`;
  return (await page.evaluate(script)) as number;
}

export async function launchProfile(dir: string): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
  });
  await context.addInitScript({ content: OBSERVE_MILESTONES });
  return context;
}

/** Opens url in the context's page and waits until every milestone in `until` has appeared. */
export async function visit(
  context: BrowserContext,
  url: string,
  until: Milestone[],
  dataOrigin: string,
  options: { profile?: boolean } = {},
): Promise<VisitResult> {
  const page = context.pages()[0] ?? (await context.newPage());
  const workers: Worker[] = [];
  const onWorker = (worker: Worker) => workers.push(worker);
  page.on('worker', onWorker);
  try {
    const recording = options.profile ? await startProfile(page) : null;
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(`(${WAIT_FOR})(${JSON.stringify(until)})`, undefined, {
      timeout: 120_000,
      polling: 20,
    });
    const result = await collect(page, workers, dataOrigin);
    if (recording) {
      const last = Math.max(...until.map((m) => result.seen[m] ?? 0));
      result.profile = await recording.stop(page, last);
    }
    return result;
  } finally {
    page.off('worker', onWorker);
  }
}

async function collect(page: Page, workers: Worker[], dataOrigin: string): Promise<VisitResult> {
  const seen = (await page.evaluate('window.__milestones')) as VisitResult['seen'];
  const main = (await page.evaluate(READ_TIMELINE)) as ThreadTimeline;
  const threads = [main];
  for (const worker of workers) {
    // A worker that ended (or has not started) has no timeline to give.
    const timeline = (await worker
      .evaluate(READ_TIMELINE)
      .catch(() => null)) as ThreadTimeline | null;
    if (timeline) threads.push(timeline);
  }
  const marks: Record<string, number> = {};
  const dataReads: VisitResult['dataReads'] = [];
  for (const thread of threads) {
    const shift = thread.origin - main.origin;
    for (const [name, t] of thread.marks) {
      if (!(name in marks)) marks[name] = t + shift;
    }
    for (const [name, t] of thread.points) marks[name] ??= t + shift;
    for (const r of thread.resources) {
      // When the entry script and the worker scripts arrived (names are content-hashed).
      const asset =
        /\/assets\/(index|hdf5\.worker|fetcher\.worker|hdf5_hl|hdf5_util)[-.][^/]*$/.exec(r.name);
      if (asset) marks[`${asset[1]}:loaded`] ??= r.end + shift;
      if (r.name.startsWith(dataOrigin)) {
        dataReads.push({ start: r.start + shift, end: r.end + shift, bytes: r.bytes });
      }
    }
  }
  return { seen, marks, dataReads };
}
