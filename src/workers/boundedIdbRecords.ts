/**
 * Records in one idb-keyval database of their own, kept within a byte budget: an index record
 * lists every record with its size and when it was stored, and storing one past the budget drops
 * the oldest first (`makeRoom`). Writes are queued, so two records stored together never lose each
 * other's index entry. The envelope store and the kept-answer store are both this.
 */
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import { makeRoom, type EnvelopeIndexEntry } from '../reader/envelopeCache';

export class BoundedIdbRecords<T> {
  private readonly store: UseStore;
  private queue: Promise<unknown> = Promise.resolve();

  /** `indexKey` must differ from every record key. */
  constructor(
    dbName: string,
    storeName: string,
    private readonly indexKey: string,
    private readonly budgetBytes: number,
  ) {
    this.store = createStore(dbName, storeName);
  }

  get(key: string): Promise<T | undefined> {
    return get<T>(key, this.store);
  }

  /** Stores a record of about `bytes` bytes (one larger than the whole budget is not stored). */
  put(key: string, value: T, bytes: number): Promise<void> {
    return this.serial(async () => {
      if (bytes > this.budgetBytes) return;
      const index = await this.index();
      const { kept, evicted } = makeRoom(index, key, bytes, this.budgetBytes);
      await Promise.all(evicted.map((old) => del(old, this.store)));
      await set(key, value, this.store);
      await set(this.indexKey, [...kept, { key, bytes, storedAt: Date.now() }], this.store);
    });
  }

  remove(key: string): Promise<void> {
    return this.serial(async () => {
      const index = await this.index();
      await del(key, this.store);
      await set(
        this.indexKey,
        index.filter((e) => e.key !== key),
        this.store,
      );
    });
  }

  clear(): Promise<void> {
    return this.serial(() => clear(this.store));
  }

  private async index(): Promise<EnvelopeIndexEntry[]> {
    return (await get<EnvelopeIndexEntry[]>(this.indexKey, this.store)) ?? [];
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => {});
    return run;
  }
}
