/**
 * The workers index.html started for a link to a file (scripts/vite-early-workers.ts: the
 * fetcher), taken over by the app's first client. One that reported an error before the app listened is
 * ended and not taken: the client starts its own.
 */
import type { AdoptedWorker, WorkerName } from '../workers/workerSession';

interface EarlyWorker {
  worker: Worker;
  /** What the worker reported before the app listened (it did not load); null: nothing. */
  failure: string | null;
  /** The link's file the worker was told to open as it starts (workers/earlyOpen.ts). */
  opened: string | null;
  /** Ends index.html's own watch over the worker: the session's takes over. */
  release(): void;
}

declare global {
  interface Window {
    __nwbeEarlyWorkers?: Partial<Record<WorkerName, EarlyWorker>>;
  }
}

/**
 * The early worker of that name, once, with the file it was told to open; null when there is
 * none, or it failed.
 */
export function takeEarlyWorker(name: WorkerName): AdoptedWorker | null {
  const early = window.__nwbeEarlyWorkers?.[name];
  if (!early) return null;
  delete window.__nwbeEarlyWorkers![name];
  early.release();
  if (early.failure === null) return { worker: early.worker, opened: early.opened };
  early.worker.terminate();
  return null;
}

/** Ends the early workers nobody took (the app decided the address is not a file link). */
export function dropEarlyWorkers(): void {
  for (const early of Object.values(window.__nwbeEarlyWorkers ?? {})) {
    early.release();
    early.worker.terminate();
  }
  delete window.__nwbeEarlyWorkers;
}
