/**
 * Where kept answers persist (workers/answerBook.ts): one record per file key, holding the file
 * version (identity) the answers were read from, its summary and the answers. One record per key,
 * not per version: a new version replaces the old one, and forgetting a key is one delete.
 *
 * Bounded across files: an index lists every record with its size and when it was stored, and
 * storing one past the budget drops the oldest first (the envelope store's rule, `makeRoom`;
 * IdbAnswerStore in the browser, MemoryAnswerStore here for tests).
 */
import type { SourceIdentity } from '../bytes/ByteSource';
import type { FileSummary } from '../reader/contract';
import { makeRoom, type EnvelopeIndexEntry } from '../reader/envelopeCache';

export interface AnswerRecord {
  identity: SourceIdentity;
  summary: FileSummary;
  entries: [string, unknown][];
  /** Roughly the bytes the answers take (AnswerSet.bytes). */
  bytes: number;
}

export interface AnswerStore {
  get(key: string): Promise<AnswerRecord | undefined>;
  put(record: AnswerRecord): Promise<void>;
  /** Drops the record of a file key (the file changed on the server). */
  forget(key: string): Promise<void>;
  /** Drops every record (the app's "Clear cache"). */
  clear(): Promise<void>;
}

/** Kept answers of every file together stay within this many bytes. */
export const DEFAULT_ANSWER_BUDGET_BYTES = 16 * 1024 * 1024;

/** Records in memory, under the same budget rule (tests, Node). */
export class MemoryAnswerStore implements AnswerStore {
  readonly records = new Map<string, AnswerRecord>();
  private index: EnvelopeIndexEntry[] = [];
  private clock = 0;

  constructor(private readonly budgetBytes = DEFAULT_ANSWER_BUDGET_BYTES) {}

  async get(key: string): Promise<AnswerRecord | undefined> {
    return structuredClone(this.records.get(key));
  }

  async put(record: AnswerRecord): Promise<void> {
    if (record.bytes > this.budgetBytes) return;
    const key = record.identity.key;
    const { kept, evicted } = makeRoom(this.index, key, record.bytes, this.budgetBytes);
    for (const old of evicted) this.records.delete(old);
    this.records.set(key, structuredClone(record));
    this.index = [...kept, { key, bytes: record.bytes, storedAt: ++this.clock }];
  }

  async forget(key: string): Promise<void> {
    this.records.delete(key);
    this.index = this.index.filter((e) => e.key !== key);
  }

  async clear(): Promise<void> {
    this.records.clear();
    this.index = [];
  }
}
