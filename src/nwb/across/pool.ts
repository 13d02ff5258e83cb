/**
 * Runs one task per item with at most `limit` in flight, in item order of start, and stops
 * starting new ones once the signal aborts. Each task's failure is its own: the others go on.
 *
 * With `prefetch`, each task that starts also starts the cheap first step (`start`) of the items
 * up to `ahead` places after it, which no lane has taken yet: across files that step is opening
 * the file, one or two requests that then wait on the network while the lanes decode what has
 * arrived, instead of every lane waiting for its own file in turn.
 */
export interface Prefetch<T> {
  ahead: number;
  start(item: T, index: number): void;
}

export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
  prefetch?: Prefetch<T>,
): Promise<void> {
  let next = 0;
  let prefetched = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const index = next++;
      if (prefetch) {
        const until = Math.min(items.length, index + 1 + prefetch.ahead);
        for (prefetched = Math.max(prefetched, index + 1); prefetched < until; prefetched++)
          prefetch.start(items[prefetched] as T, prefetched);
      }
      await task(items[index] as T, index);
    }
  };
  const lanes = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  signal?.throwIfAborted();
}
