/**
 * Zarr attributes (JSON) as the contract's AttributeInfo, shaped like the HDF5 backend's: strings
 * are scalar vlen strings, numbers float64 or int64, lists become typed arrays or string lists,
 * and both NWB-Zarr reference encodings become object references.
 */
import type { AttributeInfo, DtypeInfo, ObjectRefValue, Value } from '../reader/contract';
import { OBJECT_REF, VLEN_STRING } from './dtype';

/** Attributes that encode storage conventions, not the file's own attributes. */
const HIDDEN = new Set([
  'zarr_dtype',
  'zarr_link',
  '_LINKS',
  '_SOFT_LINK',
  '_SCALAR',
  '_COMPOUND_DTYPE',
  '_ARRAY_DIMENSIONS',
  '_EXTERNAL_ARRAY_LINK',
  '_NWB_ZARR_VERSION',
]);

export function isHiddenAttribute(name: string): boolean {
  return HIDDEN.has(name);
}

/** The target path of a reference in either encoding, or undefined when `v` is not one. */
export function referenceTarget(v: unknown): { path: string; source: string } | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const o = v as Record<string, unknown>;
  let inner: unknown;
  if (o.zarr_dtype === 'object' && o.value && typeof o.value === 'object') inner = o.value;
  else if (o._REFERENCE && typeof o._REFERENCE === 'object') inner = o._REFERENCE;
  else if (typeof o.path === 'string' && typeof o.source === 'string') inner = o;
  const r = inner as { path?: unknown; source?: unknown } | undefined;
  if (!r || typeof r.path !== 'string') return undefined;
  return { path: r.path, source: typeof r.source === 'string' ? r.source : '.' };
}

export function refValue(path: string | null): ObjectRefValue {
  return { kind: 'object-ref', path: path === null ? null : '/' + path.replace(/^\/+/, '') };
}

const FLOAT64: DtypeInfo = { class: 'float', size: 8, description: 'float64', littleEndian: true };
const INT64: DtypeInfo = { class: 'int', size: 8, description: 'int64', littleEndian: true };
const BOOL: DtypeInfo = {
  class: 'bool',
  size: 1,
  description: 'bool',
  enumValues: { FALSE: 0, TRUE: 1 },
};

export function attributeInfo(name: string, raw: unknown, float = false): AttributeInfo {
  const ref = referenceTarget(raw);
  if (ref) return { name, shape: [], dtype: OBJECT_REF, value: refValue(ref.path) };
  if (typeof raw === 'string') return { name, shape: [], dtype: VLEN_STRING, value: raw };
  if (typeof raw === 'boolean') return { name, shape: [], dtype: BOOL, value: raw };
  if (typeof raw === 'number') {
    return Number.isInteger(raw) && !float
      ? { name, shape: [], dtype: INT64, value: BigInt(raw) }
      : { name, shape: [], dtype: FLOAT64, value: raw };
  }
  if (raw === null) return { name, shape: [], dtype: FLOAT64, value: Number.NaN };
  if (Array.isArray(raw)) return listAttribute(name, raw, float);
  return {
    name,
    shape: [],
    dtype: VLEN_STRING,
    value: JSON.stringify(raw),
  };
}

function listAttribute(name: string, raw: unknown[], float: boolean): AttributeInfo {
  const shape = [raw.length];
  if (raw.every((v) => typeof v === 'string')) {
    return { name, shape, dtype: VLEN_STRING, value: raw as string[] };
  }
  if (raw.length > 0 && raw.every((v) => referenceTarget(v))) {
    return {
      name,
      shape,
      dtype: OBJECT_REF,
      value: raw.map((v) => refValue(referenceTarget(v)!.path)),
    };
  }
  if (raw.every((v) => typeof v === 'number' || v === null)) {
    const nums = raw.map((v) => (v === null ? Number.NaN : (v as number)));
    if (nums.length > 0 && !float && nums.every((v) => Number.isInteger(v))) {
      return { name, shape, dtype: INT64, value: BigInt64Array.from(nums, (v) => BigInt(v)) };
    }
    return { name, shape, dtype: FLOAT64, value: Float64Array.from(nums) };
  }
  if (raw.every((v) => typeof v === 'boolean')) {
    return { name, shape, dtype: BOOL, value: raw as boolean[] };
  }
  // Nested lists (a 2-D attribute) or mixed values: keep the structure, as text where needed.
  const value: Value[] = raw.map((v) => {
    const info = attributeInfo(name, v);
    return info.value;
  });
  return { name, shape, dtype: { class: 'unknown', size: 0, description: 'JSON list' }, value };
}
