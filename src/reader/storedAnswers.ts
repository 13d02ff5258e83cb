/**
 * Answers kept across visits, so a return visit paints before the format backend is ready.
 *
 * A DataReader's answer depends only on the file and the call: for one exact version of a file
 * (its identity: key, size, validator) the answer to `listChildren('/', {attrs})` never changes.
 * So the small answers the first screens need (listings, attributes, kinds, dataset shapes, and
 * the few values a screen shows first: a dataset's preview, a table's first rows) are worth
 * keeping per file version: on a return visit they answer at once while h5wasm loads, and
 * the real reader takes over when it is ready. Who keeps them and checks the version is the
 * loader's side (workers/answerBook.ts); this file is the backend-neutral part: which calls, under
 * which key, how big, and the reader wrappers that serve and record them.
 */
import { ExplorerError } from '../errors';
import type { DataReader, FileSummary, ReadOptions } from './contract';
import { readerMethods, splitOptions, type ReaderMethod } from './methods';

/** Calls whose answers are metadata, small and asked first by every screen. */
const METADATA_METHODS: readonly ReaderMethod[] = [
  'listChildren',
  'getAttributes',
  'getKind',
  'describeDataset',
];
/** Calls whose answers are values: kept only when small (a preview, a page of rows). */
const VALUE_METHODS: readonly ReaderMethod[] = ['readSlice', 'readSlices'];

/** The calls whose answers are kept. */
export const STORED_METHODS: readonly ReaderMethod[] = [...METADATA_METHODS, ...VALUE_METHODS];

/** An answer bigger than this (a group of many thousand children) is not kept. */
export const MAX_ANSWER_BYTES = 256 * 1024;
/** Answers kept per file version: the first screens, not a copy of the file's metadata. */
export const MAX_FILE_ANSWER_BYTES = 1024 * 1024;
/** A value answer bigger than this is not kept: a preview of 1,000 numbers is 8 KB. */
export const MAX_VALUE_ANSWER_BYTES = 64 * 1024;
/** What value answers may take of a file's budget, so they never crowd out its metadata. */
export const MAX_FILE_VALUE_BYTES = 256 * 1024;

/** The method a kept answer's key names (answerKey); null for a key answerKey did not write. */
function methodOfKey(key: string): ReaderMethod | null {
  try {
    return (JSON.parse(key) as [ReaderMethod])[0];
  } catch {
    return null;
  }
}

const isValueRead = (method: ReaderMethod | null) =>
  method !== null && VALUE_METHODS.includes(method);

/** The largest answer of this kind of call that is kept. */
function maxAnswerBytes(method: ReaderMethod | null): number {
  return isValueRead(method) ? MAX_VALUE_ANSWER_BYTES : MAX_ANSWER_BYTES;
}

/** One key per call: the method and its arguments, the signal and callbacks left out. */
export function answerKey(method: ReaderMethod, args: readonly unknown[]): string | null {
  if (!STORED_METHODS.includes(method)) return null;
  const { positional, options } = splitOptions(method, args);
  // The stored methods take no option but `attrs` (besides the signal). Attribute names are a
  // set: their order does not change the answer.
  const attrs = Array.isArray(options?.attrs) ? [...(options.attrs as string[])].sort() : undefined;
  return JSON.stringify([method, positional, attrs ?? null]);
}

/** Roughly the bytes an answer takes once stored (strings as UTF-16, numbers as 8 bytes). */
export function answerBytes(value: unknown, depth = 0): number {
  if (depth > 32) return Infinity;
  if (value === null || value === undefined) return 1;
  if (typeof value === 'string') return 2 * value.length;
  if (typeof value !== 'object') return 8;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  let bytes = 8;
  const parts = Array.isArray(value) ? value : Object.entries(value as object).flat();
  for (const part of parts) bytes += answerBytes(part, depth + 1);
  return bytes;
}

/**
 * Kept answers of one file version, in the order they were first given, within a budget (value
 * answers within a part of it).
 */
export class AnswerSet {
  private readonly answers = new Map<string, unknown>();
  private total = 0;
  private valueTotal = 0;

  constructor(
    entries: Iterable<readonly [string, unknown]> = [],
    private readonly budget = MAX_FILE_ANSWER_BYTES,
  ) {
    for (const [key, value] of entries) this.add(key, value);
  }

  get size(): number {
    return this.answers.size;
  }

  get bytes(): number {
    return this.total;
  }

  get(key: string): { value: unknown } | undefined {
    return this.answers.has(key) ? { value: this.answers.get(key) } : undefined;
  }

