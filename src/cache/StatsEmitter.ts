/** Calls listeners with fresh stats at most every `intervalMs`, and at once when idle. */

export class StatsEmitter<T> {
  private readonly listeners = new Set<(s: T) => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private lastEmit = 0;

  constructor(
    private readonly snapshot: () => T,
    private readonly intervalMs = 100,
  ) {}

  subscribe(listener: (s: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Something changed. `idle` (nothing in flight) is always reported without delay. */
  changed(idle: boolean): void {
    if (this.listeners.size === 0) return;
    const wait = this.intervalMs - (Date.now() - this.lastEmit);
    if (idle || wait <= 0) {
      this.emit();
    } else if (this.timer === null) {
      this.timer = setTimeout(() => this.emit(), wait);
    }
  }

  private emit(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.lastEmit = Date.now();
    const s = this.snapshot();
    for (const l of this.listeners) {
      try {
        l(s);
      } catch {
        // A broken listener must not break loading.
      }
    }
  }
}
