/**
 * The Zarr backend of the reading contract (hdmf-zarr NWB stores, LINDI files), over zarrita.
 *
 * Metadata comes from the ZarrTree; values from zarrita arrays opened over the same store.
 * NWB-Zarr conventions are undone here so the panes see what the HDF5 backend shows:
 * `zarr_link`/`_LINKS` entries and LINDI `_SOFT_LINK` groups are soft links (external when they
 * name another store), reference attributes and datasets are object references, and
 * hdmf-zarr/LINDI scalars (shape [1] marked `zarr_dtype: "scalar"` or `_SCALAR`) are scalars.
 */
import { checkReadSize, checkSelection } from '../reader/checkSelection';
import * as zarr from 'zarrita';
import { ExplorerError, asExplorerError } from '../errors';
import {
  type AttributeInfo,
  type ChildEntry,
  type DataReader,
  type DatasetInfo,
  type FileSummary,
  type MinMaxEnvelope,
  type MinMaxOptions,
  type MinMaxRequest,
  type NumericArray,
  type ReadOptions,
  type Selection,
  type SliceRequest,
  type SliceResult,
  type Value,
} from '../reader/contract';
import { computeMinMaxEnvelope } from '../reader/minMaxEnvelope';
import { readSlicesEach } from '../reader/readSlices';
import { attributeInfo, isHiddenAttribute, referenceTarget, refValue } from './attributes';
import { registerExtraCodecs } from './codecs';
import { describeArrayDtype, filtersOf, isPickled } from './dtype';
import { joinPath, normalizePath, type Attrs, type NodeMeta, type ZarrTree } from './tree';

registerExtraCodecs();

interface LinkSpec {
  name: string;
  path: string;
  source: string;
}

type ZarrArray = zarr.Array<zarr.DataType, zarr.Readable>;

export class ZarrReader implements DataReader {
  private readonly arrays = new Map<string, Promise<ZarrArray>>();

  constructor(
    private readonly tree: ZarrTree,
    private readonly info: FileSummary,
  ) {}

  async summary(): Promise<FileSummary> {
    return this.info;
  }

