/**
 * Zarr array metadata described in the contract's terms, the way the HDF5 backend describes
 * the same NWB datasets (so the panes cannot tell which backend they read).
 */
import type { DtypeInfo, FilterInfo } from '../reader/contract';
import type { Attrs } from './tree';

const NUMERIC: Record<string, DtypeInfo> = {};
for (const [name, size] of [
  ['int8', 1],
  ['int16', 2],
  ['int32', 4],
  ['int64', 8],
  ['uint8', 1],
  ['uint16', 2],
  ['uint32', 4],
  ['uint64', 8],
  ['float16', 2],
  ['float32', 4],
  ['float64', 8],
] as const) {
  const cls = name.startsWith('uint') ? 'uint' : name.startsWith('int') ? 'int' : 'float';
  NUMERIC[name] = { class: cls, size, description: name, littleEndian: true };
}
const V2_CODES: Record<string, string> = {
  i1: 'int8',
  i2: 'int16',
  i4: 'int32',
  i8: 'int64',
  u1: 'uint8',
  u2: 'uint16',
  u4: 'uint32',
  u8: 'uint64',
  f2: 'float16',
  f4: 'float32',
  f8: 'float64',
};

// Sizes as h5wasm reports them for the same NWB datasets.
export const VLEN_STRING: DtypeInfo = {
  class: 'string',
  size: 4,
  description: 'utf-8 string (variable length)',
};
export const OBJECT_REF: DtypeInfo = {
  class: 'reference',
  size: 8,
  description: 'object reference',
  refKind: 'object',
};
const BOOL: DtypeInfo = {
  class: 'bool',
  size: 1,
  description: 'bool',
  enumValues: { FALSE: 0, TRUE: 1 },
};

/** Codec ids of an array's pipeline, v2 filters and compressor or v3 codecs, in order. */
export function codecIds(array: Record<string, unknown>): string[] {
  if (array.zarr_format === 3 || Array.isArray(array.codecs)) {
    const out: string[] = [];
    for (const c of (array.codecs as { name: string; configuration?: Record<string, unknown> }[]) ??
      []) {
      out.push(c.name);
      if (c.name === 'sharding_indexed') {
        const inner = c.configuration?.codecs as { name: string }[] | undefined;
        for (const i of inner ?? []) out.push(i.name);
      }
    }
    return out;
  }
  const filters = ((array.filters as { id: string }[] | null) ?? []).map((f) => f.id);
  const compressor = (array.compressor as { id: string } | null)?.id;
  return compressor ? [...filters, compressor] : filters;
}

/** HDF5 filter ids for the codecs that have one, so the filter list reads the same. */
const FILTER_IDS: Record<string, number> = {
  gzip: 1,
  zlib: 1,
  shuffle: 2,
  blosc: 32001,
  lz4: 32004,
  zstd: 32015,
  sharding_indexed: 0,
};

export function filtersOf(array: Record<string, unknown>): FilterInfo[] {
  return codecIds(array)
    .map((id) => id.replace(/^numcodecs\./, ''))
    .filter((id) => !['bytes', 'vlen-utf8', 'vlen-bytes', 'json2', 'transpose'].includes(id))
    .map((name) => ({ id: FILTER_IDS[name] ?? 0, name }));
}

export function isPickled(array: Record<string, unknown>): boolean {
  return codecIds(array).some((id) => id.replace(/^numcodecs\./, '') === 'pickle');
}

export function describeArrayDtype(array: Record<string, unknown>, attrs: Attrs): DtypeInfo {
  const ids = codecIds(array).map((id) => id.replace(/^numcodecs\./, ''));
  const raw = String(array.dtype ?? array.data_type ?? '');
  if (raw === '|O' || raw === 'string' || raw === 'object') {
    if (ids.includes('pickle')) {
      return { class: 'opaque', size: 8, description: 'Python objects (pickle)' };
    }
    const compound = attrs._COMPOUND_DTYPE;
    if (Array.isArray(compound)) return describeCompound(compound as [string, string][]);
    if (attrs.zarr_dtype === 'object' || attrs.zarr_dtype === 'region') return OBJECT_REF;
    if (ids.includes('vlen-bytes')) {
      return { class: 'string', size: 4, description: 'ascii string (variable length)' };
    }
    return VLEN_STRING;
  }
  if (NUMERIC[raw]) return NUMERIC[raw];
  if (raw === 'bool') return BOOL;
  const m = /^([<>|])([a-zA-Z])(\d*)$/.exec(raw);
  if (m) {
    const [, endian, kind, digits] = m;
    const code = `${kind}${digits}`;
    if (V2_CODES[code]) return { ...NUMERIC[V2_CODES[code]], littleEndian: endian !== '>' };
    if (kind === 'b') return BOOL;
    if (kind === 'S') {
      return {
        class: 'string',
        size: Number(digits),
        description: `ascii string (fixed length ${digits})`,
      };
    }
    if (kind === 'U') {
      return {
        class: 'string',
        size: Number(digits) * 4,
        description: `utf-8 string (fixed length ${digits})`,
      };
    }
  }
  return { class: 'unknown', size: 0, description: `Zarr dtype ${raw}` };
}

function describeCompound(fields: [string, string][]): DtypeInfo {
  const members = fields.map(([name, type]) => ({
    name,
    dtype:
      type === '<REFERENCE>'
        ? OBJECT_REF
        : (NUMERIC[type] ?? describeArrayDtype({ dtype: type }, {})),
  }));
  const inner = members.map((m) => `${m.name}: ${m.dtype.description}`).join(', ');
  const size = members.reduce((a, m) => a + m.dtype.size, 0);
  return { class: 'compound', size, description: `compound{${inner}}`, members };
}