  /** Keeps an answer unless it is known or would not fit; says whether it was kept. */
  add(key: string, value: unknown): boolean {
    if (this.answers.has(key)) return false;
    const method = methodOfKey(key);
    const isValue = isValueRead(method);
    const bytes = answerBytes(value) + 2 * key.length;
    if (bytes > maxAnswerBytes(method) || this.total + bytes > this.budget) return false;
    if (isValue && this.valueTotal + bytes > MAX_FILE_VALUE_BYTES) return false;
    this.answers.set(key, value);
    this.total += bytes;
    if (isValue) this.valueTotal += bytes;
    return true;
  }

  entries(): [string, unknown][] {
    return [...this.answers];
  }
}

/** Where the kept answers of one open file are (the loader's side, across a worker boundary). */
export interface KeptAnswers {
  /** The answer kept for this call, if any, and only while the file version is the kept one. */
  answer(key: string): Promise<{ value: unknown } | undefined>;
  /** The same, known at once when the answers are in this thread (a render can use it). */
  answerNow?(key: string): { value: unknown } | undefined;
  /** Answers the real reader gave, to keep for the next visit. */
  keep(entries: [string, unknown][]): void;
}

/**
 * A reader that records the answers of the kept kinds as `reader` gives them (batched: a tree
 * level's listings go in one message).
 */
export function withAnswerRecording(
  reader: DataReader,
  kept: Pick<KeptAnswers, 'keep'>,
  batchMs = 200,
): DataReader {
  let batch: [string, unknown][] = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  const record = (method: ReaderMethod, key: string, value: unknown) => {
    if (answerBytes(value) > maxAnswerBytes(method)) return;
    batch.push([key, value]);
    timer ??= setTimeout(() => {
      const sent = batch;
      batch = [];
      timer = null;
      kept.keep(sent);
    }, batchMs);
  };
  return wrapMethods(reader, (method, args, call) => {
    const key = answerKey(method, args);
    const answer = call();
    if (key !== null)
      answer.then(
        (value) => record(method, key, value),
        () => undefined,
      );
    return answer;
  });
}

/** A reader that can tell some answers at once, without waiting a turn (kept answers). */
export interface AnswersAtOnce {
  answerNow(method: ReaderMethod, args: readonly unknown[]): { value: unknown } | undefined;
}

/**
 * The answer `reader` can give at once to this call, if it is one that can (a return visit's kept
 * answers, while the real reader is not open): the first render can show it, instead of a loading
 * frame and a second render a turn later.
 */
export function answerNow(
  reader: DataReader,
  method: ReaderMethod,
  args: readonly unknown[],
): { value: unknown } | undefined {
  const atOnce = (reader as Partial<AnswersAtOnce>).answerNow;
  return atOnce ? atOnce(method, args) : undefined;
}

/**
 * The reader of a file whose kept answers were found: a kept call is answered from them while
 * `real` is not open yet; every other call (and every call once `real` is open) goes to `real`.
 * The kept answers are asked for each call, so a file found changed meanwhile answers no more
 * from them (the loader drops them when it notices).
 */
export function withKeptAnswers(
  real: Promise<DataReader>,
  kept: KeptAnswers,
  summary: FileSummary,
): DataReader & AnswersAtOnce {
  let opened: DataReader | null = null;
  real.then(
    (reader) => (opened = reader),
    () => undefined,
  );
  const reader = wrapMethods(null, async (method, args) => {
    const key = opened ? null : answerKey(method, args);
    if (key !== null) {
      const hit = await kept.answer(key).catch(() => undefined);
      if (hit) return hit.value;
    }
    const { options } = splitOptions(method, args);
    const target = await untilAborted(real, (options as ReadOptions | undefined)?.signal);
    const fn = target[method] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(target, args);
  });
  return {
    ...reader,
    summary: async () => summary,
    close: () => real.then((r) => r.close()),
    answerNow: (method, args) => {
      const key = opened ? null : answerKey(method, args);
      return key === null ? undefined : kept.answerNow?.(key);
    },
  };
}

/** `promise`, or a 'cancelled' rejection as soon as `signal` aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  const cancelled = () => new ExplorerError('cancelled', 'Cancelled.');
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Forward = (
  method: ReaderMethod,
  args: unknown[],
  call: () => Promise<unknown>,
) => Promise<unknown>;

/** Every reading method of `inner` (or of none) through `forward`; summary and close as they are. */
function wrapMethods(inner: DataReader | null, forward: Forward): DataReader {
  const methods = Object.fromEntries(
    readerMethods.map((method) => [
      method,
      (...args: unknown[]) =>
        forward(method, args, () => {
          const fn = inner![method] as (...a: unknown[]) => Promise<unknown>;
          return fn.apply(inner, args);
        }),
    ]),
  ) as Pick<DataReader, ReaderMethod>;
  return {
    ...methods,
    summary: () => inner!.summary(),
    close: () => inner!.close(),
  };
}