  async listChildren(
    path: string,
    options?: { attrs?: string[] } & ReadOptions,
  ): Promise<ChildEntry[]> {
    const signal = options?.signal;
    const at = await this.resolve(path, signal);
    const meta = await this.tree.node(at, signal);
    if (meta?.kind !== 'group') throw new ExplorerError('not-found', `${path} is not a group.`);
    const base = normalizePath(path);
    const names = await this.tree.children(at, signal);
    const entries = await Promise.all(
      names.map(async (name): Promise<ChildEntry | null> => {
        const child = await this.tree.node(joinPath(at, name), signal);
        if (!child) return null;
        const soft = softLinkOf(child.attrs);
        if (soft !== undefined)
          return this.linkEntry(base, { name, path: soft, source: '.' }, options);
        const entry: ChildEntry = {
          name,
          path: joinPath(base, name),
          kind: child.kind === 'group' ? 'group' : 'dataset',
        };
        if (options?.attrs?.length) entry.attrs = project(child, options.attrs);
        return entry;
      }),
    );
    const links = await Promise.all(
      linksOf(meta.attrs).map((l) => this.linkEntry(base, l, options)),
    );
    const all = [...entries.filter((e): e is ChildEntry => e !== null)];
    for (const link of links) if (!all.some((e) => e.name === link.name)) all.push(link);
    return all.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  async getAttributes(path: string, options?: ReadOptions): Promise<AttributeInfo[]> {
    const meta = await this.requireNode(path, options?.signal);
    return Object.keys(meta.attrs)
      .filter((name) => !isHiddenAttribute(name))
      .sort()
      .map((name) => {
        const raw = meta.attrs[name];
        const ref = referenceTarget(raw);
        if (ref) this.tree.noteReferenced(ref.path);
        return attributeInfo(name, raw, meta.floats?.has(name));
      });
  }

  async getKind(
    path: string,
    options?: ReadOptions,
  ): Promise<'group' | 'dataset' | 'datatype' | null> {
    try {
      const at = await this.resolve(path, options?.signal);
      const meta = await this.tree.node(at, options?.signal);
      if (!meta) return null;
      return meta.kind === 'group' ? 'group' : 'dataset';
    } catch (e) {
      if (asExplorerError(e).code === 'not-found') return null;
      throw e;
    }
  }

  async describeDataset(path: string, options?: ReadOptions): Promise<DatasetInfo> {
    const meta = await this.requireArray(path, options?.signal);
    const array = meta.array!;
    const dtype = describeArrayDtype(array, meta.attrs);
    const stored = (array.shape as number[]) ?? [];
    const shape = isScalar(meta) ? [] : stored;
    const elementCount = shape.reduce((a, b) => a * b, 1);
    return {
      path,
      shape,
      // Zarr arrays declare no maximum: the current shape, as HDF5 reports a fixed dataset.
      maxshape: isScalar(meta) ? [] : [...stored],
      dtype,
      chunks: isScalar(meta) ? null : chunkShape(array),
      filters: filtersOf(array),
      storedBytes: null,
      memoryBytes: elementCount * dtype.size,
      elementCount,
    };
  }

  async readSlice(path: string, selection: Selection, options?: ReadOptions): Promise<SliceResult> {
    const signal = options?.signal;
    const meta = await this.requireArray(path, signal);
    const array = meta.array!;
    if (isPickled(array)) {
      throw new ExplorerError(
        'unsupported',
        `${path} is stored as Python pickles: not readable in a browser (pickle).`,
      );
    }
    const dtype = describeArrayDtype(array, meta.attrs);
    const at = await this.resolve(path, signal);
    const arr = await this.open(at);
    if (isScalar(meta)) {
      const chunk = await this.get(arr, [zarr.slice(0, 1)], signal);
      return { shape: [], values: [this.convert(chunk.data, meta)[0] ?? null] };
    }
    const shape = arr.shape;
    const { outShape, count } = checkReadSize(checkSelection(path, shape, selection), dtype.size);
    if (count === 0) return { shape: outShape, values: [] };
    const chunk = await this.get(
      arr,
      selection.map(({ start, stop, step }) => zarr.slice(start, stop, step ?? 1)),
      signal,
    );
    return { shape: outShape, values: this.convert(chunk.data, meta) };
  }

  /** Concurrent readSlice calls: the store's memory cache shares a chunk two slices need. */
  readSlices(requests: SliceRequest[], options?: ReadOptions): Promise<SliceResult[]> {
    return readSlicesEach(this, requests, options);
  }

  /** The backend-neutral envelope over readSlice (zarrita decodes each chunk once per tile). */
  reduceMinMax(
    path: string,
    request: MinMaxRequest,
    options?: MinMaxOptions,
  ): Promise<MinMaxEnvelope> {
    return computeMinMaxEnvelope(this, path, request, options);
  }

  async close(): Promise<void> {
    this.arrays.clear();
  }

  private async get(
    arr: ZarrArray,
    selection: (zarr.Slice | null)[],
    signal?: AbortSignal,
  ): Promise<{ data: unknown; shape: number[] }> {
    try {
      const result = await zarr.get(arr, selection, { signal });
      return result as unknown as { data: unknown; shape: number[] };
    } catch (e) {
      throw zarrError(e, signal);
    }
  }

  /** zarrita's chunk data as contract values. */
  private convert(data: unknown, meta: NodeMeta): NumericArray | Value[] {
    if (ArrayBuffer.isView(data)) {
      const view = data as ArrayBufferView & { constructor: { name: string } };
      if (view.constructor.name === 'Float16Array')
        return Float32Array.from(data as unknown as ArrayLike<number>);
      return data as NumericArray;
    }
    if (data instanceof zarr.BoolArray) return Array.from(data, (b) => b);
    if (Array.isArray(data)) {
      const refs = meta.attrs.zarr_dtype === 'object';
      return data.map((item: unknown): Value => {
        const ref = referenceTarget(item);
        if (ref || (refs && item && typeof item === 'object')) return refValue(ref?.path ?? null);
        if (item instanceof Uint8Array) return new TextDecoder().decode(item);
        if (typeof item === 'string' || typeof item === 'number' || typeof item === 'boolean') {
          return item;
        }
        if (item === null || item === undefined) return null;
        if (Array.isArray(item))
          return item.map((v) =>
            referenceTarget(v) ? refValue(referenceTarget(v)!.path) : (v as Value),
          );
        return JSON.stringify(item);
      });
    }
    if (data && typeof data === 'object' && Symbol.iterator in data) {
      // Fixed-length string arrays (ByteStringArray, UnicodeStringArray).
      return Array.from(data as Iterable<string>);
    }
    return [];
  }

  private open(path: string): Promise<ZarrArray> {
    let found = this.arrays.get(path);
    if (!found) {
      const location = zarr.root(this.tree.store as zarr.Readable).resolve(path.slice(1));
      const opener = this.tree.version === 3 ? zarr.open.v3 : zarr.open.v2;
      found = (opener(location, { kind: 'array' }) as Promise<ZarrArray>).catch((e: unknown) => {
        this.arrays.delete(path);
        throw zarrError(e);
      });
      this.arrays.set(path, found);
    }
    return found;
  }

  private async linkEntry(
    base: string,
    link: LinkSpec,
    options?: { attrs?: string[] } & ReadOptions,
  ): Promise<ChildEntry> {
    const path = joinPath(base, link.name);
    if (!isSameStore(link.source)) {
      return {
        name: link.name,
        path,
        kind: 'external-link',
        link: {
          target: normalizePath(link.path),
          file: link.source,
          resolved: false,
          problem: `The link points into another store (${link.source}), which is not followed.`,
        },
      };
    }
    const target = normalizePath(link.path);
    this.tree.noteReferenced(target);
    let node: NodeMeta | null = null;
    try {
      node = await this.tree.node(await this.resolve(target, options?.signal), options?.signal);
    } catch (e) {
      if (asExplorerError(e).code !== 'not-found') throw e;
    }
    if (!node) {
      return {
        name: link.name,
        path,
        kind: 'broken-link',
        link: { target, resolved: false, problem: 'Nothing at the target path.' },
      };
    }
    const entry: ChildEntry = {
      name: link.name,
      path,
      kind: 'soft-link',
      link: { target, resolved: true, targetKind: node.kind === 'group' ? 'group' : 'dataset' },
    };
    if (options?.attrs?.length) entry.attrs = project(node, options.attrs);
    return entry;
  }

  /** The real path of a path that may pass through links (as HDF5 follows soft links). */
  private async resolve(path: string, signal?: AbortSignal, depth = 0): Promise<string> {
    if (depth > 16) throw new ExplorerError('not-found', `Too many links on the way to ${path}.`);
    const parts = normalizePath(path).split('/').filter(Boolean);
    let at = '/';
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      const next = joinPath(at, name);
      const node = await this.tree.node(next, signal);
      if (node) {
        const soft = softLinkOf(node.attrs);
        at = soft !== undefined ? await this.resolve(soft, signal, depth + 1) : next;
        continue;
      }
      const parent = await this.tree.node(at, signal);
      const link = parent ? linksOf(parent.attrs).find((l) => l.name === name) : undefined;
      if (!link || !isSameStore(link.source)) {
        throw new ExplorerError('not-found', `Nothing readable at ${path}.`);
      }
      at = await this.resolve(link.path, signal, depth + 1);
    }
    return at;
  }

