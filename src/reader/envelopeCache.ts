/**
 * Finished min/max envelopes kept across visits: `withEnvelopeCache(reader, store, fileKey)` is the
 * same DataReader whose `reduceMinMax` first looks in `store` under the file's identity, the
 * dataset path and the request, and stores every complete result it computes. A second visit to
 * the whole-recording overview then draws at once, with no read at all.
 */
import type { DataReader, MinMaxEnvelope, MinMaxRequest } from './contract';

/** Where envelopes persist (IndexedDB in the browser, a Map in tests and benchmarks). */
export interface EnvelopeStore {
  get(key: string): Promise<MinMaxEnvelope | undefined>;
  set(key: string, envelope: MinMaxEnvelope): Promise<void>;
  /** Forgets every envelope (the app's "Clear cache"). */
  clear(): Promise<void>;
}

/** Stored envelopes are kept within this many bytes, oldest out first. */
export const DEFAULT_ENVELOPE_BUDGET_BYTES = 256 * 1024 * 1024;

/** One stored envelope in a bounded store's index. */
export interface EnvelopeIndexEntry {
  key: string;
  bytes: number;
  storedAt: number;
}

/** Bytes an envelope takes once stored (its arrays; the few numbers beside them are noise). */
export function envelopeBytes(envelope: MinMaxEnvelope): number {
  return envelope.min.byteLength + envelope.max.byteLength + envelope.filled.byteLength;
}

/**
 * Which entries stay and which go so that `bytes` more fit in `budget`: the oldest go first, and
 * an entry under the same key (being replaced) goes in any case.
 */
export function makeRoom(
  index: readonly EnvelopeIndexEntry[],
  key: string,
  bytes: number,
  budget: number,
): { kept: EnvelopeIndexEntry[]; evicted: string[] } {
  const others = index.filter((e) => e.key !== key).sort((a, b) => a.storedAt - b.storedAt);
  const evicted = index.some((e) => e.key === key) ? [key] : [];
  let total = others.reduce((sum, e) => sum + e.bytes, 0) + bytes;
  while (others.length > 0 && total > budget) {
    const oldest = others.shift()!;
    total -= oldest.bytes;
    evicted.push(oldest.key);
  }
  return { kept: others, evicted: evicted.filter((k) => k !== key) };
}

export function envelopeKey(fileKey: string, path: string, request: MinMaxRequest): string {
  const columns = request.columns ? `${request.columns.start}-${request.columns.stop}` : 'all';
  return [fileKey, path, request.start, request.stop, request.bins, columns].join('\u0000');
}

/** Smallest envelope worth storing: short windows are cheaper to recompute than to keep. */
const MIN_ROWS_TO_KEEP = 20_000;

export function withEnvelopeCache(
  reader: DataReader,
  store: EnvelopeStore,
  fileKey: string,
): DataReader {
  return {
    summary: () => reader.summary(),
    listChildren: (path, options) => reader.listChildren(path, options),
    getAttributes: (path, options) => reader.getAttributes(path, options),
    getKind: (path, options) => reader.getKind(path, options),
    describeDataset: (path, options) => reader.describeDataset(path, options),
    readSlice: (path, selection, options) => reader.readSlice(path, selection, options),
    readSlices: (requests, options) => reader.readSlices(requests, options),
    close: () => reader.close(),
    async reduceMinMax(path, request, options) {
      const key = envelopeKey(fileKey, path, request);
      const keep = request.stop - request.start >= MIN_ROWS_TO_KEEP;
      if (keep) {
        const hit = await store.get(key).catch(() => undefined);
        if (hit?.complete) return hit;
      }
      const envelope = await reader.reduceMinMax(path, request, options);
      // A full cache or a closed database only costs the next visit its speed.
      if (keep && envelope.complete) await store.set(key, envelope).catch(() => {});
      return envelope;
    },
  };
}

/** Envelopes in memory, under the same budget rule as the IndexedDB store (tests, benchmarks). */
export class MemoryEnvelopeStore implements EnvelopeStore {
  readonly entries = new Map<string, MinMaxEnvelope>();
  private index: EnvelopeIndexEntry[] = [];
  private clock = 0;

  constructor(private readonly budgetBytes = DEFAULT_ENVELOPE_BUDGET_BYTES) {}

  async get(key: string) {
    return this.entries.get(key);
  }

  async set(key: string, envelope: MinMaxEnvelope) {
    const bytes = envelopeBytes(envelope);
    if (bytes > this.budgetBytes) return;
    const { kept, evicted } = makeRoom(this.index, key, bytes, this.budgetBytes);
    for (const old of evicted) this.entries.delete(old);
    this.entries.set(key, envelope);
    this.index = [...kept, { key, bytes, storedAt: ++this.clock }];
  }

  async clear() {
    this.entries.clear();
    this.index = [];
  }
}
