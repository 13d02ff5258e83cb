/**
 * Deduplication of in-flight blocks: one pending promise per wanted block, shared by every load
 * that asks for it, with a count of the loads still waiting (a request nobody waits for any
 * more is aborted; see BlockLoader.abortUnwanted).
 */
import type { ExplorerError } from '../errors';

export interface Pending {
  promise: Promise<Uint8Array>;
  resolve(data: Uint8Array): void;
  reject(error: ExplorerError): void;
  /** Loads waiting for this block now. */
  waiters: number;
}

export function newPending(): Pending {
  let resolve!: (d: Uint8Array) => void;
  let reject!: (e: ExplorerError) => void;
  const promise = new Promise<Uint8Array>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A block nobody waits for any more may still fail: that must not be an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject, waiters: 0 };
}
