/**
 * h5wasm's output values, made structured-clonable for the contract: references become the
 * paths (and selections) they point to; everything else passes as is (typed arrays, strings,
 * numbers, bigints, nested arrays for compounds and vlen sequences).
 *
 * The conversion follows the datatype rather than guessing from the value's shape, because
 * h5wasm 0.10.3 returns references in three shapes: a list for a reference dataset, a one-element
 * list for a scalar one, and (once compoundReferences.ts has fixed the member) a one-element
 * list for a compound member.
 */
import type { Metadata, OutputData } from 'h5wasm';
import type { NumericArray, ObjectRefValue, RegionRefValue, Value } from '../reader/contract';

/** Resolves a reference object to the path (and for regions, the selection) it points to. */
export type ResolveReference = (ref: { ref_data: Uint8Array }) => ObjectRefValue | RegionRefValue;

// HDF5 type classes (H5T_class_t).
const COMPOUND = 6;
const REFERENCE = 7;
const VLEN = 9;

function isReference(value: unknown): value is { ref_data: Uint8Array } {
  return typeof value === 'object' && value !== null && 'ref_data' in value;
}

/** One element as h5wasm returned it, converted by its datatype. */
export function elementValue(data: unknown, meta: Metadata, resolve: ResolveReference): Value {
  if (meta.type === REFERENCE) {
    const ref = Array.isArray(data) ? data[0] : data;
    return isReference(ref) ? resolve(ref) : null;
  }
  if (meta.type === COMPOUND && Array.isArray(data)) {
    const members = meta.compound_type?.members ?? [];
    return data.map((item, i) =>
      members[i] ? elementValue(item, members[i], resolve) : genericValue(item, resolve),
    );
  }
  if (meta.type === VLEN && Array.isArray(data) && meta.vlen_type) {
    const base = meta.vlen_type;
    return data.map((item) => elementValue(item, base, resolve));
  }
  return genericValue(data, resolve);
}

/**
 * A whole read (a dataset slice or an attribute) converted by its datatype: a typed array
 * stays one; a list of elements is converted element by element; a scalar read is one element.
 */
export function readValue(
  data: OutputData | null | undefined,
  meta: Metadata,
  scalar: boolean,
  resolve: ResolveReference,
): Value {
  if (data === null || data === undefined) return null;
  if (ArrayBuffer.isView(data)) return data as NumericArray;
  if (scalar) return elementValue(data, meta, resolve);
  if (!Array.isArray(data)) return genericValue(data, resolve);
  return data.map((item) => elementValue(item, meta, resolve));
}

/** Values whose datatype needs no special care. */
function genericValue(data: unknown, resolve: ResolveReference): Value {
  if (data === null || data === undefined) return null;
  if (ArrayBuffer.isView(data)) return data as NumericArray;
  if (Array.isArray(data)) return data.map((item) => genericValue(item, resolve));
  if (isReference(data)) return resolve(data);
  if (typeof data === 'object') return String(data);
  return data as Value;
}
