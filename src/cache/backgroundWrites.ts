/** Writes that run in the background (persisting blocks), so tests and shutdown can wait for them. */
export class BackgroundWrites {
  private readonly pending = new Set<Promise<void>>();

  /** Tracks a write that never rejects (its failures are handled by the caller). */
  add(write: Promise<void>): void {
    this.pending.add(write);
    void write.finally(() => this.pending.delete(write));
  }

  /** Resolves once every write added so far, and any added meanwhile, has settled. */
  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }
}
