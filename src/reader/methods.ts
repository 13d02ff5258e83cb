/**
 * The one list of DataReader methods that read, from which the worker API's per-file functions
 * and the client's remote reader are both derived.
 *
 * To add a method (an envelope reduction, many slices in one call, ...):
 *   1. declare it in `DataReader` (contract.ts) with `options?: ReadOptions` as its LAST argument;
 *   2. add it below with the number of arguments before its options (the compiler refuses the
 *      list until every contract method is in it, and refuses a name the contract lacks);
 *   3. implement it in each backend (or delegate to a backend-neutral function in src/reader/).
 * Nothing in src/workers changes: the worker host serves it and the remote reader forwards it,
 * carrying the call's signal across the boundary. Arguments and results must be
 * structured-clonable; typed arrays in results are transferred, not copied.
 */
import type { DataReader, ReadOptions } from './contract';

/** Methods that read a file: every DataReader method except `summary` and `close`. */
export type ReaderMethod = Exclude<keyof DataReader, 'summary' | 'close'>;

/** Each reading method and how many arguments come before its options. */
export const readerMethodArity = {
  listChildren: 1,
  getAttributes: 1,
  getKind: 1,
  describeDataset: 1,
  readSlice: 2,
  readSlices: 1,
  reduceMinMax: 2,
} as const satisfies Record<ReaderMethod, number>;

export const readerMethods = Object.keys(readerMethodArity) as ReaderMethod[];

export type ReaderArgs<M extends ReaderMethod> = Parameters<DataReader[M]>;
export type ReaderResult<M extends ReaderMethod> = Awaited<ReturnType<DataReader[M]>>;

/** A method's arguments split into those before its options and the options themselves. */
export function splitOptions(
  method: ReaderMethod,
  args: readonly unknown[],
): { positional: unknown[]; options: (ReadOptions & Record<string, unknown>) | undefined } {
  const count = readerMethodArity[method];
  const options = args[count] as (ReadOptions & Record<string, unknown>) | undefined;
  return { positional: args.slice(0, count), options };
}

/** Calls `method` on a reader with its positional arguments and the given options. */
export function callReader<M extends ReaderMethod>(
  reader: DataReader,
  method: M,
  positional: readonly unknown[],
  options: ReadOptions & Record<string, unknown>,
): Promise<ReaderResult<M>> {
  // The arity table ties each method to its argument count; TypeScript cannot follow a spread
  // of unknown[] into a union of signatures, hence the one cast.
  const fn = reader[method] as (...args: unknown[]) => Promise<ReaderResult<M>>;
  return fn.call(reader, ...positional, options);
}
