/**
 * The one data hook of the panes: a read of the open file under a key, shared and cached per
 * reader, aborted (through the contract's per-call signal) when the last component that asked
 * for it leaves. A null key means "not yet".
 *
 *   const info = useReaderQuery(`info:${path}`, (reader, signal) =>
 *     reader.describeDataset(path, { signal }));
 */
import type { DataReader } from '../../reader/contract';
import { useReaderContext } from './ReaderContext';
import { useAsync, type AsyncState } from './useAsync';

export function useReaderQuery<T>(
  key: string | null,
  load: (reader: DataReader, signal: AbortSignal) => Promise<T>,
): AsyncState<T> & { retry(): void } {
  const { reader, fileKey, cache } = useReaderContext();
  const scoped = key === null ? null : `${fileKey}\u0000${key}`;
  const state = useAsync(scoped, (signal) =>
    cache.run(scoped as string, (inner) => load(reader, inner), signal),
  );
  // A value already read shows at once, without a loading frame in between.
  if (state.status === 'loading' && scoped !== null) {
    const hit = cache.peek(scoped);
    if (hit) return { status: 'ok', data: hit.value as T, retry: state.retry };
  }
  return state;
}
