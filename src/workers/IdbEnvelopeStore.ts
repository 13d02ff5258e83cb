/**
 * Finished min/max envelopes in IndexedDB (one idb-keyval database of its own, since idb-keyval
 * keeps one object store per database). Keys carry the file's identity key, so a changed file
 * never draws an old envelope.
 *
 * Bounded: storing one past the budget drops the oldest first (boundedIdbRecords.ts). `clear()`
 * is the app's "Clear cache".
 */
import type { MinMaxEnvelope } from '../reader/contract';
import {
  DEFAULT_ENVELOPE_BUDGET_BYTES,
  envelopeBytes,
  type EnvelopeStore,
} from '../reader/envelopeCache';
import { BoundedIdbRecords } from './boundedIdbRecords';

/** The index's own key: it cannot collide with an envelope key (those hold NUL separators). */
const INDEX_KEY = 'envelope-index';

export class IdbEnvelopeStore implements EnvelopeStore {
  private readonly records: BoundedIdbRecords<MinMaxEnvelope>;

  constructor(prefix = 'nwbx', budgetBytes = DEFAULT_ENVELOPE_BUDGET_BYTES) {
    this.records = new BoundedIdbRecords(
      `${prefix}-envelopes`,
      'envelopes',
      INDEX_KEY,
      budgetBytes,
    );
  }

  get(key: string): Promise<MinMaxEnvelope | undefined> {
    return this.records.get(key);
  }

  set(key: string, envelope: MinMaxEnvelope): Promise<void> {
    return this.records.put(key, envelope, envelopeBytes(envelope));
  }

  clear(): Promise<void> {
    return this.records.clear();
  }
}
