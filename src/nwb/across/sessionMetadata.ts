/**
 * One row of session metadata per file, from metadata only: the root's identity, /general and
 * the subject (small string datasets), counts of units and trials (their id lengths), and which
 * tables and series the file has (typed objects, from listings). The duration is the longest
 * series' (samples / rate); when no series has a rate, the last trial's stop time (one value).
 */
import type { DataReader, ReadOptions } from '../../reader/contract';
import { describeSession } from '../overview';
import { unwrapNumber } from '../unwrap';

export interface SessionMetadataRow {
  identifier: string | null;
  session_description: string | null;
  session_start_time: string | null;
  nwb_version: string | null;
  lab: string | null;
  institution: string | null;
  experimenter: string | null;
  subject_id: string | null;
  species: string | null;
  sex: string | null;
  age: string | null;
  genotype: string | null;
  duration_s: number | null;
  units: number | null;
  trials: number | null;
  /** Paths of the DynamicTables in the file. */
  tables: string[];
  /** Paths of the TimeSeries in the file. */
  series: string[];
}

export const METADATA_COLUMNS: readonly (keyof SessionMetadataRow)[] = [
  'identifier',
  'session_description',
  'session_start_time',
  'nwb_version',
  'lab',
  'institution',
  'experimenter',
  'subject_id',
  'species',
  'sex',
  'age',
  'genotype',
  'duration_s',
  'units',
  'trials',
  'tables',
  'series',
];

async function lastValue(reader: DataReader, path: string, options?: ReadOptions) {
  const info = await reader.describeDataset(path, options).catch(() => null);
  const n = info?.shape?.[0];
  if (!n || info.shape?.length !== 1) return null;
  const slice = await reader.readSlice(path, [{ start: n - 1, stop: n }], options);
  const v = slice.values[0];
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null;
}

async function rowsOf(reader: DataReader, tablePath: string, options?: ReadOptions) {
  const info = await reader.describeDataset(`${tablePath}/id`, options).catch(() => null);
  return info?.shape?.[0] ?? null;
}

export async function sessionMetadataRow(
  reader: DataReader,
  options?: ReadOptions,
): Promise<SessionMetadataRow> {
  const session = await describeSession(reader, options);
  if (!session.file.isNwb) throw new Error('Not an NWB file (no nwb_version on its root).');
  const field = (label: string) =>
    session.fields.find(([l]) => l === label)?.[1].join(', ') || null;
  const subject = (name: string) => session.subject.find(([n]) => n === name)?.[1] || null;
  const tables = session.objects.filter((o) => o.group === 'Tables').map((o) => o.path);
  const series = session.objects.filter((o) => o.group === 'Time series').map((o) => o.path);
  const durations = session.objects
    .map((o) => o.durationSeconds)
    .filter((d): d is number => d !== null);
  const [units, trials, lastStop] = await Promise.all([
    rowsOf(reader, '/units', options),
    rowsOf(reader, '/intervals/trials', options),
    durations.length > 0
      ? null
      : lastValue(reader, '/intervals/trials/stop_time', options).catch(() => null),
  ]);
  return {
    identifier: session.file.identifier,
    session_description: session.file.sessionDescription,
    session_start_time: session.file.sessionStartTime,
    nwb_version: session.file.nwbVersion,
    lab: field('Lab'),
    institution: field('Institution'),
    experimenter: field('Experimenter'),
    subject_id: subject('subject_id'),
    species: subject('species'),
    sex: subject('sex'),
    age: subject('age'),
    genotype: subject('genotype'),
    duration_s: durations.length > 0 ? Math.max(...durations) : unwrapNumber(lastStop),
    units,
    trials,
    tables,
    series,
  };
}
