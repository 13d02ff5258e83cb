/**
 * Things drawn on a time axis over any series: intervals (the rows of a TimeIntervals table, e.g.
 * trials and epochs) and events (the times of an AnnotationSeries, an IntervalSeries or any other
 * series of events). Found by listing the groups NWB files keep them in.
 */
import type { ChildEntry, DataReader, ReadOptions } from '../reader/contract';
import { unwrapString } from './unwrap';

export interface TimeMarkSource {
  kind: 'intervals' | 'events';
  path: string;
  name: string;
  type: string;
}

/** neurodata types whose timestamps are events rather than samples of a signal. */
const EVENT_TYPES = new Set([
  'AnnotationSeries',
  'IntervalSeries',
  'Events',
  'TTLs',
  'LabeledEvents',
]);
/** Most marks a plot draws at once; a larger table is cut (and the user told). */
export const MAX_MARKS = 50_000;

async function listTyped(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<ChildEntry[]> {
  try {
    if ((await reader.getKind(path, options)) !== 'group') return [];
    return await reader.listChildren(path, { ...options, attrs: ['neurodata_type'] });
  } catch {
    return [];
  }
}

function typeOf(entry: ChildEntry): string {
  return unwrapString(entry.attrs?.neurodata_type) ?? '';
}

export async function findTimeMarkSources(
  reader: DataReader,
  options?: ReadOptions,
): Promise<TimeMarkSource[]> {
  const out: TimeMarkSource[] = [];
  const intervals = await listTyped(reader, '/intervals', options);
  for (const entry of intervals) {
    if (entry.kind === 'group') {
      out.push({
        kind: 'intervals',
        path: entry.path,
        name: entry.name,
        type: typeOf(entry) || 'TimeIntervals',
      });
    }
  }
  const places = ['/acquisition', '/stimulus/presentation'];
  for (const module of await listTyped(reader, '/processing', options)) {
    if (module.kind === 'group') places.push(module.path);
  }
  for (const place of places) {
    for (const entry of await listTyped(reader, place, options)) {
      const type = typeOf(entry);
      if (entry.kind !== 'group') continue;
      if (EVENT_TYPES.has(type)) {
        out.push({ kind: 'events', path: entry.path, name: entry.name, type });
      } else if (type === 'TimeIntervals') {
        out.push({ kind: 'intervals', path: entry.path, name: entry.name, type });
      } else if (type === 'BehavioralEvents') {
        // A container of event series.
        for (const inner of await listTyped(reader, entry.path, options)) {
          if (inner.kind === 'group') {
            out.push({
              kind: 'events',
              path: inner.path,
              name: `${entry.name}/${inner.name}`,
              type: typeOf(inner),
            });
          }
        }
      }
    }
  }
  return out;
}

async function readColumn(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<{ values: Float64Array; cut: boolean }> {
  const info = await reader.describeDataset(path, options);
  const n = info.shape?.[0] ?? 0;
  const stop = Math.min(n, MAX_MARKS);
  const slice = await reader.readSlice(path, [{ start: 0, stop }], options);
  return {
    values: Float64Array.from(slice.values as ArrayLike<number>, Number),
    cut: stop < n,
  };
}

export interface Intervals {
  start: Float64Array;
  stop: Float64Array;
  cut: boolean;
}

export async function readIntervals(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<Intervals> {
  const [start, stop] = await Promise.all([
    readColumn(reader, `${path}/start_time`, options),
    readColumn(reader, `${path}/stop_time`, options),
  ]);
  const n = Math.min(start.values.length, stop.values.length);
  return {
    start: start.values.subarray(0, n),
    stop: stop.values.subarray(0, n),
    cut: start.cut || stop.cut,
  };
}

export async function readEventTimes(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<{ values: Float64Array; cut: boolean }> {
  if ((await reader.getKind(`${path}/timestamps`, options)) === 'dataset') {
    return readColumn(reader, `${path}/timestamps`, options);
  }
  return { values: new Float64Array(0), cut: false };
}
