import { describe, expect, it } from 'vitest';
import { MemoryAnswerStore } from './answerStore';

describe('MemoryAnswerStore', () => {
  const record = (key: string, bytes: number) => ({
    identity: { key, size: 1, validator: 'v' },
    summary: { format: 'hdf5' as const, name: key, size: 1 },
    entries: [['k', key]] as [string, unknown][],
    bytes,
  });

  it('stays within its budget, oldest file out first, one record per file key', async () => {
    const store = new MemoryAnswerStore(100);
    await store.put(record('a', 40));
    await store.put(record('b', 40));
    await store.put(record('c', 40)); // a goes
    expect(await store.get('a')).toBeUndefined();
    expect((await store.get('b'))?.summary.name).toBe('b');
    await store.put(record('b', 50)); // replaces b; c stays (90 in all)
    expect([...store.records.keys()].sort()).toEqual(['b', 'c']);
    await store.put(record('huge', 101));
    expect(await store.get('huge')).toBeUndefined();
    await store.forget('b');
    expect(await store.get('b')).toBeUndefined();
    await store.clear();
    expect(store.records.size).toBe(0);
  });
});
