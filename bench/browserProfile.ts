/**
 * A CPU profile of the page's main thread during one visit (Chrome DevTools Protocol `Profiler`),
 * summarised where the time to the first tree goes: self time per function and per script, and a
 * time line of how busy the main thread was, per 100 ms since navigation start.
 *
 * The profiler starts before navigation and stops once the visit's milestones are seen. Sample
 * times are put on the page's time line through the wall clock (the profile's own clock is
 * monotonic): a few milliseconds of error, fine for 100 ms bins.
 */
import type { DevtoolsSession } from './devtoolsPipe';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One sample: when (ms since navigation start), how long, and where. */
interface Sample {
  at: number;
  ms: number;
  frame: CallFrame;
}

export interface ProfileSummary {
  /** Self time (ms) per function, most first, up to `until`. */
  functions: [string, number][];
  /** Self time (ms) per script (or V8's own: idle, program, GC), most first. */
  scripts: [string, number][];
  /** Per 100 ms since navigation start: busy ms and the script that took most of it. */
  timeline: { from: number; busy: number; top: string }[];
  /** The whole profile, to save as a .cpuprofile file (DevTools opens it). */
  raw: CpuProfile;
}

export interface Recording {
  stop(until: number): Promise<ProfileSummary>;
}

/** Starts profiling the page's main thread (1 ms sampling). */
export async function startProfile(page: DevtoolsSession): Promise<Recording> {
  await page.send('Profiler.enable');
  await page.send('Profiler.setSamplingInterval', { interval: 1000 });
  await page.send('Profiler.start');
  const startedWall = Date.now();
  return {
    async stop(until) {
      const { profile } = await page.send<{ profile: CpuProfile }>('Profiler.stop');
      await page.send('Profiler.disable');
      const timeOrigin = await page.evaluate<number>('performance.timeOrigin');
      return { ...summarise(samplesOf(profile, startedWall - timeOrigin), until), raw: profile };
    },
  };
}

function samplesOf(profile: CpuProfile, startOffsetMs: number): Sample[] {
  const frames = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const samples: Sample[] = [];
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i] ?? 0;
    // A sample's weight is the gap to the next one (the last gets the mean interval).
    const next = profile.timeDeltas[i + 1] ?? 1000;
    const frame = frames.get(profile.samples[i]!);
    if (frame) {
      samples.push({ at: startOffsetMs + (t - profile.startTime) / 1000, ms: next / 1000, frame });
    }
  }
  return samples;
}

const IDLE = '(idle)';

function scriptOf(frame: CallFrame): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  return frame.url.replace(/^.*\//, '').replace(/\?.*$/, '');
}

function functionOf(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  return frame.url
    ? `${name} ${scriptOf(frame)}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`
    : name;
}

function topOf(totals: Map<string, number>, n: number): [string, number][] {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, n);
}

function summarise(all: Sample[], until: number): Omit<ProfileSummary, 'raw'> {
  const samples = all.filter((s) => s.at >= 0 && s.at <= until);
  const functions = new Map<string, number>();
  const scripts = new Map<string, number>();
  const bins = new Map<number, Map<string, number>>();
  for (const s of samples) {
    const script = scriptOf(s.frame);
    scripts.set(script, (scripts.get(script) ?? 0) + s.ms);
    if (script === IDLE) continue;
    const fn = functionOf(s.frame);
    functions.set(fn, (functions.get(fn) ?? 0) + s.ms);
    const bin = Math.floor(s.at / 100) * 100;
    const perScript = bins.get(bin) ?? new Map<string, number>();
    perScript.set(script, (perScript.get(script) ?? 0) + s.ms);
    bins.set(bin, perScript);
  }
  const timeline = [];
  for (let from = 0; from <= until; from += 100) {
    const perScript = bins.get(from) ?? new Map<string, number>();
    const busy = [...perScript.values()].reduce((a, b) => a + b, 0);
    timeline.push({ from, busy, top: topOf(perScript, 1)[0]?.[0] ?? '' });
  }
  return { functions: topOf(functions, 15), scripts: topOf(scripts, 10), timeline };
}

/** The summary as text lines, for the benchmark's log. */
export function formatProfile(label: string, summary: ProfileSummary): string {
  const ms = (v: number) => `${Math.round(v)}`.padStart(5);
  return [
    `CPU profile of the page, ${label} (main thread, ms of self time from navigation to the first tree):`,
    '  by script:',
    ...summary.scripts.map(([name, v]) => `    ${ms(v)}  ${name}`),
    '  by function:',
    ...summary.functions.map(([name, v]) => `    ${ms(v)}  ${name}`),
    '  busy per 100 ms (ms busy, script taking most):',
    ...summary.timeline.map(
      (b) => `    ${`${b.from}`.padStart(5)}  ${ms(b.busy)}  ${b.busy > 0 ? b.top : ''}`,
    ),
  ].join('\n');
}
