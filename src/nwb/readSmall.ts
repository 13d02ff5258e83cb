/**
 * Reads of small values through the contract: a scalar (or 1-element) dataset, as written by
 * pynwb (true scalars) and matnwb (1-element arrays). Used for session fields and cached specs.
 */
import type { DataReader, ReadOptions, Value } from '../reader/contract';
import { unwrapString } from './unwrap';

/** Values of a dataset of at most `maxElements` elements; null when it is bigger or not one. */
export async function readSmallDataset(
  reader: DataReader,
  path: string,
  maxElements: number,
  options?: ReadOptions,
): Promise<Value[] | null> {
  const info = await reader.describeDataset(path, options);
  if (info.shape === null || info.elementCount > maxElements) return null;
  const slice = await reader.readSlice(
    path,
    info.shape.map((size) => ({ start: 0, stop: size })),
    options,
  );
  return Array.isArray(slice.values)
    ? slice.values
    : Array.from(slice.values as ArrayLike<number | bigint>);
}

/** A scalar or 1-element string dataset as a string; null when it is not one. */
export async function readScalarString(
  reader: DataReader,
  path: string,
  options?: ReadOptions,
): Promise<string | null> {
  const values = await readSmallDataset(reader, path, 1, options);
  return values && values.length === 1 ? unwrapString(values[0]) : null;
}
