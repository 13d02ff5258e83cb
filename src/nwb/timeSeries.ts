/**
 * What a plot of a TimeSeries needs to know before reading any sample: the data's shape and type,
 * how stored values become physical ones (`conversion`, `offset`, `unit` on `data`), the time
 * axis, and the electrodes its channels come from. Everything that is wrong is said in
 * `problems`, and whatever can still be drawn is described.
 */
import type { DataReader, DatasetInfo, ReadOptions, Value } from '../reader/contract';
import { readTimeAxis, type TimeAxis } from './timeAxis';
import { unwrapNumber, unwrapString } from './unwrap';

export interface SeriesDescription {
  path: string;
  dataPath: string;
  data: DatasetInfo | null;
  /** Samples (first dimension of data) and channels (product of the others; 1 for 1-D). */
  samples: number;
  channels: number;
  /** Physical value = stored x conversion + offset. */
  conversion: number;
  offset: number;
  unit: string | null;
  axis: TimeAxis | null;
  /** True when the data reads as numbers the plot can draw. */
  numeric: boolean;
  /** The DynamicTableRegion into the electrodes table, when the series has one. */
  electrodes: { regionPath: string; tablePath: string | null } | null;
  problems: string[];
}

const NUMERIC = ['int', 'uint', 'float', 'bool', 'enum'];

function attrMap(list: { name: string; value: Value }[]) {
  return new Map(list.map((a) => [a.name, a.value]));
}

function refPath(value: Value | undefined): string | null {
  const v = Array.isArray(value) && value.length === 1 ? value[0] : value;
  if (v && typeof v === 'object' && 'kind' in v && v.kind === 'object-ref') return v.path;
  return null;
}

export async function describeSeries(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<SeriesDescription> {
  const dataPath = `${path}/data`;
  const problems: string[] = [];
  const dataKind = await reader.getKind(dataPath, options);
  let data: DatasetInfo | null = null;
  let conversion = 1;
  let offset = 0;
  let unit: string | null = null;
  if (dataKind === 'dataset') {
    data = await reader.describeDataset(dataPath, options);
    const attrs = attrMap(await reader.getAttributes(dataPath, options));
    conversion = unwrapNumber(attrs.get('conversion')) ?? 1;
    offset = unwrapNumber(attrs.get('offset')) ?? 0;
    unit = unwrapString(attrs.get('unit'));
    if (conversion === 0) {
      problems.push('conversion is 0, so every value would be 0; stored values are shown.');
      conversion = 1;
    }
  } else {
    problems.push('This series has no data dataset (it may point at external files).');
  }
  const shape = data?.shape ?? [];
  const samples = shape.length > 0 ? shape[0] : 0;
  const channels = shape.slice(1).reduce((a, b) => a * b, 1);
  const numeric = data !== null && NUMERIC.includes(data.dtype.class) && shape.length > 0;
  if (data && !numeric) {
    problems.push(
      shape.length === 0
        ? 'The data is a single value, not a series over time.'
        : `Values of type ${data.dtype.description} cannot be plotted.`,
    );
  }
  if (data && shape.length > 2) {
    problems.push(`The data has ${shape.length} dimensions; it is shown as frames, not traces.`);
  }

  const axisReport = await readTimeAxis(reader, path, data ? samples : null, options);
  problems.push(...axisReport.problems);

  let electrodes: SeriesDescription['electrodes'] = null;
  const regionPath = `${path}/electrodes`;
  if ((await reader.getKind(regionPath, options)) === 'dataset') {
    const attrs = attrMap(await reader.getAttributes(regionPath, options));
    electrodes = { regionPath, tablePath: refPath(attrs.get('table')) };
  }

  return {
    path,
    dataPath,
    data,
    samples,
    channels,
    conversion,
    offset,
    unit,
    axis: axisReport.axis,
    numeric,
    electrodes,
    problems,
  };
}

/**
 * A label per channel from the electrodes table: the electrode's id and, when the table has
 * them, its location and group name. Falls back to "ch N" for anything that cannot be read.
 */
export async function readChannelLabels(
  reader: DataReader,
  electrodes: NonNullable<SeriesDescription['electrodes']>,
  channels: number,
  options?: ReadOptions,
): Promise<string[]> {
  const fallback = Array.from({ length: channels }, (_, i) => `ch ${i}`);
  const table = electrodes.tablePath;
  if (!table) return fallback;
  const region = await reader.readSlice(
    electrodes.regionPath,
    [{ start: 0, stop: channels }],
    options,
  );
  const rows = Array.from(region.values as ArrayLike<number | bigint>, Number);
  const column = async (name: string): Promise<(Value | number)[] | null> => {
    const p = `${table}/${name}`;
    if ((await reader.getKind(p, options)) !== 'dataset') return null;
    const info = await reader.describeDataset(p, options);
    const n = info.shape?.[0] ?? 0;
    if (n === 0 || (info.shape?.length ?? 0) !== 1) return null;
    const slice = await reader.readSlice(p, [{ start: 0, stop: n }], options);
    return Array.from(slice.values as ArrayLike<Value | number>);
  };
  const [ids, locations] = await Promise.all([column('id'), column('location')]);
  return rows.map((row, i) => {
    if (!(row >= 0)) return fallback[i];
    const id = ids?.[row];
    const location = locations ? unwrapString(locations[row] as Value) : null;
    const name = id !== undefined ? `e${String(id)}` : `row ${row}`;
    return location ? `${name} ${location}` : name;
  });
}
