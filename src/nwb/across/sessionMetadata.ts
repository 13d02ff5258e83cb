/**
 * One row of session metadata per file, from metadata only: the root's identity, three /general
 * fields and the subject (small string datasets, only those the listings show), counts of units
 * and trials (their id lengths), and which tables and series the file has (typed objects, from
 * listings). The duration is the longest series' (samples / rate, or last - first timestamp);
 * when no series has one, the last trial's stop time (one value).
 *
 * Lighter than the session overview it mirrors: one walk whose listings also say which fields
 * exist (no read of an absent path), and only series are measured. Per file this is what the
 * across-files metadata costs, so it reads nothing the row does not show.
 */
import type { ChildEntry, DataReader, ReadOptions } from '../../reader/contract';
import { describeNwbFile } from '../describeNwbFile';
import { dataObjects, groupOf, measureSeries, walkTypedObjects } from '../overview';
import { readSmallDataset } from '../readSmall';
import { unwrapNumber, unwrapString } from '../unwrap';

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

const GENERAL_FIELDS = ['lab', 'institution', 'experimenter'] as const;
const SUBJECT_FIELDS = ['subject_id', 'species', 'sex', 'age', 'genotype'] as const;
/** Up to this many strings per field (several experimenters). */
const MAX_FIELD_VALUES = 64;

async function lastValue(reader: DataReader, path: string, options?: ReadOptions) {
  const info = await reader.describeDataset(path, options).catch(() => null);
  const n = info?.shape?.[0];
  if (!n || info.shape?.length !== 1) return null;
  const slice = await reader.readSlice(path, [{ start: n - 1, stop: n }], options);
  return unwrapNumber(slice.values[0]);
}

async function rowsOf(reader: DataReader, tablePath: string, options?: ReadOptions) {
  const info = await reader.describeDataset(`${tablePath}/id`, options).catch(() => null);
  return info?.shape?.[0] ?? null;
}

/** The named string datasets of a group, joined; null for those its listing lacks. */
async function fieldsOf<K extends string>(
  reader: DataReader,
  group: string,
  names: readonly K[],
  listing: ChildEntry[] | undefined,
  options?: ReadOptions,
): Promise<Record<K, string | null>> {
  // Without a listing (the walk did not reach the group) every name is tried.
  const present = (name: string) =>
    !listing || listing.some((c) => c.name === name && c.kind === 'dataset');
  const values = await Promise.all(
    names.map(async (name) => {
      if (!present(name)) return null;
      const got = await readSmallDataset(
        reader,
        `${group}/${name}`,
        MAX_FIELD_VALUES,
        options,
      ).catch(() => null);
      const texts = (got ?? []).map((v) => unwrapString(v)).filter((t): t is string => !!t);
      return texts.length > 0 ? texts.join(', ') : null;
    }),
  );
  return Object.fromEntries(names.map((n, i) => [n, values[i]])) as Record<K, string | null>;
}

export async function sessionMetadataRow(
  reader: DataReader,
  options?: ReadOptions,
): Promise<SessionMetadataRow> {
  const read: ReadOptions = options?.signal ? { signal: options.signal } : {};
  const file = await describeNwbFile(reader, read);
  if (!file.isNwb) throw new Error('Not an NWB file (no nwb_version on its root).');
  const listings = new Map<string, ChildEntry[]>();
  const typed = await walkTypedObjects(reader, {
    ...read,
    onListing: (path, children) => listings.set(path, children),
  });
  const objects = dataObjects(typed).map((o) => ({ path: o.path, group: groupOf(o) }));
  const tables = objects.filter((o) => o.group === 'Tables').map((o) => o.path);
  const series = objects.filter((o) => o.group === 'Time series').map((o) => o.path);
  // A table counts when the walk listed it (typed or not: some writers leave the type off).
  const has = (path: string) => {
    const parent = path.slice(0, path.lastIndexOf('/')) || '/';
    const listing = listings.get(parent);
    return !listing || listing.some((c) => c.path === path);
  };
  const [general, subject, units, trials, measured] = await Promise.all([
    fieldsOf(reader, '/general', GENERAL_FIELDS, listings.get('/general'), read),
    fieldsOf(reader, '/general/subject', SUBJECT_FIELDS, listings.get('/general/subject'), read),
    has('/units') ? rowsOf(reader, '/units', read) : null,
    has('/intervals/trials') ? rowsOf(reader, '/intervals/trials', read) : null,
    Promise.all(series.map((path) => measureSeries(reader, path, read))),
  ]);
  const durations = measured.map((m) => m.durationSeconds).filter((d): d is number => d !== null);
  const lastStop =
    durations.length > 0 || !has('/intervals/trials')
      ? null
      : await lastValue(reader, '/intervals/trials/stop_time', read).catch(() => null);
  return {
    identifier: file.identifier,
    session_description: file.sessionDescription,
    session_start_time: file.sessionStartTime,
    nwb_version: file.nwbVersion,
    ...general,
    ...subject,
    duration_s: durations.length > 0 ? Math.max(...durations) : lastStop,
    units,
    trials,
    tables,
    series,
  };
}
