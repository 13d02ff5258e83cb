/**
 * Stored envelopes stay within their budget (oldest out first) and "Clear cache" empties them:
 * the IndexedDB store (fake-indexeddb) and the in-memory one follow the same rule.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { MinMaxEnvelope } from '../reader/contract';
import { envelopeBytes, MemoryEnvelopeStore, type EnvelopeStore } from '../reader/envelopeCache';
import { emptyEnvelope } from '../reader/minMaxEnvelope';
import { IdbEnvelopeStore } from './IdbEnvelopeStore';

/** A complete envelope of `bins` bins over one column, its min filled with `mark`. */
function envelope(bins: number, mark: number): MinMaxEnvelope {
  const env = emptyEnvelope({ start: 0, stop: bins, bins }, { shape: [bins] });
  env.min.fill(mark);
  env.max.fill(mark + 1);
  env.complete = true;
  return env;
}

const one = envelopeBytes(envelope(100, 0));

const stores: [string, (budget: number) => EnvelopeStore][] = [
  ['memory', (budget) => new MemoryEnvelopeStore(budget)],
  [
    'IndexedDB',
    (budget) => new IdbEnvelopeStore(`test-${Math.random().toString(36).slice(2)}`, budget),
  ],
];

describe.each(stores)('%s envelope store', (_name, make) => {
  it('keeps the newest envelopes within the budget, dropping the oldest first', async () => {
    const store = make(3 * one);
    for (let i = 0; i < 5; i++) await store.set(`k${i}`, envelope(100, i));
    const present = await Promise.all([0, 1, 2, 3, 4].map((i) => store.get(`k${i}`)));
    expect(present.map((e) => e !== undefined)).toEqual([false, false, true, true, true]);
    expect(present[4]!.min[0]).toBe(4);
    // Replacing a key frees its old size: still three fit.
    await store.set('k2', envelope(100, 20));
    expect((await store.get('k2'))!.min[0]).toBe(20);
    expect(await store.get('k3')).toBeDefined();
    // One larger than the budget is not kept, and drops nothing.
    await store.set('huge', envelope(400, 9));
    expect(await store.get('huge')).toBeUndefined();
    expect(await store.get('k4')).toBeDefined();
  });

  it('writes that finish together keep each other (IndexedDB queues them)', async () => {
    const store = make(10 * one);
    await Promise.all([0, 1, 2, 3].map((i) => store.set(`p${i}`, envelope(100, i))));
    for (let i = 0; i < 4; i++) expect((await store.get(`p${i}`))!.min[0]).toBe(i);
  });

  it('clear forgets every envelope', async () => {
    const store = make(10 * one);
    await store.set('a', envelope(100, 1));
    await store.set('b', envelope(100, 2));
    await store.clear();
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBeUndefined();
    // And the budget starts afresh (the index went with them).
    for (let i = 0; i < 10; i++) await store.set(`n${i}`, envelope(100, i));
    expect(await store.get('n0')).toBeDefined();
  });
});
