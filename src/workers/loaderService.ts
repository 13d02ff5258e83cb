/**
 * The asynchronous side of reading, as one object: sources, the block loader and the
 * persistent store. It runs in the fetcher worker (shared-memory mode) or inside the HDF5 worker
 * (retry-on-miss mode); either way the main thread talks to it through LoaderApi.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { createSource } from '../bytes/createSource';
import { BlockLoader } from '../cache/BlockLoader';
import type { LoaderStats, PersistentBlockStore } from '../cache/types';
import type { BlockLoaderLike } from '../hdf5/blockLoaderLike';
import { FileBytes } from '../hdf5/fileBytes';
import { CachedBlocks } from '../hdf5/layout/cachedBlocks';
import { rootListingFromBlocks } from '../hdf5/layout/firstListing';
import { OPENING_READ, openingHeadAndTail } from '../hdf5/openingBlocks';
import { markSpan } from '../perf/marks';
import type { FileSummary } from '../reader/contract';
import { answerKey } from '../reader/storedAnswers';
import { AnswerBook, type KeptFound } from './answerBook';
import type { AnswerStore } from './answerStore';

/** What the main thread asks of the loader (opening and reading go through the reading worker). */
export interface LoaderApi {
  /** Starts opening a file before its reader asks (see LoaderService.prepare). */
  prepare(fileId: string, descriptor: SourceDescriptor): void;
  stats(): LoaderStats;
  subscribeStats(listener: (stats: LoaderStats) => void): void;
  cancel(fileId?: string): void;
  close(fileId: string): void;
  clearPersistentCache(): Promise<void>;
  /**
   * The summary (and version) of a prepared file when answers were kept for the version the loader reads (a
   * return visit), else null. Known as soon as the identity is: no h5wasm needed.
   */
  keptSummary(fileId: string): Promise<KeptFound | null>;
  /** One kept answer (reader/storedAnswers.ts answerKey), while the file is the kept version. */
  keptAnswer(fileId: string, key: string): Promise<{ value: unknown } | undefined>;
  /** Answers (and the summary) the real reader gave, kept for the next visit. */
  keepAnswers(fileId: string, entries: [string, unknown][], summary?: FileSummary): void;
  /**
   * A prepared file's root listing (`listChildren('/', { attrs })`), read from its opening
   * blocks without h5wasm (hdf5/layout/firstListing.ts), as one answer under its answerKey with
   * the file's size; null when the parser declines, the file was not prepared, or answers were
   * kept for it (keptSummary has them).
   */
  firstListing(fileId: string, attrs: string[]): Promise<FirstListing | null>;
}

/** What firstListing gives: the file's size and the listing as a kept answer. */
export interface FirstListing {
  size: number;
  entries: [string, unknown][];
}

/** A part of the opening blocks prepare() loads ahead of the reader (head or tail). */
interface EarlyBlocks {
  indices: Promise<number[]>;
  blocks: Promise<Map<number, Uint8Array>>;
}

export interface LoaderServiceOptions {
  persistent: PersistentBlockStore | null;
  clearPersistent?: () => Promise<void>;
  /** Where answers are kept across visits (workers/answerBook.ts); none: not kept. */
  answers?: AnswerStore | null;
  /** When a warm open checks the file (BlockLoaderOptions.revalidateAfterMs); tests shorten it. */
  revalidateAfterMs?: number;
}

export class LoaderService implements LoaderApi, BlockLoaderLike {
  readonly loader: BlockLoader;
  private readonly answers: AnswerBook;

  constructor(private readonly options: LoaderServiceOptions) {
    this.answers = new AnswerBook(options.answers ?? null);
    const persistent =
      options.persistent &&
      forgettingAnswers(options.persistent, (key) => this.answers.forget(key));
    this.loader = new BlockLoader({ persistent, revalidateAfterMs: options.revalidateAfterMs });
  }

  /** Files prepare() started on, until closed. */
  private readonly started = new Set<string>();
  /** Identities asked for by prepare(), handed to the reader's own open once. */
  private readonly prepared = new Map<string, Promise<SourceIdentity>>();
  /**
   * The blocks HDF5 reads first, loaded by prepare() as two loads: the head (with the size probe)
   * and the tail (a little later); each handed over once, to the first load it covers.
   */
  private readonly early = new Map<string, EarlyBlocks[]>();
  /** The opening blocks of a prepared file, all of them, for firstListing (taken once). */
  private readonly opening = new Map<
    string,
    Promise<{ size: number; blocks: Map<number, Uint8Array> }>
  >();

  /**
   * Starts opening a file as soon as the main thread knows it, while the reading worker is still
   * loading h5wasm: its identity (the size probe, or IndexedDB on a return visit), then the
   * opening blocks. The reader's own open and first loads then find them in flight or done.
   */
  prepare(fileId: string, descriptor: SourceDescriptor): void {
    // Once per file: asked again (the page taking over a file this worker started on by itself,
    // earlyOpen.ts), it has nothing more to do, even after the reader's open took the identity.
    if (this.started.has(fileId)) return;
    this.started.add(fileId);
    const source = createSource(descriptor);
    const identity = markSpan('loader-identity', () =>
      this.loader.open(fileId, source, undefined, OPENING_READ),
    );
    this.answers.open(fileId, source.key, identity);
    const groups = identity.then((found) => openingHeadAndTail(found.size, this.loader.blockSize));
    const early = (['head', 'tail'] as const).map((part): EarlyBlocks => {
      const indices = groups.then((g) => g[part]);
      const blocks = indices.then((wanted) => this.loader.load(fileId, wanted));
      blocks.catch(() => undefined); // failures reach the reader through openDescriptor and load
      return { indices, blocks };
    });
    identity.catch(() => undefined);
    groups.catch(() => undefined);
    this.prepared.set(fileId, identity);
    this.early.set(fileId, early);
    const opening = Promise.all([identity, ...early.map((e) => e.blocks)]).then(
      ([found, ...parts]) => ({ size: found.size, blocks: new Map(parts.flatMap((p) => [...p])) }),
    );
    opening.catch(() => undefined);
    this.opening.set(fileId, opening);
  }