  private async requireNode(path: string, signal?: AbortSignal): Promise<NodeMeta> {
    const meta = await this.tree.node(await this.resolve(path, signal), signal);
    if (!meta) throw new ExplorerError('not-found', `Nothing readable at ${path}.`);
    return meta;
  }

  private async requireArray(path: string, signal?: AbortSignal): Promise<NodeMeta> {
    const meta = await this.requireNode(path, signal);
    if (meta.kind !== 'array' || !meta.array) {
      throw new ExplorerError('not-found', `${path} is not a dataset.`);
    }
    return meta;
  }
}

function isScalar(meta: NodeMeta): boolean {
  const shape = meta.array?.shape as number[] | undefined;
  const marked = meta.attrs.zarr_dtype === 'scalar' || meta.attrs._SCALAR === true;
  return marked && Array.isArray(shape) && shape.length === 1 && shape[0] === 1;
}

function chunkShape(array: Record<string, unknown>): number[] | null {
  if (Array.isArray(array.chunks)) return array.chunks as number[];
  const grid = array.chunk_grid as { configuration?: { chunk_shape?: number[] } } | undefined;
  const outer = grid?.configuration?.chunk_shape ?? null;
  const codecs = array.codecs as
    { name: string; configuration?: { chunk_shape?: number[] } }[] | undefined;
  const shard = codecs?.find((c) => c.name === 'sharding_indexed');
  return shard?.configuration?.chunk_shape ?? outer;
}

function softLinkOf(attrs: Attrs): string | undefined {
  const soft = attrs._SOFT_LINK as { path?: unknown } | undefined;
  return soft && typeof soft.path === 'string' ? soft.path : undefined;
}

/** hdmf-zarr link lists: `zarr_link` (legacy) and `_LINKS` (newer), entries {name, source, path}. */
function linksOf(attrs: Attrs): LinkSpec[] {
  const out: LinkSpec[] = [];
  for (const list of [attrs.zarr_link, attrs._LINKS]) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const o = item as Record<string, unknown>;
      if (typeof o?.name === 'string' && typeof o.path === 'string') {
        out.push({
          name: o.name,
          path: o.path,
          source: typeof o.source === 'string' ? o.source : '.',
        });
      }
    }
  }
  return out;
}

function isSameStore(source: string): boolean {
  return source === '.' || source === '' || source === './';
}

function project(node: NodeMeta, names: string[]): Record<string, Value> {
  const out: Record<string, Value> = {};
  for (const name of names) {
    if (name in node.attrs && !isHiddenAttribute(name)) {
      out[name] = attributeInfo(name, node.attrs[name], node.floats?.has(name)).value;
    }
  }
  return out;
}

/** zarrita's errors in our terms: codecs we lack are 'unsupported', never a crash. */
function zarrError(e: unknown, signal?: AbortSignal): ExplorerError {
  if (signal?.aborted) return new ExplorerError('cancelled', 'Cancelled.');
  if (e instanceof ExplorerError) return e;
  const error = e as { name?: string; message?: string; cause?: unknown };
  const cause = error?.cause as { name?: string } | undefined;
  if (cause && typeof cause === 'object' && String(cause.name ?? '').startsWith('ExplorerError')) {
    return asExplorerError(cause);
  }
  const message = String(error?.message ?? e);
  if (/unknown codec|unsupported|UnknownCodec/i.test(`${error?.name} ${message}`)) {
    return new ExplorerError('unsupported', `Not readable in a browser: ${message}`, { cause: e });
  }
  return asExplorerError(e);
}
