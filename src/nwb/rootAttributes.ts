/**
 * The root's attributes, read once per open file: the file's description (describeNwbFile),
 * its type specifications (fileSpecs: the root's nwb_version) and the across-files NWB check
 * all start from them, and each attribute read is several h5wasm calls.
 */
import type { AttributeInfo, DataReader, ReadOptions } from '../reader/contract';
import { memoPerReader, untilAborted } from './types/memo';

export function rootAttributes(
  reader: DataReader,
  options?: ReadOptions,
): Promise<AttributeInfo[]> {
  // Shared by every caller on this file; one caller leaving does not cancel it for the others.
  return untilAborted(
    memoPerReader(reader, 'root-attributes', () => reader.getAttributes('/')),
    options?.signal,
  );
}
