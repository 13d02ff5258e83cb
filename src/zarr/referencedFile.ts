/**
 * A file that a LINDI file points into (usually the HDF5 file it describes), read by byte ranges
 * through the block loader. Reads are gathered for one timer turn (zarrita asks for a selection's
 * chunks together, a pane's columns come in one burst) and planned as one burst (readPlan.ts):
 * the blocks they need, merged, and cut into as many requests as the loader runs at once (6
 * contiguous LFP chunks behind 4 requests in flight were two rounds; now one piece per request
 * the loader allows, in one round).
 *
 * Opening: the loader needs the file's size before it reads, and HttpRangeSource learns it from a
 * probe of the first 512 KiB, a round trip of its own before any wanted byte (the units table's
 * columns, deep in the file, cost two round trips where one does). Here the opening sends the
 * burst's pieces at once instead: the first one's Content-Range gives the size and its bytes
 * become the loader's primed blocks; the others are kept for the loader's reads of them.
 */
import type {
  ByteRange,
  ByteSource,
  PrimedBytes,
  RangeReadResult,
  SourceIdentity,
} from '../bytes/ByteSource';
import { raceAbort } from '../bytes/abort';
import type { BlockLoader } from '../cache/BlockLoader';
import { ExplorerError, asExplorerError } from '../errors';
import { readRange } from './loaderStore';
import { blockRanges, splitForSlots } from './readPlan';

/** Pieces shorter than this are not cut further: the time saved is below a few ms at 100 Mbit/s. */
const MIN_PIECE = 256 * 1024;

interface Wanted extends ByteRange {
  resolve(bytes: Uint8Array): void;
  reject(error: unknown): void;
  signal?: AbortSignal;
}

/** A block-aligned range of the file being read for a burst. */
interface Piece extends ByteRange {
  bytes: Promise<Uint8Array>;
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
    if (!this.gathering) {
      const batch: Wanted[] = [];
      this.gathering = batch;
      setTimeout(() => {
        this.gathering = null;
        this.answer(batch);
      }, 0);
    }
    const gathering = this.gathering;
    return raceAbort(
      new Promise<Uint8Array>((resolve, reject) =>
        gathering.push({ start, end, resolve, reject, signal }),
      ),
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

  /** Opens the file if needed (carrying the burst's pieces), reads the pieces, answers. */
  private answer(batch: Wanted[]): void {
    const bs = this.loader.blockSize;
    const slots = this.loader.maxInFlight;
    const planned = splitForSlots(blockRanges(batch, bs), slots, MIN_PIECE, bs);
    let size = this.size;
    let opening: ProbeAt | null = null;
    if (!size) {
      if (this.source.knownSize === undefined) {
        opening = new ProbeAt(this.source, planned.slice(0, slots));
      }
      size = this.open(opening ?? this.source);
      this.size = size;
    }
    // Each read of the burst is assembled from the pieces; nothing else loads their blocks (the
    // loader hands primed blocks out once). They are loaded last to first: a load starting where
    // the previous one ended makes the loader add read-ahead, which for a piece the opening
    // already sent would be one request more, after it.
    const abandoned = abandonedWhenAllAre(batch);
    const pieces: Piece[] = [...planned]
      .reverse()
      .map((range) => ({ ...range, bytes: this.readPiece(size, range, abandoned.signal) }));
    void Promise.allSettled(pieces.map((p) => p.bytes)).then(() => {
      abandoned.dispose();
      opening?.dropKept(); // pieces nobody read (their readers gave up) are not kept for good
    });
    for (const w of batch) this.assemble(size, pieces, w).then(w.resolve, w.reject);
  }

  /** A piece's bytes, cut at the end of the file. */
  private async readPiece(
    size: Promise<number>,
    range: ByteRange,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    const total = await size;
    const end = Math.min(range.end, total);
    if (end <= range.start) return new Uint8Array(0);
    return readRange(this.loader, this.fileId, range.start, end, signal, true);
  }

  /** One read's bytes from the pieces that hold them. */
  private async assemble(size: Promise<number>, pieces: Piece[], w: Wanted): Promise<Uint8Array> {
    const total = await size;
    if (w.end > total) {
      throw new ExplorerError(
        'truncated',
        `bytes ${w.start}-${w.end - 1} are past the end of ${this.name} (${total} bytes).`,
      );
    }
    const parts = pieces.filter((p) => p.start < w.end && p.end > w.start);
    const out = new Uint8Array(w.end - w.start);
    for (const p of parts) {
      const bytes = await p.bytes;
      const from = Math.max(w.start, p.start);
      const to = Math.min(w.end, p.start + bytes.byteLength);
      if (to > from) out.set(bytes.subarray(from - p.start, to - p.start), from - w.start);
    }
    return out;
  }
}

/**
 * A signal that aborts once every read of the burst has been given up (a pane went away), and
 * the function that unhooks it from the reads' signals (which may outlive the burst).
 */
function abandonedWhenAllAre(batch: Wanted[]): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const unhooks: (() => void)[] = [];
  const dispose = () => unhooks.forEach((unhook) => unhook());
  // One read nobody can cancel: the burst is never abandoned.
  if (batch.some((w) => !w.signal)) return { signal: controller.signal, dispose };
  let left = batch.length;
  const onAbort = () => {
    if (--left === 0) controller.abort();
  };
  for (const { signal } of batch) {
    if (signal!.aborted) onAbort();
    else {
      signal!.addEventListener('abort', onAbort, { once: true });
      unhooks.push(() => signal!.removeEventListener('abort', onAbort));
    }
  }
  return { signal: controller.signal, dispose };
}

