/**
 * The block loader's counters, its current activity in words, and its warnings (problems that
 * did not fail a read), published to listeners at a bounded rate.
 */
import { formatBytes } from '../common/formatBytes';
import { asExplorerError } from '../errors';
import { StatsEmitter } from './StatsEmitter';
import type { LoaderStats, OutOfDateFile } from './types';

export interface BlockLoaderStats extends LoaderStats {
  warnings: string[];
  outOfDate: OutOfDateFile[];
  persistentWriteErrors: number;
}

const MAX_WARNINGS = 20;

export class LoaderMeter {
  readonly counters = {
    requests: 0,
    bytesFetched: 0,
    bytesFromPersistent: 0,
    retries: 0,
    inFlight: 0,
    persistentWriteErrors: 0,
  };
  private current: string | null = null;
  private warnings: string[] = [];
  /** Open files found changed since their blocks were cached, by file id. */
  private readonly outOfDate = new Map<string, OutOfDateFile>();
  private readonly emitter: StatsEmitter<BlockLoaderStats>;

  constructor(intervalMs = 100) {
    this.emitter = new StatsEmitter(() => this.stats(), intervalMs);
  }

  /** A request for bytes [start, end) of `name` starts. */
  requestStarted(start: number, end: number, name: string): void {
    this.counters.requests++;
    this.counters.inFlight++;
    this.current = `bytes ${formatBytes(start)}–${formatBytes(end)} of ${name}`;
    this.emitter.changed(false);
  }

  requestEnded(bytesReceived: number): void {
    this.counters.bytesFetched += bytesReceived;
    this.counters.inFlight--;
    if (this.counters.inFlight === 0) this.current = null;
    this.changed();
  }

  /** Bytes that arrived with a request counted elsewhere (the size probe). */
  probed(bytes: number): void {
    this.counters.requests++;
    this.counters.bytesFetched += bytes;
  }

  warn(what: string, error: unknown): void {
    const message = `${what}: ${asExplorerError(error).message}`;
    this.warnings = [...this.warnings, message].slice(-MAX_WARNINGS);
    this.changed();
  }

  /** An open file turned out to be an old copy; said until the file is closed (reopened). */
  markOutOfDate(fileId: string, file: OutOfDateFile): void {
    this.outOfDate.set(fileId, { ...file, fileId });
    this.changed();
  }

  closed(fileId: string): void {
    if (this.outOfDate.delete(fileId)) this.changed();
  }

  /** Something changed; reported at once when nothing is in flight. */
  changed(): void {
    this.emitter.changed(this.counters.inFlight === 0);
  }

  stats(): BlockLoaderStats {
    const { persistentWriteErrors, ...c } = this.counters;
    return {
      ...c,
      current: this.current,
      warnings: [...this.warnings],
      outOfDate: [...this.outOfDate.values()],
      persistentWriteErrors,
    };
  }

  onStats(listener: (s: LoaderStats) => void): () => void {
    return this.emitter.subscribe(listener);
  }
}
