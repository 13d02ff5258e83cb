/**
 * A small builder tree and a writer that lays it out in an HDF5 file the way hdmf (pynwb's I/O
 * layer) does, because the point of the synthetic session is to have a realistic byte layout for
 * benchmarks, not just realistic names:
 *
 * - a group is created, then its subgroups (recursively), then its datasets, then its links, and
 *   only then its attributes (hdmf's write_group order). Attributes added after the children go to
 *   a continuation block of the object header somewhere later in the file, as in real files;
 * - small datasets are written in place, so metadata and raw data interleave through the file;
 * - object references (DynamicTableRegion.table, VectorIndex.target, electrodes.group, .specloc)
 *   are written after the whole tree, as hdmf's reference queue does;
 * - "iterator" bulk datasets (hdmf's DataChunkIterator) get their object header in place but their
 *   chunks at the end, after the references; "inline" bulk datasets are filled where they stand
 *   (H5DataIO wrapping an in-memory array);
 * - the file uses the earliest library format (superblock 0, symbol-table groups, v1 object
 *   headers, v1 B-tree chunk indexes), which is what h5py writes by default.
 */
import type { NumericArray } from '../../src/reader/contract';
import type { Dataset, Dtype, File, Group, GuessableDataTypes } from 'h5wasm/node';

/** A scalar attribute with an explicit HDF5 type (numbers would otherwise be guessed as int32). */
export interface TypedAttr {
  dtype: '<d' | '<f' | '<i' | '<q' | '<B';
  value: number | number[];
}

/** An object-reference attribute to an absolute path, written after the tree (hdmf's ref queue). */
export interface RefAttr {
  ref: string;
}

/** Strings are variable-length UTF-8, as pynwb writes them. */
export type AttrValue = string | string[] | TypedAttr | RefAttr;

export type Attrs = Record<string, AttrValue>;

/** The typed arrays a dataset can hold; the reading contract names the same set. */
export type TypedArray = NumericArray;

/** A large dataset filled row block by row block, so it never has to sit in memory at once. */
export interface BulkFill {
  shape: number[];
  dtype: '<h' | '<f' | '<d';
  chunks: number[];
  gzipLevel: number;
  /** 'inline': filled where it stands; 'iterator': header now, chunks after the references. */
  when: 'inline' | 'iterator';
  /** Rows per write call; a multiple of chunks[0] so every write covers whole chunks. */
  rowsPerWrite: number;
  /** Fills `out` (rows x rest of shape, row-major) with rows [rowStart, rowStart + rows). */
  produce(rowStart: number, rows: number, out: Int16Array | Float32Array | Float64Array): void;
}

export interface DatasetNode {
  kind: 'dataset';
  name: string;
  attrs: Attrs;
  /** In-memory data; strings become variable-length UTF-8. */
  data?: GuessableDataTypes;
  /** Shape when it cannot be guessed from data ([] for a scalar). */
  shape?: number[];
  dtype?: Dtype;
  chunks?: number[];
  gzipLevel?: number;
  /** A dataset of object references (paths), written after the tree like hdmf does. */
  refs?: string[];
  bulk?: BulkFill;
}

export interface GroupNode {
  kind: 'group';
  name: string;
  attrs: Attrs;
  children: TreeNode[];
}

export interface LinkNode {
  kind: 'link';
  name: string;
  target: string;
}

export type TreeNode = GroupNode | DatasetNode | LinkNode;

export function group(name: string, attrs: Attrs, children: TreeNode[] = []): GroupNode {
  return { kind: 'group', name, attrs, children };
}

export function dataset(
  name: string,
  data: GuessableDataTypes,
  attrs: Attrs = {},
  extra: Partial<Omit<DatasetNode, 'kind' | 'name' | 'attrs' | 'data'>> = {},
): DatasetNode {
  return { kind: 'dataset', name, attrs, data, ...extra };
}

export function link(name: string, target: string): LinkNode {
  return { kind: 'link', name, target };
}

export interface WriteProgress {
  (message: string): void;
}

interface Deferred {
  refAttrs: { path: string; name: string; target: string }[];
  refDatasets: { parent: string; node: DatasetNode }[];
  bulk: { path: string; fill: BulkFill }[];
}

function joinPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

function entity(file: File, path: string): Group | Dataset {
  const found = path === '/' ? file : file.get(path);
  if (found === null || !('create_attribute' in found) || !('create_reference' in found)) {
    throw new Error(`expected a group or dataset at ${path}`);
  }
  return found as Group | Dataset;
}

function writeAttrs(target: Group | Dataset, path: string, attrs: Attrs, deferred: Deferred): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (typeof value === 'string') {
      target.create_attribute(name, value);
    } else if (Array.isArray(value)) {
      target.create_attribute(name, value, [value.length]);
    } else if ('ref' in value) {
      deferred.refAttrs.push({ path, name, target: value.ref });
    } else if (Array.isArray(value.value)) {
      target.create_attribute(name, value.value, [value.value.length], value.dtype);
    } else {
      target.create_attribute(name, value.value, [], value.dtype);
    }
  }
}

