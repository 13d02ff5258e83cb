/**
 * Serving DataReader methods across a worker boundary, shared by the HDF5 reader host and the
 * Zarr host: per-file functions `(fileId, callId, ...args)` derived from the one method list in
 * src/reader/methods.ts, each call given a signal that `abortCall(callId)` aborts, typed arrays
 * in results transferred rather than copied.
 */
import { transfer } from 'comlink';
import type { DataReader } from '../reader/contract';
import {
  callReader,
  readerMethods,
  splitOptions,
  type ReaderArgs,
  type ReaderMethod,
  type ReaderResult,
} from '../reader/methods';

/** The per-file function serving one contract method. */
export type Served<M extends ReaderMethod> = (
  fileId: string,
  callId: number,
  ...args: ReaderArgs<M>
) => Promise<ReaderResult<M>>;

export type WithCall = <T>(callId: number, work: (signal: AbortSignal) => Promise<T>) => Promise<T>;

/** Calls in progress by id; `onStart` sees each call's signal first (the HDF5 bridge tags it). */
export function createCallRegistry(onStart?: (signal: AbortSignal, callId: number) => void): {
  withCall: WithCall;
  abortCall(callId: number): void;
} {
  const calls = new Map<number, AbortController>();
  return {
    async withCall(callId, work) {
      const controller = new AbortController();
      onStart?.(controller.signal, callId);
      calls.set(callId, controller);
      try {
        return await work(controller.signal);
      } finally {
        calls.delete(callId);
      }
    },
    abortCall(callId) {
      calls.get(callId)?.abort();
    },
  };
}

/**
 * Callbacks in a call's options (an envelope's `onProgress`) cannot travel inside the options
 * object: comlink turns a marked proxy into a port only when it is a top-level argument, and a
 * function nested in an object fails to clone. On the wire each callback therefore follows the
 * options as an argument of its own, and the options name them, in order, under this key.
 */
const CALLBACK_NAMES = '__callbacks';

/**
 * The wire arguments of one call: the positional ones, the options without their functions, then
 * each function passed through `wrapCallback` (comlink's `proxy` on the client).
 */
export function packCallArgs(
  positional: readonly unknown[],
  options: Record<string, unknown> | undefined,
  wrapCallback: (fn: (...args: unknown[]) => unknown) => unknown,
): unknown[] {
  if (!options) return [...positional];
  const plain: Record<string, unknown> = {};
  const names: string[] = [];
  const callbacks: unknown[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (typeof value === 'function') {
      names.push(key);
      callbacks.push(wrapCallback(value as (...args: unknown[]) => unknown));
    } else {
      plain[key] = value;
    }
  }
  if (names.length > 0) plain[CALLBACK_NAMES] = names;
  return [...positional, plain, ...callbacks];
}

/** The inverse of packCallArgs, in the worker: positional arguments and whole options. */
export function unpackCallArgs(
  method: ReaderMethod,
  args: readonly unknown[],
): { positional: unknown[]; options: Record<string, unknown> } {
  const { positional, options } = splitOptions(method, args);
  const rebuilt: Record<string, unknown> = { ...(options ?? {}) };
  const names = rebuilt[CALLBACK_NAMES];
  delete rebuilt[CALLBACK_NAMES];
  if (Array.isArray(names)) {
    const callbacks = args.slice(positional.length + 1);
    names.forEach((name, i) => {
      if (typeof name === 'string' && callbacks[i] !== undefined) rebuilt[name] = callbacks[i];
    });
  }
  return { positional, options: rebuilt };
}

/** One served function per reading method of the contract, over the reader a file id names. */
export function serveReaderMethods(
  readerOf: (fileId: string) => DataReader,
  withCall: WithCall,
): { [M in ReaderMethod]: Served<M> } {
  const serve =
    <M extends ReaderMethod>(method: M): Served<M> =>
    (fileId, callId, ...args) =>
      withCall(callId, (signal) => {
        const { positional, options } = unpackCallArgs(method, args);
        return callReader(readerOf(fileId), method, positional, { ...options, signal }).then(
          transferTypedArrays,
        );
      });
  // Built from the list at run time; the mapped type says what the list guarantees.
  return Object.fromEntries(readerMethods.map((m) => [m, serve(m)])) as {
    [M in ReaderMethod]: Served<M>;
  };
}

/**
 * Marks the typed arrays of a result for transfer (never copied twice). A view on part of a
 * larger buffer is copied once so that it owns its buffer. Looks only at a result's top level,
 * its `values`, and the same inside an array of results (many slices in one call).
 */
export function transferTypedArrays<T>(result: T): T {
  const buffers = new Set<ArrayBuffer>();
  const own = (holder: { values?: unknown }) => {
    const values = holder.values;
    if (!ArrayBuffer.isView(values)) return;
    const whole = values.byteOffset === 0 && values.byteLength === values.buffer.byteLength;
    const owned = whole ? values : (values as unknown as { slice(): ArrayBufferView }).slice();
    holder.values = owned;
    buffers.add(owned.buffer as ArrayBuffer);
  };
  const holders = Array.isArray(result) ? result : [result];
  for (const holder of holders) {
    if (holder && typeof holder === 'object' && 'values' in holder) own(holder);
  }
  return buffers.size > 0 ? transfer(result, [...buffers]) : result;
}
