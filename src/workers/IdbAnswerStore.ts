/**
 * Kept answers in IndexedDB (one idb-keyval database of its own): file key -> AnswerRecord,
 * within a budget, oldest file out first (boundedIdbRecords.ts).
 */
import { DEFAULT_ANSWER_BUDGET_BYTES, type AnswerRecord, type AnswerStore } from './answerStore';
import { BoundedIdbRecords } from './boundedIdbRecords';

/** The index's own key: a file key is a URL or "local:<name>", never this. */
const INDEX_KEY = '\u0000answer-index';

export class IdbAnswerStore implements AnswerStore {
  private readonly records: BoundedIdbRecords<AnswerRecord>;

  constructor(prefix = 'nwbx', budgetBytes = DEFAULT_ANSWER_BUDGET_BYTES) {
    this.records = new BoundedIdbRecords(`${prefix}-answers`, 'answers', INDEX_KEY, budgetBytes);
  }

  get(key: string): Promise<AnswerRecord | undefined> {
    return this.records.get(key);
  }

  put(record: AnswerRecord): Promise<void> {
    return this.records.put(record.identity.key, record, record.bytes);
  }

  forget(key: string): Promise<void> {
    return this.records.remove(key);
  }

  clear(): Promise<void> {
    return this.records.clear();
  }
}
