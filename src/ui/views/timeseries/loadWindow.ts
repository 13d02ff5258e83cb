/**
 * Reads what a time window of a series needs to be drawn, and nothing more: the rows under the
 * window (found on the time axis), as raw samples when they fit the screen, else as a min/max
 * envelope per pixel column computed in the worker. A timestamped series gets the time of each
 * envelope bin from the same reduction over its timestamps (their minimum is the bin's start).
 */
import type { DataReader, MinMaxEnvelope, NumericArray } from '../../../reader/contract';
import { binEdge } from '../../../reader/minMaxEnvelope';
import type { TimeSearcher } from '../../../nwb/timeAxis';
import type { SeriesDescription } from '../../../nwb/timeSeries';

/** Raw samples are drawn while there are at most this many per pixel column. */
export const RAW_SAMPLES_PER_BIN = 4;

export interface WindowRequest {
  desc: SeriesDescription;
  searcher: TimeSearcher;
  /** Time range to show; null for the whole recording. */
  window: [number, number] | null;
  /** Columns to read; null for every column. */
  columns: { start: number; stop: number } | null;
  bins: number;
}

export interface WindowData {
  mode: 'raw' | 'envelope';
  rows: [number, number];
  columnStart: number;
  columns: number;
  /** Raw: one time per row. Envelope: the start time of each bin. */
  times: Float64Array;
  /** Raw: [row][column] stored values. */
  values?: Float64Array;
  /** Envelope: [bin][column] stored values (NaN where nothing is known yet). */
  min?: Float64Array;
  max?: Float64Array;
  /** Fraction of the rows reduced so far (1 when complete). */
  done: number;
  complete: boolean;
}

export async function rowsOfWindow(
  searcher: TimeSearcher,
  samples: number,
  window: [number, number] | null,
  signal?: AbortSignal,
): Promise<[number, number]> {
  const length = Math.min(samples, searcher.axis.length);
  if (!window) return [0, length];
  const start = await searcher.lowerBound(window[0], { signal });
  // One sample past each edge, so lines reach the border of the plot.
  const stop = await searcher.lowerBound(window[1], { signal });
  return [Math.max(0, start - 1), Math.min(length, stop + 1)];
}

function toFloat64(values: NumericArray | unknown[]): Float64Array {
  return Float64Array.from(values as ArrayLike<number>, Number);
}

function envelopeTimes(
  env: MinMaxEnvelope,
  searcher: TimeSearcher,
  tsEnvelope: MinMaxEnvelope | null,
): Float64Array {
  const times = new Float64Array(env.bins);
  const axis = searcher.axis;
  for (let b = 0; b < env.bins; b++) {
    if (axis.kind === 'rate') {
      times[b] = axis.startingTime + binEdge(env, env.bins, b) / axis.rate;
    } else {
      times[b] = tsEnvelope ? tsEnvelope.min[b] : NaN;
    }
  }
  return times;
}

export async function loadWindow(
  reader: DataReader,
  request: WindowRequest,
  options: { signal?: AbortSignal; onPartial?(data: WindowData): void } = {},
): Promise<WindowData> {
  const { desc, searcher, bins } = request;
  const { signal, onPartial } = options;
  const rows = await rowsOfWindow(searcher, desc.samples, request.window, signal);
  const [r0, r1] = rows;
  const twoD = (desc.data?.shape?.length ?? 0) === 2;
  const columns = twoD
    ? (request.columns ?? { start: 0, stop: desc.channels })
    : { start: 0, stop: 1 };
  const width = columns.stop - columns.start;

  if (r1 - r0 <= bins * RAW_SAMPLES_PER_BIN) {
    const selection = [{ start: r0, stop: r1 }, ...(twoD ? [columns] : [])];
    const [slice, times] = await Promise.all([
      reader.readSlice(desc.dataPath, selection, { signal }),
      searcher.timesOf(r0, r1, { signal }),
    ]);
    return {
      mode: 'raw',
      rows,
      columnStart: columns.start,
      columns: width,
      times,
      values: toFloat64(slice.values),
      done: 1,
      complete: true,
    };
  }

  const envRequest = { start: r0, stop: r1, bins, ...(twoD ? { columns } : {}) };
  const tsEnvelope =
    searcher.axis.kind === 'timestamps'
      ? reader.reduceMinMax(searcher.axis.timestampsPath, { start: r0, stop: r1, bins }, { signal })
      : Promise.resolve(null);
  const asData = (env: MinMaxEnvelope, ts: MinMaxEnvelope | null): WindowData => ({
    mode: 'envelope',
    rows,
    columnStart: env.columnStart,
    columns: env.columns,
    times: envelopeTimes(env, searcher, ts),
    min: env.min,
    max: env.max,
    done: env.rowsTotal > 0 ? env.rowsDone / env.rowsTotal : 1,
    complete: env.complete,
  });
  let tsKnown: MinMaxEnvelope | null = null;
  void tsEnvelope.then((ts) => (tsKnown = ts)).catch(() => {});
  const env = await reader.reduceMinMax(desc.dataPath, envRequest, {
    signal,
    onProgress:
      onPartial &&
      ((partial) => {
        if (searcher.axis.kind === 'rate' || tsKnown) onPartial(asData(partial, tsKnown));
      }),
  });
  return asData(env, await tsEnvelope);
}
