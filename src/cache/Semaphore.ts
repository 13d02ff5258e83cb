/** Bounds concurrent network requests; a waiter leaves the queue when its signal aborts. */
import { cancelledError } from '../bytes/abort';

export class Semaphore {
  private active = 0;
  private readonly queue: { grant: () => void }[] = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new RangeError('Semaphore limit must be at least 1.');
  }

  get inUse(): number {
    return this.active;
  }

  /** Slots neither taken nor promised to a waiter. */
  get free(): number {
    return Math.max(0, this.limit - this.active - this.queue.length);
  }

  /** Resolves with a release function once a slot is free. */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(cancelledError());
    return new Promise((resolve, reject) => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.active--;
        this.queue.shift()?.grant();
      };
      const waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          this.active++;
          resolve(release);
        },
      };
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(cancelledError());
      };
      if (this.active < this.limit) {
        waiter.grant();
      } else {
        this.queue.push(waiter);
        signal?.addEventListener('abort', onAbort, { once: true });
      }
    });
  }
}
