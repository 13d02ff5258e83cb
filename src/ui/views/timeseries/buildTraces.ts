/**
 * Plotly traces for a page of channels: raw samples as lines, an envelope as one vertical stroke
 * per bin (min to max, with gaps where a bin is not known yet). Several channels are stacked with
 * a common spacing so each keeps its own band; the y axis is labelled with the channel names.
 */
import type { PlotObject } from '../plot/loadPlotly';
import type { WindowData } from './loadWindow';

export interface TraceSet {
  traces: PlotObject[];
  /** Offsets of the stacked channels and their labels (empty for one channel). */
  tickValues: number[];
  tickText: string[];
  /** Spacing between stacked channels, in physical units. */
  spacing: number;
  /** Points drawn in all (for tests and status). */
  points: number;
  /**
   * Samples (raw) or pixel columns (a finished envelope) of the page's channels that hold no
   * number (NaN runs): drawn as gaps, and said in words beside the plot.
   */
  gaps: number;
}

export interface PageSpec {
  /** Channels [start, stop) of this page (absolute column numbers). */
  start: number;
  stop: number;
  labels: string[];
  conversion: number;
  offset: number;
  /** Draw envelopes with WebGL (one draw call instead of a path element per stroke). */
  webgl?: boolean;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function buildTraces(data: WindowData, page: PageSpec): TraceSet {
  const { conversion, offset } = page;
  const scale = (v: number) => v * conversion + offset;
  const stride = data.columns;
  const channels: number[] = [];
  for (let c = page.start; c < page.stop; c++) {
    if (c >= data.columnStart && c < data.columnStart + data.columns) channels.push(c);
  }
  const lows: number[] = [];
  const highs: number[] = [];
  let gaps = 0;
  const series = channels.map((c) => {
    const col = c - data.columnStart;
    const x: (number | null)[] = [];
    const y: (number | null)[] = [];
    let lo = Infinity;
    let hi = -Infinity;
    if (data.mode === 'raw' && data.values) {
      for (let r = 0; r < data.times.length; r++) {
        const v = scale(data.values[r * stride + col]);
        if (!Number.isFinite(v)) gaps++;
        x.push(data.times[r]);
        y.push(Number.isFinite(v) ? v : null);
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    } else if (data.min && data.max) {
      for (let b = 0; b < data.times.length; b++) {
        let a = scale(data.min[b * stride + col]);
        let z = scale(data.max[b * stride + col]);
        if (!Number.isFinite(a) || !Number.isFinite(z) || !Number.isFinite(data.times[b])) {
          // Unknown bins of an envelope still filling are not gaps; in a finished one they are.
          if (data.complete) gaps++;
          continue;
        }
        if (a > z) [a, z] = [z, a]; // a negative conversion swaps them
        x.push(data.times[b], data.times[b], null);
        y.push(a, z, null);
        if (a < lo) lo = a;
        if (z > hi) hi = z;
      }
    }
    if (Number.isFinite(lo)) lows.push(lo);
    if (Number.isFinite(hi)) highs.push(hi);
    return { c, x, y, lo, hi };
  });

  const stacked = series.length > 1;
  const spacing = stacked
    ? median(series.filter((s) => s.hi >= s.lo).map((s) => s.hi - s.lo)) || 1
    : 0;
  const tickValues: number[] = [];
  const tickText: string[] = [];
  let points = 0;
  const traces = series.map((s, k) => {
    const centre = Number.isFinite(s.lo) ? (s.lo + s.hi) / 2 : 0;
    const shift = stacked ? -k * spacing - centre : 0;
    const label = page.labels[s.c - page.start] ?? `ch ${s.c}`;
    if (stacked) {
      tickValues.push(-k * spacing);
      tickText.push(label);
    }
    const y = shift === 0 ? s.y : s.y.map((v) => (v === null ? null : v + shift));
    points += s.x.length;
    // A channel that holds one value throughout (lick times stored as 1 at each timestamp, TTL
    // pulses) says nothing with a flat line: its samples are events, drawn as ticks.
    const events = data.mode === 'raw' && s.x.length > 0 && s.lo === s.hi;
    return {
      type: data.mode === 'envelope' && page.webgl ? 'scattergl' : 'scatter',
      mode: events ? 'markers' : 'lines',
      name: label,
      x: s.x,
      y,
      meta: { channel: s.c, events },
      line: { width: 1 },
      ...(events ? { marker: { symbol: 'line-ns-open', size: 14, line: { width: 1.5 } } } : {}),
      hoverinfo: 'name+x',
      connectgaps: false,
    } satisfies PlotObject;
  });
  return { traces, tickValues, tickText, spacing, points, gaps };
}
