/**
 * Answers about one open file that h5wasm gave inside a synchronous call, remembered only from
 * attempts that read every byte they needed.
 *
 * In retry-on-miss mode a call that misses a block fails part-way, and the HDF5 calls it made
 * meanwhile may have answered wrongly (a link lookup that could not read its group's B-tree
 * says "no such link"); the call then runs again once the block is loaded. So what an attempt
 * learns is staged with that attempt and kept only when the caller knows the attempt was clean:
 * `Hdf5Reader.run` once `runBridged` returns (its last attempt missed nothing), a planning
 * round of `readSlices` when its probe noted no miss. An attempt that is not kept leaves nothing.
 */
export class CleanMemo<T> {
  private readonly kept = new Map<string, T>();
  /** The answers of the attempt running now (attempts are synchronous, one at a time). */
  private current: Map<string, T> | null = null;

  /**
   * Runs one synchronous attempt, whose answers go to `learnt` (not kept yet). Throws what fn
   * throws.
   */
  within<R>(learnt: Map<string, T>, fn: () => R): R {
    const previous = this.current;
    this.current = learnt;
    try {
      return fn();
    } finally {
      this.current = previous;
    }
  }

  /** Keeps what a clean attempt learnt. */
  keep(learnt: Map<string, T>): void {
    for (const [key, value] of learnt) this.kept.set(key, value);
  }

  /**
   * The answer for `key`: kept, learnt earlier in this attempt, or asked now and staged with
   * the attempt when `worthKeeping` says so (an answer that may change, such as "not found"
   * before a linked file is mounted, is not). Outside an attempt nothing is remembered.
   */
  get(key: string, ask: () => T, worthKeeping: (value: T) => boolean = () => true): T {
    if (this.kept.has(key)) return this.kept.get(key) as T;
    if (this.current?.has(key)) return this.current.get(key) as T;
    const value = ask();
    if (worthKeeping(value)) this.current?.set(key, value);
    return value;
  }

  /** Stages an answer found on the way (as `get` would have asked it). */
  learn(key: string, value: T): void {
    this.current?.set(key, value);
  }
}
