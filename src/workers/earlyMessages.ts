/**
 * A worker's side of comlink for a worker whose main code loads after its first lines have run:
 * the small entry script starts the slow work at once (h5wasm's wasm compile), then imports
 * the rest, and messages the page sends meanwhile are kept and handed to comlink, in order, when
 * it starts listening. Without this they would be dispatched to no listener and lost.
 */
import type { Endpoint } from 'comlink';

type Listener = Parameters<Endpoint['addEventListener']>[1];

function deliver(listener: Listener, event: Event): void {
  if (typeof listener === 'function') listener(event);
  else listener.handleEvent(event);
}

export function keepEarlyMessages(scope: DedicatedWorkerGlobalScope): Endpoint {
  let early: MessageEvent[] | null = [];
  const keep = (event: MessageEvent) => early?.push(event);
  scope.addEventListener('message', keep);
  return {
    postMessage: (message: unknown, transfer?: Transferable[]) =>
      scope.postMessage(message, transfer ?? []),
    addEventListener(type, listener) {
      scope.addEventListener(type, listener);
      if (type !== 'message' || !early) return;
      // Synchronously, before any later message can be dispatched: the order is kept.
      scope.removeEventListener('message', keep);
      const kept = early;
      early = null;
      for (const event of kept) deliver(listener, event);
    },
    removeEventListener: (type, listener) => scope.removeEventListener(type, listener),
  };
}

/** A main module that failed to load must stop the worker visibly (the page reports it). */
export function failLoudly(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}
