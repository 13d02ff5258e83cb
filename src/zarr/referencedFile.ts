/**
 * A file that a LINDI file points into (usually the HDF5 file it describes), read by byte ranges
 * through the block loader, with the first reads riding on the request that opens it.
 *
 * Why: the loader needs a file's size before it reads, and HttpRangeSource learns it from a
 * probe of the first 512 KiB, a round trip of its own before any wanted byte (the units table's
 * columns, deep in the file, cost two round trips where one does). Here the reads that arrive
 * while the file is unopened (zarrita asks for a selection's chunks together, a pane's columns
 * come in one burst) are gathered for one timer turn, and the opening request reads the
 * block-aligned span holding most of them, at most as many bytes as the usual probe, instead of
 * byte 0. Its Content-Range gives the size; its bytes become the loader's primed blocks.
 */
import type {
  ByteRange,
  ByteSource,
  PrimedBytes,
  RangeReadResult,
  SourceIdentity,
} from '../bytes/ByteSource';
import { OPENING_PROBE_BYTES } from '../bytes/ByteSource';
import { raceAbort } from '../bytes/abort';
import type { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError, asExplorerError } from '../errors';
import { readRange } from './loaderStore';

interface Wanted extends ByteRange {
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
}

export class ReferencedFile {
  private size: Promise<number> | null = null;
  private gathering: Wanted[] | null = null;

  constructor(
    private readonly loader: BlockLoader,
    readonly fileId: string,
    private readonly source: ByteSource,
    private readonly name: string,
  ) {}

  /** Bytes [start, end) of the file. */
  read(start: number, end: number, signal?: AbortSignal): Promise<Uint8Array> {
    if (this.size) return this.readOpen(this.size, start, end, signal);
    if (!this.gathering) {
      this.gathering = [];
      setTimeout(() => this.openWith(this.gathering!), 0);
    }
    const gathering = this.gathering;
    return raceAbort(
      new Promise<Uint8Array>((resolve, reject) => gathering.push({ start, end, resolve, reject })),
      signal,
    );
  }

  /** The whole file (a reference without a range). */
  async readWhole(signal?: AbortSignal): Promise<Uint8Array> {
    this.size ??= this.open(this.source);
    const total = await raceAbort(this.size, signal);
    return readRange(this.loader, this.fileId, 0, total, signal);
  }

  private open(source: ByteSource): Promise<number> {
    // Shared by every reader of the file: one caller giving up does not abort it.
    const size = this.loader.open(this.fileId, source).then((identity) => identity.size);
    size.catch(() => {
      if (this.size === size) this.size = null; // a later read tries again
    });
    return size;
  }

  private async readOpen(
    size: Promise<number>,
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const total = await raceAbort(size, signal);
    if (end > total) {
      throw new ExplorerError(
        'truncated',
        `bytes ${start}-${end - 1} are past the end of ${this.name} (${total} bytes).`,
      );
    }
    return readRange(this.loader, this.fileId, start, end, signal);
  }

  /** Opens the file with one request for the densest span of the gathered reads, then answers them. */
  private openWith(batch: Wanted[]): void {
    this.gathering = null;
    if (this.size) {
      for (const w of batch) this.readOpen(this.size, w.start, w.end).then(w.resolve, w.reject);
      return;
    }
    const bs = this.loader.blockSize;
    const span = densestSpan(batch, bs, Math.max(OPENING_PROBE_BYTES, bs));
    const source =
      this.source.knownSize === undefined ? new ProbeAt(this.source, span) : this.source;
    const size = this.open(source);
    this.size = size;
    // The span is read once, before anything else can take its blocks (they are primed: no
    // request; the loader hands each primed block out once). Each gathered read takes its part of
    // the span from it and reads only what lies outside through the loader.
    const spanBytes = size.then((total) =>
      readRange(this.loader, this.fileId, span.start, Math.min(span.end, total)),
    );
    for (const w of batch) {
      const overlaps = w.start < span.end && w.end > span.start;
      const read = overlaps
        ? this.readAround(size, spanBytes, span.start, w.start, w.end)
        : this.readOpen(size, w.start, w.end);
      read.then(w.resolve, w.reject);
    }
  }

  /** Bytes [start, end): what the span holds from its bytes, the rest through the loader. */
  private async readAround(
    size: Promise<number>,
    spanBytes: Promise<Uint8Array>,
    spanStart: number,
    start: number,
    end: number,
  ): Promise<Uint8Array> {
    const bytes = await spanBytes;
    const from = Math.max(start, spanStart);
    const to = Math.min(end, spanStart + bytes.byteLength);
    if (from >= to) return this.readOpen(size, start, end);
    const [left, right] = await Promise.all([
      start < from ? this.readOpen(size, start, from) : null,
      to < end ? this.readOpen(size, to, end) : null,
    ]);
    const middle = bytes.subarray(from - spanStart, to - spanStart);
    if (!left && !right) return middle.slice();
    const out = new Uint8Array(end - start);
    if (left) out.set(left, 0);
    out.set(middle, from - start);
    if (right) out.set(right, to - start);
    return out;
  }
}

/**
 * The block-aligned span, at most `limit` bytes unless one read alone is longer, that covers the
 * most of `ranges` (ties: the earliest).
 */
export function densestSpan(
  ranges: readonly ByteRange[],
  blockSize: number,
  limit: number,
): ByteRange {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const floor = (n: number) => Math.floor(n / blockSize) * blockSize;
  const ceil = (n: number) => Math.ceil(n / blockSize) * blockSize;
  let best: ByteRange = { start: floor(sorted[0].start), end: ceil(sorted[0].end) };
  let bestCount = 1;
  for (let i = 0; i < sorted.length; i++) {
    const start = floor(sorted[i].start);
    let end = ceil(sorted[i].end);
    let count = 1;
    for (let j = i + 1; j < sorted.length; j++) {
      const next = Math.max(end, ceil(sorted[j].end));
      if (next - start > limit) continue;
      end = next;
      count++;
    }
    if (count > bestCount) {
      best = { start, end };
      bestCount = count;
    }
  }
  return best;
}

/**
 * A source whose identify() reads `span` rather than the start of the file. Falls back to the
 * source's own probe when the span passes the end of the file or the size is not shown.
 */
class ProbeAt implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  private primed: PrimedBytes | null = null;

  constructor(
    private readonly inner: ByteSource,
    private readonly span: ByteRange,
  ) {
    this.key = inner.key;
    this.displayName = inner.displayName;
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    try {
      const result = await this.inner.read(this.span, signal);
      if (result.seen.size !== undefined) {
        this.primed = { start: this.span.start, ...result };
        return { key: this.key, size: result.seen.size, validator: result.seen.validator ?? null };
      }
    } catch (e) {
      if (asExplorerError(e).code !== 'truncated') throw e;
    }
    return this.inner.identify(signal);
  }

  takePrimed(): PrimedBytes | null {
    const primed = this.primed ?? this.inner.takePrimed?.() ?? null;
    this.primed = null;
    return primed;
  }

  read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    return this.inner.read(range, signal);
  }
}
