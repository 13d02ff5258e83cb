/**
 * One visit of the built app in Debian's Chromium, timed from navigation: when the opening screen,
 * the first tree, the first preview and the first chart appear (a MutationObserver installed
 * before the page's own scripts notes when each first enters the DOM), and the app's own
 * Performance marks from the page and from every worker, all put on the page's time line
 * (milliseconds since navigation start). The browser is driven through its own DevTools pipe
 * (devtoolsPipe.ts says why not through Playwright).
 */
import { MARK_PREFIX } from '../src/perf/marks';
import { startProfile, type ProfileSummary } from './browserProfile';
import { launchPiped, type DevtoolsSession, type PipedBrowser } from './devtoolsPipe';
import { sleep } from '../src/bytes/abort';

/** What the user sees, by the first element that shows it. */
export const MILESTONES = {
  // The opening screen as painted: index.html's static copy, or the app's own in a development
  // build (src/app/openScreenShell.tsx).
  'open-screen': 'section[aria-labelledby="open-url"]',
  // The app's own opening screen, which answers to clicks (it replaces the static copy).
  'open-screen-live': '.app:not([data-shell]) section[aria-labelledby="open-url"]',
  // The app's own tree, which answers to clicks and keys.
  tree: '[role="tree"] [role="treeitem"][data-path]:not([data-path="/"])',
  // The first tree in the page: the picture of the view a return visit last showed, which
  // index.html puts there before the app runs (src/offline/viewSnapshot.ts), or the app's own.
  'tree-or-picture':
    '[data-view-snapshot], [role="tree"] [role="treeitem"][data-path]:not([data-path="/"])',
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

/** A visit that has not shown its milestones by then has failed. */
const VISIT_TIMEOUT_MS = 120_000;

/** How long a visit waits, after its milestones, for their presentation to be reported. */
const PRESENTATION_WAIT_MS = 5000;

/** How often the benchmark asks the page which milestones it has seen. */
const POLL_MS = 20;

/**
 * Milestones also timed when the browser first presents them (Element Timing): entering the DOM
 * is not being on screen; the frame still has to be laid out, painted and shown.
 */
export const ON_SCREEN: Milestone[] = ['tree', 'preview'];
/** Elements with text marked for Element Timing per milestone: enough for its first frame. */
const TIMED_PER_MILESTONE = 20;

/**
 * Runs in the page before any of its scripts: notes when each milestone enters the DOM, and
 * marks the text of those in ON_SCREEN for Element Timing as it enters (in the same task, before
 * any frame), so the browser reports when it is first presented.
 */
const OBSERVE_MILESTONES = `(() => {
  const selectors = ${JSON.stringify(MILESTONES)};
  const onScreen = ${JSON.stringify(ON_SCREEN)};
  const seen = {};
  const shown = {};
  window.__milestones = seen;
  window.__shown = shown;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!(entry.identifier in shown)) shown[entry.identifier] = entry.renderTime || entry.loadTime;
    }
  }).observe({ type: 'element', buffered: true });
  const hasText = (e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.data.trim() !== '');
  const time = (name, element) => {
    let marked = 0;
    for (const e of [element, ...element.querySelectorAll('*')]) {
      if (marked >= ${TIMED_PER_MILESTONE}) break;
      if (hasText(e)) { e.setAttribute('elementtiming', name); marked++; }
    }
  };
  const check = () => {
    for (const [name, selector] of Object.entries(selectors)) {
      if (name in seen) continue;
      const element = document.querySelector(selector);
      if (!element) continue;
      seen[name] = performance.now();
      if (onScreen.includes(name)) time(name, element);
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

/**
 * The baseline: the app's two opening reads of a file (the head with the size probe, then the
 * tail) fetched one after the other by the page itself, with nothing else to do.
 */
export async function timeReadsAlone(
  browser: PipedBrowser,
  fileUrl: string,
  size: number,
  head: number,
  tail: number,
): Promise<number> {
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
  return browser.page.evaluate<number>(script);
}

/** Starts Chromium on a profile folder (new: a first visit; used before: a return visit). */
export function launchProfile(dir: string): Promise<PipedBrowser> {
  return launchPiped(dir, OBSERVE_MILESTONES);
}

/** Opens url in the browser's page and waits until every milestone in `until` has appeared. */
export async function visit(
  browser: PipedBrowser,
  url: string,
  until: Milestone[],
  dataOrigin: string,
  options: { profile?: boolean } = {},
): Promise<VisitResult> {
  const { page } = browser;
  const recording = options.profile ? await startProfile(page) : null;
  const { errorText } = await page.send<{ errorText?: string }>('Page.navigate', { url });
  if (errorText) throw new Error(`${url} did not open: ${errorText}`);
  await milestonesSeen(page, url, until);
  await presentationsReported(page, until);
  const result = await collect(browser, dataOrigin);
  if (recording) {
    const last = Math.max(...until.map((m) => result.seen[m] ?? 0));
    result.profile = await recording.stop(last);
  }
  return result;
}

/**
 * Resolves once the page at `url` has seen every milestone in `until`, asking it every POLL_MS.
 * Asking costs the page a few tiny evaluations. The alternatives cost it much more: a binding
 * the page calls needs the Runtime domain on, which slowed a return visit's start by 80-90 ms
 * (app-start to the root's listing 238 ms against 148 with nothing attached, median of 5);
 * Playwright's waits first evaluate its injected script, several hundred KB.
 */
async function milestonesSeen(page: DevtoolsSession, url: string, until: Milestone[]) {
  // Only the new document's answer counts, not one left by the page before it.
  const ask = `location.href === ${JSON.stringify(new URL(url).href)} ? window.__milestones : null`;
  const deadline = Date.now() + VISIT_TIMEOUT_MS;
  let seen: Partial<Record<Milestone, number>> | null = null;
  while (Date.now() < deadline) {
    // Between two documents there may be no context to evaluate in: ask again.
    seen = await page.evaluate<typeof seen>(ask).catch(() => null);
    if (seen && until.every((m) => m in seen!)) return;
    await sleep(POLL_MS);
  }
  const missing = until.filter((m) => !seen || !(m in seen));
  throw new Error(`not seen within ${VISIT_TIMEOUT_MS / 1000} s: ${missing.join(', ')}`);
}

/**
 * Waits (a few seconds at most) until the page has reported its first contentful paint and when
 * the awaited ON_SCREEN milestones were first presented. A milestone is timed when its element
 * enters the DOM; the browser shows it only once the frame is laid out, painted, rastered and
 * presented, which on a return visit here came 0.3-0.45 s later. Both reports come at
 * presentation.
 */
async function presentationsReported(page: DevtoolsSession, until: Milestone[]) {
  const awaited = until.filter((m) => ON_SCREEN.includes(m));
  const ask = `performance.getEntriesByName('first-contentful-paint').length > 0 &&
    ${JSON.stringify(awaited)}.every((m) => m in window.__shown)`;
  const deadline = Date.now() + PRESENTATION_WAIT_MS;
  while (Date.now() < deadline) {
    if (await page.evaluate<boolean>(ask).catch(() => false)) return;
    await sleep(POLL_MS);
  }
}

async function collect(browser: PipedBrowser, dataOrigin: string): Promise<VisitResult> {
  const seen = await browser.page.evaluate<VisitResult['seen']>('window.__milestones');
  const shown = await browser.page.evaluate<Record<string, number>>('window.__shown');
  const main = await browser.page.evaluate<ThreadTimeline>(READ_TIMELINE);
  const threads = [main];
  for (const worker of browser.workers.values()) {
    // A worker that ended (or has not started) has no timeline to give.
    const timeline = await worker.evaluate<ThreadTimeline>(READ_TIMELINE).catch(() => null);
    if (timeline) threads.push(timeline);
  }
  // When each ON_SCREEN milestone was first presented, as `<name>:on-screen`.
  const marks: Record<string, number> = Object.fromEntries(
    Object.entries(shown ?? {}).map(([name, t]) => [`${name}:on-screen`, t]),
  );
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