function createBulk(parent: Group, node: DatasetNode, fill: BulkFill): Dataset {
  const rest = fill.shape.slice(1);
  const empty =
    fill.dtype === '<h'
      ? new Int16Array(0)
      : fill.dtype === '<f'
        ? new Float32Array(0)
        : new Float64Array(0);
  // Created empty and grown: h5wasm's create_dataset wants all the data at once otherwise.
  // An 'iterator' dataset keeps an unlimited first dimension, as DataChunkIterator output does;
  // an 'inline' one gets a fixed maxshape, as an H5DataIO-wrapped array does.
  const created = parent.create_dataset({
    name: node.name,
    data: empty,
    shape: [0, ...rest],
    maxshape: [fill.when === 'iterator' ? null : (fill.shape[0] ?? 0), ...rest],
    chunks: fill.chunks,
    compression: 'gzip',
    compression_opts: fill.gzipLevel,
  });
  return created;
}

function fillBulk(ds: Dataset, fill: BulkFill, progress: WriteProgress, label: string): void {
  const rows = fill.shape[0] ?? 0;
  const rowSize = fill.shape.slice(1).reduce((a, b) => a * b, 1);
  ds.resize(fill.shape);
  const make = (n: number): Int16Array | Float32Array | Float64Array =>
    fill.dtype === '<h'
      ? new Int16Array(n)
      : fill.dtype === '<f'
        ? new Float32Array(n)
        : new Float64Array(n);
  const block = make(fill.rowsPerWrite * rowSize);
  let lastReport = 0;
  for (let start = 0; start < rows; start += fill.rowsPerWrite) {
    const n = Math.min(fill.rowsPerWrite, rows - start);
    const out = n === fill.rowsPerWrite ? block : make(n * rowSize);
    fill.produce(start, n, out);
    const ranges: [number, number][] = [[start, start + n]];
    for (const dim of fill.shape.slice(1)) ranges.push([0, dim]);
    ds.write_slice(ranges, out);
    const done = (start + n) / rows;
    if (done - lastReport >= 0.1 || start + n === rows) {
      lastReport = done;
      progress(`${label}: ${Math.round(done * 100)}%`);
    }
  }
}

function writeNode(
  file: File,
  parentPath: string,
  node: TreeNode,
  deferred: Deferred,
  progress: WriteProgress,
): void {
  const parent = entity(file, parentPath) as Group;
  const path = joinPath(parentPath, node.name);
  if (node.kind === 'link') {
    parent.create_soft_link(node.target, node.name);
    return;
  }
  if (node.kind === 'group') {
    const created = parent.create_group(node.name);
    // hdmf order: subgroups, then datasets, then links, then this group's attributes.
    const order: TreeNode['kind'][] = ['group', 'dataset', 'link'];
    for (const kind of order) {
      for (const child of node.children) {
        if (child.kind === kind) writeNode(file, path, child, deferred, progress);
      }
    }
    writeAttrs(created, path, node.attrs, deferred);
    return;
  }
  if (node.refs !== undefined) {
    deferred.refDatasets.push({ parent: parentPath, node });
    return;
  }
  let created: Dataset;
  if (node.bulk !== undefined) {
    created = createBulk(parent, node, node.bulk);
    if (node.bulk.when === 'inline') fillBulk(created, node.bulk, progress, path);
    else deferred.bulk.push({ path, fill: node.bulk });
  } else {
    if (node.data === undefined) throw new Error(`dataset ${path} has no data`);
    created = parent.create_dataset({
      name: node.name,
      data: node.data,
      shape: node.shape,
      dtype: node.dtype,
      chunks: node.chunks,
      compression: node.gzipLevel === undefined ? undefined : 'gzip',
      compression_opts: node.gzipLevel,
    });
  }
  writeAttrs(created, path, node.attrs, deferred);
}

/**
 * Writes the root's children and attributes in hdmf order, then the deferred references, then
 * iterator-filled chunks. `after` runs last (spec caching and .specloc, as pynwb does them).
 */
export function writeTree(
  file: File,
  root: GroupNode,
  progress: WriteProgress,
  after?: (file: File, writeChildren: (parentPath: string, nodes: TreeNode[]) => void) => void,
): void {
  const deferred: Deferred = { refAttrs: [], refDatasets: [], bulk: [] };
  const writeChildren = (parentPath: string, nodes: TreeNode[]): void => {
    const order: TreeNode['kind'][] = ['group', 'dataset', 'link'];
    for (const kind of order) {
      for (const child of nodes) {
        if (child.kind === kind) writeNode(file, parentPath, child, deferred, progress);
      }
    }
  };
  writeChildren('/', root.children);
  writeAttrs(file, '/', root.attrs, deferred);

  const flushRefs = (): void => {
    for (const { parent, node } of deferred.refDatasets.splice(0)) {
      const owner = entity(file, parent) as Group;
      const refs = (node.refs ?? []).map((target) => entity(file, target).create_reference());
      const created = owner.create_dataset({ name: node.name, data: refs });
      writeAttrs(created, joinPath(parent, node.name), node.attrs, deferred);
    }
    for (const { path, name, target } of deferred.refAttrs.splice(0)) {
      entity(file, path).create_attribute(name, entity(file, target).create_reference(), []);
    }
  };
  flushRefs();
  progress('references written');
  for (const { path, fill } of deferred.bulk.splice(0)) {
    fillBulk(entity(file, path) as Dataset, fill, progress, path);
  }
  if (after !== undefined) {
    after(file, writeChildren);
    flushRefs();
  }
}
