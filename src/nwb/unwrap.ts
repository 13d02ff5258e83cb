/**
 * Value helpers for NWB attributes. Writers differ in how they store scalars: pynwb writes true
 * scalars, matnwb 2.0b writes 1-element arrays, and some files store strings as byte arrays. These
 * helpers take whatever the reader returned and give back the plain value the NWB schema means.
 */
import type { NumericArray, Value } from '../reader/contract';

export function isNumericArray(value: unknown): value is NumericArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** A 1-element array (typed or plain) becomes its only element; anything else is returned as is. */
export function unwrapScalar(value: Value | undefined): Value | undefined {
  if (value === undefined) return undefined;
  if (Array.isArray(value) && value.length === 1) return unwrapScalar(value[0]);
  if (isNumericArray(value) && value.length === 1) return value[0] as number | bigint;
  return value;
}

/** The value as a string when it is (or wraps) a string; null otherwise. */
export function unwrapString(value: Value | undefined): string | null {
  const v = unwrapScalar(value);
  if (typeof v === 'string') return v;
  // Some writers store fixed-length strings as uint8 arrays of characters.
  if (v instanceof Uint8Array || v instanceof Int8Array) {
    return new TextDecoder().decode(Uint8Array.from(v)).replace(/\0+$/, '');
  }
  return null;
}

/** A list of strings from a string array attribute (e.g. a DynamicTable's colnames). */
export function unwrapStringList(value: Value | undefined): string[] | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    const out: string[] = [];
    for (const item of value) {
      const s = unwrapString(item);
      if (s === null) return null;
      out.push(s);
    }
    return out;
  }
  return null;
}
