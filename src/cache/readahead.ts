/**
 * Read-ahead per file: HDF5 reading a big contiguous dataset asks for block after block, each
 * a round trip. When a load starts right where the previous one ended, the window doubles (up to
 * a cap); any jump resets it, so random metadata access does not download unwanted bytes.
 */
export class ReadaheadWindow {
  private blocks: number;
  /** Last block requested by the previous load, and last block it returned (read-ahead included). */
  private lastRequested = -2;
  private lastReturned = -2;

  constructor(
    private readonly initialBlocks: number,
    private readonly maxBlocks: number,
  ) {
    this.blocks = Math.min(initialBlocks, maxBlocks);
  }

  get current(): number {
    return this.blocks;
  }

  /**
   * Called with a load's sorted requested blocks; returns how many blocks to read past its end.
   * Sequential means the load starts just after the previous load's requested end, or inside
   * the read-ahead that load brought (the caller already had some of it).
   */
  next(first: number): number {
    const sequential = first > this.lastRequested && first <= this.lastReturned + 1;
    this.blocks = sequential
      ? Math.min(this.maxBlocks, Math.max(1, this.blocks * 2))
      : Math.min(this.initialBlocks, this.maxBlocks);
    return this.blocks;
  }

  /** Records what the load asked for and what it returned. */
  record(lastRequested: number, lastReturned: number): void {
    this.lastRequested = lastRequested;
    this.lastReturned = Math.max(lastRequested, lastReturned);
  }
}