  async firstListing(fileId: string, attrs: string[]): Promise<FirstListing | null> {
    const opening = this.opening.get(fileId);
    this.opening.delete(fileId);
    // Asked beside keptSummary, not after it (one round trip less on a first visit): answers
    // kept for this version (a return visit) make the parse unneeded. The lookup ends with the
    // identity, before the opening blocks, so a first visit's parse does not wait for it.
    const [got, kept] = await Promise.all([
      opening?.catch(() => null),
      this.answers.found(fileId).catch(() => null),
    ]);
    if (!got || kept) return null;
    const { size, blocks } = got;
    const cached = new CachedBlocks((i) => blocks.get(i), this.loader.blockSize, size);
    const listing = markSpan('first-listing', async () =>
      rootListingFromBlocks(new FileBytes(cached.readAt), size, attrs),
    );
    const children = await listing;
    if (!children) return null;
    const key = answerKey('listChildren', ['/', { attrs }]);
    return key === null ? null : { size, entries: [[key, children]] };
  }

  openDescriptor(
    fileId: string,
    descriptor: SourceDescriptor,
    signal?: AbortSignal,
  ): Promise<SourceIdentity> {
    const prepared = this.prepared.get(fileId);
    if (prepared) {
      this.prepared.delete(fileId);
      return prepared;
    }
    return markSpan('loader-identity', () =>
      this.loader.open(fileId, createSource(descriptor), signal, OPENING_READ),
    );
  }

  async load(
    fileId: string,
    indices: number[],
    signal?: AbortSignal,
  ): Promise<Map<number, Uint8Array>> {
    const found = new Map<number, Uint8Array>();
    for (const early of this.early.get(fileId) ?? []) {
      const group = await early.indices.catch(() => [] as number[]);
      if (!indices.some((i) => group.includes(i))) continue;
      this.takeEarly(fileId, early);
      // The whole group, extra blocks included (callers take them: BlockLoader's read-ahead
      // hands out more than asked, too).
      const blocks = await early.blocks.catch(() => null);
      for (const [i, block] of blocks ?? []) found.set(i, block);
    }
    const rest = indices.filter((i) => !found.has(i));
    if (rest.length === 0) return found;
    const loaded = await this.loader.load(fileId, rest, signal);
    if (found.size === 0) return loaded;
    for (const [i, block] of loaded) found.set(i, block);
    return found;
  }

  private takeEarly(fileId: string, taken: EarlyBlocks): void {
    const left = (this.early.get(fileId) ?? []).filter((e) => e !== taken);
    if (left.length > 0) this.early.set(fileId, left);
    else this.early.delete(fileId);
  }

  stats(): LoaderStats {
    return this.loader.stats();
  }

  subscribeStats(listener: (stats: LoaderStats) => void): void {
    this.loader.onStats(listener);
    // Work may have started before the subscription (prepare): report where it stands now.
    listener(this.loader.stats());
  }

  cancel(fileId?: string): void {
    this.loader.cancel(fileId);
  }

  close(fileId: string): void {
    this.started.delete(fileId);
    this.prepared.delete(fileId);
    this.early.delete(fileId);
    this.opening.delete(fileId);
    this.loader.close(fileId);
    void this.answers.close(fileId);
  }

  async clearPersistentCache(): Promise<void> {
    await Promise.all([this.options.clearPersistent?.(), this.answers.clear()]);
  }

  async keptSummary(fileId: string): Promise<KeptFound | null> {
    const found = await markSpan('kept-answers', () => this.answers.found(fileId));
    // Answers kept: the client opens from them and asks for no first listing; the opening
    // blocks held for one are let go (the loader and the reader keep their own).
    if (found) this.opening.delete(fileId);
    return found;
  }

  keptAnswer(fileId: string, key: string): Promise<{ value: unknown } | undefined> {
    return this.answers.answer(fileId, key);
  }

  keepAnswers(fileId: string, entries: [string, unknown][], summary?: FileSummary): void {
    void this.answers.keep(fileId, this.loader.identityOf(fileId), entries, summary);
  }
}

/** The block store, whose `forget` (a file changed on the server) drops its kept answers too. */
function forgettingAnswers(
  store: PersistentBlockStore,
  forgetAnswers: (key: string) => Promise<void>,
): PersistentBlockStore {
  return {
    getBlocks: (identity, indices) => store.getBlocks(identity, indices),
    putBlocks: (identity, blocks) => store.putBlocks(identity, blocks),
    getRememberedIdentity: (key) => store.getRememberedIdentity(key),
    rememberIdentity: (identity) => store.rememberIdentity(identity),
    forget: async (key) => {
      await Promise.all([store.forget(key), forgetAnswers(key)]);
    },
  };
}
