/**
 * Results cached per open file (per DataReader) under a key, shared between callers. A failed or
 * aborted load is forgotten, so the next caller tries again instead of inheriting the failure.
 */
import type { DataReader } from '../../reader/contract';

const perReader = new WeakMap<DataReader, Map<string, Promise<unknown>>>();

export function memoPerReader<T>(
  reader: DataReader,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let cache = perReader.get(reader);
  if (!cache) {
    cache = new Map();
    perReader.set(reader, cache);
  }
  const hit = cache.get(key);
  if (hit) return hit as Promise<T>;
  const promise = load();
  cache.set(key, promise);
  promise.catch(() => {
    if (cache.get(key) === promise) cache.delete(key);
  });
  return promise;
}

/**
 * Waits for a shared promise on behalf of one caller: rejects with an AbortError when that
 * caller's signal fires, while the shared work goes on for the others.
 */
export function untilAborted<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortError());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

function abortError(): Error {
  return new DOMException('The read was cancelled.', 'AbortError');
}
