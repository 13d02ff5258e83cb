/** Small helpers so every layer turns an abort into ExplorerError('cancelled') the same way. */
import { ExplorerError } from '../errors';

export function cancelledError(): ExplorerError {
  return new ExplorerError('cancelled', 'Cancelled.');
}

export function throwIfAborted(signal?: AbortSignal | null): void {
  if (signal?.aborted) throw cancelledError();
}

/**
 * A controller that aborts when any parent signal aborts. Written by hand because
 * AbortSignal.any is missing from older Safari; returns a dispose function that unhooks the
 * listeners so long-lived parent signals do not collect them.
 */
export function linkedController(...parents: (AbortSignal | null | undefined)[]): {
  controller: AbortController;
  dispose: () => void;
} {
  const controller = new AbortController();
  const unhooks: (() => void)[] = [];
  for (const parent of parents) {
    if (!parent) continue;
    if (parent.aborted) {
      controller.abort(parent.reason);
      break;
    }
    const onAbort = () => controller.abort(parent.reason);
    parent.addEventListener('abort', onAbort, { once: true });
    unhooks.push(() => parent.removeEventListener('abort', onAbort));
  }
  return { controller, dispose: () => unhooks.forEach((u) => u()) };
}

/** Waits, or rejects with 'cancelled' as soon as the signal aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(cancelledError());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The promise's outcome, or 'cancelled' as soon as the signal aborts (the work itself goes on). */
export function raceAbort<T>(promise: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return promise;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelledError());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
