/**
 * The session overview from metadata only: the root's identity, the /general fields and the
 * subject (small string datasets), devices, electrode groups and imaging planes (names), then
 * every typed object grouped by what it is, with its data's shape, stored size and (for series
 * with a rate: samples / rate; with timestamps: last - first, two one-element reads) duration.
 * No dataset values are read beyond small scalars and those two timestamps.
 */
import type { DataReader, DatasetInfo, ReadOptions } from '../../reader/contract';
import { describeNwbFile, type NwbFileDescription } from '../describeNwbFile';
import { readSmallDataset } from '../readSmall';
import { isA, nearestOf } from '../types';
import { unwrapNumber, unwrapString } from '../unwrap';
import { walkTypedObjects, type TypedObject } from './walkTypedObjects';

export const OBJECT_GROUPS = [
  'Time series',
  'Tables',
  'Images',
  'Segmentations',
  'Processing modules',
  'Other',
] as const;
export type ObjectGroup = (typeof OBJECT_GROUPS)[number];

export interface SessionObject extends TypedObject {
  group: ObjectGroup;
  /** Shape of the main data (a series' data, a table's rows x columns, an image). */
  shape: number[] | null;
  /** Bytes stored for the main data, when the backend can tell. */
  storedBytes: number | null;
  /** Seconds: samples / rate, or last - first timestamp for series with timestamps. */
  durationSeconds: number | null;
  /** Rows, for tables. */
  rows: number | null;
}

export interface SessionOverview {
  file: NwbFileDescription;
  /** Label -> text (or texts) of the general fields, in display order; absent ones left out. */
  fields: [string, string[]][];
  subject: [string, string][];
  devices: string[];
  electrodeGroups: string[];
  imagingPlanes: string[];
  objects: SessionObject[];
}

const GENERAL_FIELDS: [string, string][] = [
  ['Experimenter', 'experimenter'],
  ['Lab', 'lab'],
  ['Institution', 'institution'],
  ['Experiment', 'experiment_description'],
  ['Session id', 'session_id'],
  ['Related publications', 'related_publications'],
  ['Keywords', 'keywords'],
];
const SUBJECT_FIELDS = ['subject_id', 'species', 'age', 'sex', 'genotype', 'strain'];

/** Up to this many strings per field (keywords, experimenters). */
const MAX_FIELD_VALUES = 64;

async function strings(reader: DataReader, path: string, options?: ReadOptions): Promise<string[]> {
  const values = await readSmallDataset(reader, path, MAX_FIELD_VALUES, options).catch(() => null);
  return (values ?? []).map((v) => unwrapString(v)).filter((s): s is string => !!s);
}

