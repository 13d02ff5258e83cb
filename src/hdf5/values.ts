/**
 * h5wasm's output values, made structured-clonable for the contract: references become the
 * paths they point to; everything else passes as is (typed arrays, strings, numbers, bigints,
 * nested arrays for compounds and vlen sequences).
 */
import type { OutputData } from 'h5wasm';
import type { NumericArray, ObjectRefValue, RegionRefValue, Value } from '../reader/contract';

/** Resolves a reference object to the path it points to. */
export type ResolveReference = (ref: { ref_data: Uint8Array }) => ObjectRefValue | RegionRefValue;

function isReference(value: unknown): value is { ref_data: Uint8Array } {
  return typeof value === 'object' && value !== null && 'ref_data' in value;
}

export function toValue(data: OutputData | null | undefined, resolve: ResolveReference): Value {
  if (data === null || data === undefined) return null;
  if (ArrayBuffer.isView(data)) return data as NumericArray;
  if (Array.isArray(data)) return data.map((item) => toValue(item as OutputData, resolve));
  if (isReference(data)) return resolve(data);
  if (typeof data === 'object') return String(data);
  return data;
}
