/**
 * Kept answers in IndexedDB (one idb-keyval database of its own): file key -> AnswerRecord, plus
 * an index record for the budget. Writes are queued so two files stored together never lose each
 * other's index entry.
 */
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { EnvelopeIndexEntry } from '../reader/envelopeCache';
import {
  DEFAULT_ANSWER_BUDGET_BYTES,
  placeRecord,
  type AnswerRecord,
  type AnswerStore,
} from './answerStore';

/** The index's own key: a file key is a URL or "local:<name>", never this. */
const INDEX_KEY = '\u0000answer-index';

export class IdbAnswerStore implements AnswerStore {
  private readonly store: UseStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    prefix = 'nwbx',
    private readonly budgetBytes = DEFAULT_ANSWER_BUDGET_BYTES,
  ) {
    this.store = createStore(`${prefix}-answers`, 'answers');
  }

  get(key: string): Promise<AnswerRecord | undefined> {
    return get<AnswerRecord>(key, this.store);
  }

  put(record: AnswerRecord): Promise<void> {
    return this.serial(async () => {
      if (record.bytes > this.budgetBytes) return;
      const index = (await get<EnvelopeIndexEntry[]>(INDEX_KEY, this.store)) ?? [];
      const placed = placeRecord(index, record, this.budgetBytes, Date.now());
      await Promise.all(placed.evicted.map((old) => del(old, this.store)));
      await set(record.identity.key, record, this.store);
      await set(INDEX_KEY, placed.index, this.store);
    });
  }

  forget(key: string): Promise<void> {
    return this.serial(async () => {
      const index = (await get<EnvelopeIndexEntry[]>(INDEX_KEY, this.store)) ?? [];
      await del(key, this.store);
      await set(
        INDEX_KEY,
        index.filter((e) => e.key !== key),
        this.store,
      );
    });
  }

  clear(): Promise<void> {
    return this.serial(() => clear(this.store));
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}