/**
 * A source whose identify() sends the burst's first pieces at once rather than a probe at byte 0:
 * the first answer's Content-Range gives the size and its bytes the primed blocks; the others are
 * kept for the loader's reads of those ranges (counted by the loader when it reads them). Falls
 * back to the source's own probe when the first piece passes the end of the file or the size is
 * not shown.
 */
class ProbeAt implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  private primed: PrimedBytes | null = null;
  private kept: { range: ByteRange; result: Promise<RangeReadResult> }[] | null = null;

  constructor(
    private readonly inner: ByteSource,
    private readonly pieces: ByteRange[],
  ) {
    this.key = inner.key;
    this.displayName = inner.displayName;
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    // Once, also when the loader retries identify().
    this.kept ??= this.pieces.slice(1).map((range) => {
      const result = this.inner.read(range);
      result.catch(() => undefined); // a failed piece is read again by read()
      return { range, result };
    });
    try {
      const result = await this.inner.read(this.pieces[0], signal);
      if (result.seen.size !== undefined) {
        this.primed = { start: this.pieces[0].start, ...result };
        return { key: this.key, size: result.seen.size, validator: result.seen.validator ?? null };
      }
    } catch (e) {
      if (asExplorerError(e).code !== 'truncated') throw e;
    }
    return this.inner.identify(signal);
  }

  dropKept(): void {
    this.kept = [];
  }

  takePrimed(): PrimedBytes | null {
    const primed = this.primed ?? this.inner.takePrimed?.() ?? null;
    this.primed = null;
    return primed;
  }

  /** A range starting in a kept piece is answered from it (the rest, if any, fetched). */
  async read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    const i = this.kept?.findIndex(
      (k) => range.start >= k.range.start && range.start < k.range.end,
    );
    if (i === undefined || i < 0) return this.inner.read(range, signal);
    const { range: held, result } = this.kept![i];
    this.kept!.splice(i, 1);
    let got: RangeReadResult;
    try {
      got = await raceAbort(result, signal);
    } catch (e) {
      if (signal?.aborted) throw e;
      return this.inner.read(range, signal);
    }
    const upTo = Math.min(range.end, held.start + got.data.byteLength);
    const head = got.data.subarray(range.start - held.start, upTo - held.start);
    if (upTo >= range.end) return { data: head.slice(), seen: got.seen };
    const rest = await this.inner.read({ start: upTo, end: range.end }, signal);
    const data = new Uint8Array(range.end - range.start);
    data.set(head);
    data.set(rest.data, head.byteLength);
    return { data, seen: rest.seen };
  }
}
