/**
 * Results of reads, shared by every component that asks the same reader for the same key.
 *
 * A settled value is kept (bounded, least recently used first out) so a pane that comes back shows
 * at once. A load in flight is shared: it is aborted only when every caller waiting for it has
 * gone, so one pane leaving never cancels a read another pane still needs. Failures are not
 * kept: asking again (a Retry) runs the load again.
 */
import { ExplorerError } from '../../errors';

interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  users: number;
}

export class QueryCache {
  private readonly settled = new Map<string, unknown>();
  private readonly inFlight = new Map<string, InFlight>();

  constructor(private readonly maxEntries = 500) {}

  /** The settled value under a key, if there is one (and marks it recently used). */
  peek(key: string): { value: unknown } | undefined {
    if (!this.settled.has(key)) return undefined;
    const value = this.settled.get(key);
    this.settled.delete(key);
    this.settled.set(key, value);
    return { value };
  }

  /** Loads a key once for every caller; `signal` withdraws this caller only. */
  run<T>(key: string, load: (signal: AbortSignal) => Promise<T>, signal: AbortSignal): Promise<T> {
    const hit = this.peek(key);
    if (hit) return Promise.resolve(hit.value as T);
    let entry = this.inFlight.get(key);
    if (!entry) {
      const controller = new AbortController();
      const promise = load(controller.signal).then((value) => {
        if (this.inFlight.get(key) === entry) {
          this.inFlight.delete(key);
          this.remember(key, value);
        }
        return value;
      });
      promise.catch(() => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
      });
      entry = { promise, controller, users: 0 };
      this.inFlight.set(key, entry);
    }
    const shared = entry;
    shared.users++;
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        signal.removeEventListener('abort', leave);
        shared.users--;
        if (shared.users === 0 && this.inFlight.get(key) === shared) {
          this.inFlight.delete(key);
          shared.controller.abort();
        }
        reject(new ExplorerError('cancelled', 'Cancelled.'));
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave);
      shared.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          shared.users--;
          resolve(value as T);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          shared.users--;
          reject(error);
        },
      );
    });
  }

  /** Forgets every settled value (e.g. after the file was found to have changed). */
  clear(): void {
    this.settled.clear();
  }

  private remember(key: string, value: unknown): void {
    this.settled.set(key, value);
    while (this.settled.size > this.maxEntries) {
      const oldest = this.settled.keys().next().value as string;
      this.settled.delete(oldest);
    }
  }
}
