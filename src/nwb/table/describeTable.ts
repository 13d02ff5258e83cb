/**
 * Describes a DynamicTable from metadata only: the group's attributes, its children (with their
 * type, description and region target projected in the one listing), and each column dataset's
 * shape and dtype. No values are read.
 */
import type {
  ChildEntry,
  DataReader,
  DatasetInfo,
  DtypeInfo,
  ReadOptions,
  Value,
} from '../../reader/contract';
import { unwrapString, unwrapStringList } from '../unwrap';
import type { ColumnShape, TableColumn, TableModel } from './model';

const PROJECTED = ['neurodata_type', 'description', 'table'];

export async function describeTable(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<TableModel> {
  const [attrs, children] = await Promise.all([
    reader.getAttributes(path, options),
    reader.listChildren(path, { ...options, attrs: PROJECTED }),
  ]);
  const attr = (name: string) => attrs.find((a) => a.name === name)?.value;
  const byName = new Map(children.map((c) => [c.name, c]));
  const problems: string[] = [];
  const colnames = unwrapStringList(attr('colnames') ?? null) ?? inferColnames(children);
  const idEntry = byName.get('id');

  // Every dataset the table needs, described at once so the chain costs one round of reads.
  const wanted = new Set<string>();
  if (idEntry) wanted.add(idEntry.path);
  for (const name of colnames) {
    for (const n of [name, `${name}_index`, `${name}_index_index`]) {
      const entry = byName.get(n);
      if (entry && isDatasetLike(entry)) wanted.add(entry.path);
    }
  }
  const infos = new Map<string, DatasetInfo | Error>();
  await Promise.all(
    [...wanted].map((p) =>
      reader.describeDataset(p, options).then(
        (info) => infos.set(p, info),
        (error: unknown) => {
          if (options?.signal?.aborted) throw error;
          infos.set(p, error instanceof Error ? error : new Error(String(error)));
        },
      ),
    ),
  );
  const info = (entry: ChildEntry | undefined) => {
    const got = entry ? infos.get(entry.path) : undefined;
    return got instanceof Error ? undefined : got;
  };

  const idInfo = info(idEntry);
  let rowCount = idInfo?.shape?.[0] ?? 0;
  if (!idInfo)
    problems.push('The table has no readable id dataset; rows are counted from the first column.');

  const columns: TableColumn[] = [];
  for (const name of colnames) {
    const entry = byName.get(name);
    if (!entry || !isDatasetLike(entry)) {
      problems.push(`Column "${name}" is listed in colnames but is not in the table.`);
      continue;
    }
    const dataInfo = info(entry);
    const index1 = byName.get(`${name}_index`);
    const index2 = byName.get(`${name}_index_index`);
    columns.push(
      describeColumn(
        name,
        entry,
        dataInfo,
        infos.get(entry.path),
        index1 && info(index1),
        index2 && info(index2),
        index1,
        index2,
      ),
    );
  }
  if (!idInfo && columns.length > 0) rowCount = columns[0].length;
  for (const column of columns) {
    if (column.length !== rowCount && !column.problem) {
      column.problem = `Has ${column.length} rows, the table has ${rowCount}: rows past ${Math.min(column.length, rowCount)} are left empty.`;
    }
  }
  return {
    path,
    description: unwrapString(attr('description')),
    rowCount,
    idPath: idEntry?.path ?? null,
    columns,
    problems,
  };
}

function isDatasetLike(entry: ChildEntry): boolean {
  return entry.kind === 'dataset' || entry.link?.targetKind === 'dataset';
}

/** Tables written without colnames (some 2.0b writers): every dataset that is not an index or id. */
function inferColnames(children: ChildEntry[]): string[] {
  return children
    .filter((c) => isDatasetLike(c) && c.name !== 'id' && !c.name.endsWith('_index'))
    .map((c) => c.name);
}

function attrText(entry: ChildEntry | undefined, name: string): string | null {
  return entry?.attrs ? unwrapString(entry.attrs[name]) : null;
}

function refPath(value: Value | undefined): string | null {
  if (value && typeof value === 'object' && !Array.isArray(value) && 'kind' in value) {
    return value.kind === 'object-ref' ? value.path : null;
  }
  if (Array.isArray(value) && value.length === 1) return refPath(value[0]);
  return null;
}

/** Why a dtype cannot be decoded at all, or null when it can (maybe in part). */
function undecodable(dtype: DtypeInfo): string | null {
  if (dtype.class === 'float' && dtype.size === 2) return 'float16 values cannot be decoded here.';
  if (dtype.class === 'opaque') return `Opaque values (${dtype.description}) cannot be decoded.`;
  if (dtype.class === 'unknown' || dtype.class === 'bitfield') {
    return `Values of type ${dtype.description} cannot be decoded.`;
  }
  return null;
}

function hasReferences(dtype: DtypeInfo): boolean {
  if (dtype.class === 'reference') return false; // a plain reference column reads fine
  return (dtype.members ?? []).some((m) => m.dtype.class === 'reference' || hasReferences(m.dtype));
}

const SORTABLE = new Set(['int', 'uint', 'float', 'string', 'bool', 'enum']);

function describeColumn(
  name: string,
  entry: ChildEntry,
  dataInfo: DatasetInfo | undefined,
  dataError: DatasetInfo | Error | undefined,
  index1Info: DatasetInfo | undefined,
  index2Info: DatasetInfo | undefined,
  index1: ChildEntry | undefined,
  index2: ChildEntry | undefined,
): TableColumn {
  const neurodataType = attrText(entry, 'neurodata_type');
  const base: TableColumn = {
    name,
    path: entry.path,
    description: attrText(entry, 'description'),
    shape: 'scalar',
    raggedDepth: 0,
    indexPaths: [],
    dtype: dataInfo?.dtype ?? { class: 'unknown', size: 0, description: 'unknown' },
    dataShape: dataInfo?.shape ?? [],
    length: 0,
    readable: false,
    sortable: false,
    neurodataType,
  };
  if (!dataInfo) {
    const why = dataError instanceof Error ? dataError.message : 'it could not be described';
    return { ...base, problem: `Cannot read this column: ${why}` };
  }
  if (neurodataType === 'DynamicTableRegion') {
    base.regionTarget = refPath(entry.attrs?.table);
    if (base.regionTarget === null)
      base.problem = 'Region column whose target table cannot be resolved.';
  }
  const depth = index2 ? 2 : index1 ? 1 : 0;
  let shape: ColumnShape = (dataInfo.shape?.length ?? 0) > 1 ? 'array' : 'scalar';
  if (depth > 0) shape = 'ragged';
  const outer = depth === 2 ? index2Info : depth === 1 ? index1Info : dataInfo;
  const length = outer?.shape?.[0] ?? 0;
  const column: TableColumn = {
    ...base,
    shape,
    raggedDepth: depth,
    indexPaths: [index2, index1].filter((e): e is ChildEntry => e !== undefined).map((e) => e.path),
    length,
    readable: true,
  };
  const bad = undecodable(dataInfo.dtype);
  if (bad) return { ...column, readable: false, problem: bad };
  if ((depth >= 1 && !index1Info) || (depth === 2 && !index2Info)) {
    return { ...column, readable: false, problem: 'Its index dataset cannot be read.' };
  }
  for (const idx of [index1Info, index2Info]) {
    if (idx && idx.dtype.class === 'reference') {
      return {
        ...column,
        readable: false,
        problem: 'Its index is stored as region references (legacy matnwb): not decoded yet.',
      };
    }
  }
  if (hasReferences(dataInfo.dtype) && !column.problem) {
    column.problem = 'References inside these compound values may read as empty in this version.';
  }
  column.sortable = shape === 'scalar' && SORTABLE.has(dataInfo.dtype.class);
  return column;
}
