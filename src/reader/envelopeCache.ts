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

export class MemoryEnvelopeStore implements EnvelopeStore {
  readonly entries = new Map<string, MinMaxEnvelope>();
  async get(key: string) {
    return this.entries.get(key);
  }
  async set(key: string, envelope: MinMaxEnvelope) {
    this.entries.set(key, envelope);
  }
}