async function childNames(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<string[]> {
  const kind = await reader.getKind(path, options).catch(() => null);
  if (kind !== 'group') return [];
  const children = await reader.listChildren(path, options).catch(() => []);
  return children.filter((c) => c.kind !== 'dataset').map((c) => c.name);
}

/** Which group of the overview an object belongs to. */
export function groupOf(object: TypedObject): ObjectGroup {
  const found = nearestOf(object.type, [
    'PlaneSegmentation',
    'ImageSegmentation',
    'TimeSeries',
    'DynamicTable',
    'Image',
    'Images',
    'ProcessingModule',
  ] as const);
  switch (found) {
    case 'TimeSeries':
      return 'Time series';
    case 'PlaneSegmentation':
    case 'ImageSegmentation':
      return 'Segmentations';
    case 'DynamicTable':
      return 'Tables';
    case 'Image':
    case 'Images':
      return 'Images';
    case 'ProcessingModule':
      return 'Processing modules';
    default:
      return 'Other';
  }
}

/** Metadata objects shown in the header lists, not as data. */
const METADATA_TYPES = [
  'Device',
  'ElectrodeGroup',
  'ImagingPlane',
  'OpticalChannel',
  'Subject',
  'NWBFile',
  'IntracellularElectrode',
  'OptogeneticStimulusSite',
  'LabMetaData',
];

async function measure(
  reader: DataReader,
  object: TypedObject,
  group: ObjectGroup,
  options?: ReadOptions,
): Promise<SessionObject> {
  const base: SessionObject = {
    ...object,
    group,
    shape: null,
    storedBytes: null,
    durationSeconds: null,
    rows: null,
  };
  const describe = (path: string): Promise<DatasetInfo | null> =>
    reader.describeDataset(path, options).catch(() => null);
  if (object.kind === 'dataset') {
    const info = await describe(object.path);
    return { ...base, shape: info?.shape ?? null, storedBytes: info?.storedBytes ?? null };
  }
  if (group === 'Time series') {
    const { data, durationSeconds } = await measureSeries(reader, object.path, options);
    return {
      ...base,
      shape: data?.shape ?? null,
      storedBytes: data?.storedBytes ?? null,
      durationSeconds,
    };
  }
  if (group === 'Tables' || group === 'Segmentations') {
    if (!isA(object.type, 'DynamicTable')) return base;
    const id = await describe(`${object.path}/id`);
    const rows = id?.shape?.[0] ?? null;
    return { ...base, rows, shape: rows === null ? null : [rows] };
  }
  if (group === 'Images' && isA(object.type, 'Image')) {
    const info = await describe(object.path);
    return { ...base, shape: info?.shape ?? null, storedBytes: info?.storedBytes ?? null };
  }
  return base;
}

/** A series' data (described) and duration: samples / rate, else last - first timestamp. */
export async function measureSeries(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<{ data: DatasetInfo | null; durationSeconds: number | null }> {
  const [data, rate] = await Promise.all([
    reader.describeDataset(`${path}/data`, options).catch(() => null),
    startingTimeRate(reader, `${path}/starting_time`, options),
  ]);
  const samples = data?.shape?.[0];
  const durationSeconds = rate
    ? samples !== undefined
      ? samples / rate
      : null
    : await timestampsSpan(reader, `${path}/timestamps`, options);
  return { data, durationSeconds };
}

/**
 * Last minus first timestamp of a series without a rate: two one-element reads in one call,
 * never the whole array (a long recording's timestamps can be hundreds of megabytes).
 */
async function timestampsSpan(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<number | null> {
  const info = await reader.describeDataset(path, options).catch(() => null);
  const n = info?.shape?.length === 1 ? info.shape[0] : 0;
  if (!info || n < 1 || (info.dtype.class !== 'float' && info.dtype.class !== 'int')) return null;
  const ends = await reader
    .readSlices(
      [
        { path, selection: [{ start: 0, stop: 1 }] },
        { path, selection: [{ start: n - 1, stop: n }] },
      ],
      options,
    )
    .catch(() => null);
  const first = unwrapNumber(ends?.[0].values[0]);
  const last = unwrapNumber(ends?.[1].values[0]);
  return first !== null && last !== null && last >= first ? last - first : null;
}

/** The rate attribute of a series' starting_time (no dataset value is read). */
async function startingTimeRate(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<number | null> {
  const attrs = await reader.getAttributes(path, options).catch(() => []);
  return unwrapNumber(attrs.find((a) => a.name === 'rate')?.value);
}

export async function describeSession(
  reader: DataReader,
  options?: ReadOptions,
): Promise<SessionOverview> {
  const [file, typed, fields, subject, devices, electrodeGroups, imagingPlanes] = await Promise.all(
    [
      describeNwbFile(reader, options),
      walkTypedObjects(reader, options),
      Promise.all(
        GENERAL_FIELDS.map(async ([label, name]): Promise<[string, string[]]> => [
          label,
          await strings(reader, `/general/${name}`, options),
        ]),
      ),
      Promise.all(
        SUBJECT_FIELDS.map(async (name): Promise<[string, string]> => [
          name,
          (await strings(reader, `/general/subject/${name}`, options)).join(', '),
        ]),
      ),
      childNames(reader, '/general/devices', options),
      childNames(reader, '/general/extracellular_ephys', options),
      childNames(reader, '/general/optophysiology', options),
    ],
  );
  const data = dataObjects(typed);
  const objects = await Promise.all(data.map((o) => measure(reader, o, groupOf(o), options)));
  return {
    file,
    fields: fields.filter(([, values]) => values.length > 0),
    subject: subject.filter(([, value]) => value !== ''),
    devices,
    electrodeGroups: electrodeGroups.filter((name) => name !== 'electrodes'),
    imagingPlanes,
    objects,
  };
}

/** The typed objects that are data (not metadata such as devices, nor parts of a series). */
export function dataObjects(typed: TypedObject[]): TypedObject[] {
  return typed.filter(
    (o) => !METADATA_TYPES.some((t) => isA(o.type, t)) && !isPartOfTable(o, typed),
  );
}

/** A typed dataset inside a series (its electrodes region) is a part of it, not an object. */
function isPartOfTable(object: TypedObject, all: TypedObject[]): boolean {
  if (object.kind !== 'dataset') return false;
  const parent = object.path.slice(0, object.path.lastIndexOf('/')) || '/';
  return all.some((o) => o.path === parent);
}
