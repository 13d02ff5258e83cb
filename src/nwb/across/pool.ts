/**
 * Runs one task per item with at most `limit` in flight, in item order of start, and stops
 * starting new ones once the signal aborts. Each task's failure is its own: the others go on.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
  signal?: AbortSignal,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      signal?.throwIfAborted();
      const index = next++;
      await task(items[index] as T, index);
    }
  };
  const lanes = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: lanes }, worker));
  signal?.throwIfAborted();
}
