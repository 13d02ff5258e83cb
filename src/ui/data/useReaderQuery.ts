/**
 * The one data hook of the panes: a read of the open file under a key, shared and cached per
 * reader, aborted (through the contract's per-call signal) when the last component that asked
 * for it leaves. A null key means "not yet".
 *
 *   const info = useReaderQuery(`info:${path}`, (reader, signal) =>
 *     reader.describeDataset(path, { signal }));
 *
 * `useReaderFetch` is the same cache for a pane that asks imperatively for many keys (the tree
 * lists a level when it is expanded): its reads are aborted when the pane leaves.
 *
 * `now`, when given, is the answer the reader can tell at once (a return visit's kept answers,
 * readerQueries.ts `knownNow`): the first render shows it instead of a loading frame.
 */
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { DataReader } from '../../reader/contract';
import { useReaderContext } from './ReaderContext';
import { useAsync, type AsyncState } from './useAsync';

export type ReaderLoad<T> = (reader: DataReader, signal: AbortSignal) => Promise<T>;

export function useReaderQuery<T>(
  key: string | null,
  load: ReaderLoad<T>,
  now?: (reader: DataReader) => { value: T } | undefined,
): AsyncState<T> & { retry(): void } {
  const { reader, fileKey, cache } = useReaderContext();
  const scoped = key === null ? null : scopedKey(fileKey, key);
  const state = useAsync(scoped, (signal) =>
    cache.run(scoped as string, (inner) => load(reader, inner), signal),
  );
  // A value already read, or one the reader knows at once, shows without a loading frame in
  // between (one object per value, so panes can memoise on the query).
  const hit =
    state.status === 'loading' && scoped !== null
      ? (cache.peek(scoped) ?? now?.(reader))
      : undefined;
  const found = hit !== undefined;
  const hitValue = hit?.value as T | undefined;
  const retry = state.retry;
  const fromCache = useMemo(
    () => (found ? { status: 'ok' as const, data: hitValue as T, retry } : null),
    [found, hitValue, retry],
  );
  return fromCache ?? state;
}

export function useReaderFetch(): <T>(key: string, load: ReaderLoad<T>) => Promise<T> {
  const { reader, fileKey, cache } = useReaderContext();
  // Made on first use, aborted when the pane leaves (or the file changes under it).
  const controller = useRef<AbortController | null>(null);
  useEffect(
    () => () => {
      controller.current?.abort();
      controller.current = null;
    },
    [reader, fileKey, cache],
  );
  return useCallback(
    <T>(key: string, load: ReaderLoad<T>): Promise<T> => {
      controller.current ??= new AbortController();
      return cache.run(
        scopedKey(fileKey, key),
        (inner) => load(reader, inner),
        controller.current.signal,
      );
    },
    [reader, fileKey, cache],
  );
}

function scopedKey(fileKey: string, key: string): string {
  return `${fileKey}\u0000${key}`;
}
