/**
 * Finished min/max envelopes in IndexedDB (one idb-keyval database of its own, since idb-keyval
 * keeps one object store per database). Keys carry the file's identity key, so a changed file
 * never draws an old envelope.
 */
import { clear, createStore, get, set, type UseStore } from 'idb-keyval';
import type { MinMaxEnvelope } from '../reader/contract';
import type { EnvelopeStore } from '../reader/envelopeCache';

export class IdbEnvelopeStore implements EnvelopeStore {
  private readonly store: UseStore;

  constructor(prefix = 'nwbx') {
    this.store = createStore(`${prefix}-envelopes`, 'envelopes');
  }

  get(key: string): Promise<MinMaxEnvelope | undefined> {
    return get<MinMaxEnvelope>(key, this.store);
  }

  set(key: string, envelope: MinMaxEnvelope): Promise<void> {
    return set(key, envelope, this.store);
  }

  clear(): Promise<void> {
    return clear(this.store);
  }
}
