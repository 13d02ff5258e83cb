/**
 * Kept-answer records stay within their budget (oldest file out first, one record per file key),
 * and forget/clear drop them: the IndexedDB store (fake-indexeddb) and the in-memory one alike.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { MemoryAnswerStore, type AnswerStore } from './answerStore';
import { IdbAnswerStore } from './IdbAnswerStore';

const record = (key: string, bytes: number) => ({
  identity: { key, size: 1, validator: 'v' },
  summary: { format: 'hdf5' as const, name: key, size: 1 },
  entries: [['k', key]] as [string, unknown][],
  bytes,
});

let databases = 0;
const stores: [string, (budget: number) => AnswerStore][] = [
  ['MemoryAnswerStore', (budget) => new MemoryAnswerStore(budget)],
  ['IdbAnswerStore', (budget) => new IdbAnswerStore(`test${++databases}`, budget)],
];

describe.each(stores)('%s', (_name, make) => {
  const has = async (store: AnswerStore, key: string) => (await store.get(key)) !== undefined;

  it('stays within its budget, oldest file out first, one record per file key', async () => {
    const store = make(100);
    await store.put(record('a', 40));
    await store.put(record('b', 40));
    await store.put(record('c', 40)); // a goes
    expect(await has(store, 'a')).toBe(false);
    expect((await store.get('b'))?.summary.name).toBe('b');
    await store.put(record('b', 50)); // replaces b; c stays (90 in all)
    expect(await has(store, 'b')).toBe(true);
    expect(await has(store, 'c')).toBe(true);
    await store.put(record('huge', 101));
    expect(await has(store, 'huge')).toBe(false);
  });

  it('forgets one file, and clears them all', async () => {
    const store = make(1000);
    await store.put(record('a', 10));
    await store.put(record('b', 10));
    await store.forget('a');
    expect(await has(store, 'a')).toBe(false);
    expect(await has(store, 'b')).toBe(true);
    await store.clear();
    expect(await has(store, 'b')).toBe(false);
  });
});
