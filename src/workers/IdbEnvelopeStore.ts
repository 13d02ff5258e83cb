/**
 * Finished min/max envelopes in IndexedDB (one idb-keyval database of its own, since idb-keyval
 * keeps one object store per database). Keys carry the file's identity key, so a changed file
 * never draws an old envelope.
 *
 * Bounded: an index record lists every envelope with its size and when it was stored; storing
 * one past the budget drops the oldest first. Writes are queued, so two envelopes finishing
 * together never lose each other's index entry. `clear()` is the app's "Clear cache".
 */
import { clear, createStore, del, get, set, type UseStore } from 'idb-keyval';
import type { MinMaxEnvelope } from '../reader/contract';
import {
  DEFAULT_ENVELOPE_BUDGET_BYTES,
  envelopeBytes,
  makeRoom,
  type EnvelopeIndexEntry,
  type EnvelopeStore,
} from '../reader/envelopeCache';

/** The index's own key: it cannot collide with an envelope key (those hold NUL separators). */
const INDEX_KEY = 'envelope-index';

export class IdbEnvelopeStore implements EnvelopeStore {
  private readonly store: UseStore;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    prefix = 'nwbx',
    private readonly budgetBytes = DEFAULT_ENVELOPE_BUDGET_BYTES,
  ) {
    this.store = createStore(`${prefix}-envelopes`, 'envelopes');
  }

  get(key: string): Promise<MinMaxEnvelope | undefined> {
    return get<MinMaxEnvelope>(key, this.store);
  }

  set(key: string, envelope: MinMaxEnvelope): Promise<void> {
    return this.serial(async () => {
      const bytes = envelopeBytes(envelope);
      if (bytes > this.budgetBytes) return;
      const index = (await get<EnvelopeIndexEntry[]>(INDEX_KEY, this.store)) ?? [];
      const { kept, evicted } = makeRoom(index, key, bytes, this.budgetBytes);
      await Promise.all(evicted.map((old) => del(old, this.store)));
      await set(key, envelope, this.store);
      await set(INDEX_KEY, [...kept, { key, bytes, storedAt: Date.now() }], this.store);
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
