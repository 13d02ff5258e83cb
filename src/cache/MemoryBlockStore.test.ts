import { describe, expect, it } from 'vitest';
import type { SourceIdentity } from '../bytes/ByteSource';
import { MemoryBlockStore } from './MemoryBlockStore';

const id = (key: string, validator: string | null = 'v1'): SourceIdentity => ({
  key,
  size: 1000,
  validator,
});
const blocks = (...entries: [number, number][]) =>
  new Map(entries.map(([i, n]) => [i, new Uint8Array(n).fill(i + 1)] as [number, Uint8Array]));

describe('MemoryBlockStore', () => {
  it('stores by full identity: another validator sees nothing', async () => {
    const s = new MemoryBlockStore();
    await s.putBlocks(id('a'), blocks([0, 10], [1, 10]));
    expect([...(await s.getBlocks(id('a'), [0, 1, 2])).keys()]).toEqual([0, 1]);
    expect((await s.getBlocks(id('a', 'v2'), [0, 1])).size).toBe(0);
  });

  it('forget drops every identity of a key and the remembered identity', async () => {
    const s = new MemoryBlockStore();
    await s.putBlocks(id('a'), blocks([0, 10]));
    await s.putBlocks(id('a', 'v2'), blocks([0, 10]));
    await s.putBlocks(id('b'), blocks([0, 10]));
    await s.rememberIdentity(id('a'));
    await s.forget('a');
    expect(await s.getRememberedIdentity('a')).toBeUndefined();
    expect((await s.getBlocks(id('a'), [0])).size).toBe(0);
    expect((await s.getBlocks(id('a', 'v2'), [0])).size).toBe(0);
    expect((await s.getBlocks(id('b'), [0])).size).toBe(1);
  });

  it('over budget evicts the least recently used other file, then fails with quota', async () => {
    const s = new MemoryBlockStore({ budgetBytes: 100 });
    await s.putBlocks(id('old'), blocks([0, 40]));
    await s.putBlocks(id('recent'), blocks([0, 40]));
    await s.getBlocks(id('old'), [0]); // old is now the most recently used
    await s.putBlocks(id('new'), blocks([0, 40]));
    expect(s.evictions).toBe(1);
    expect((await s.getBlocks(id('recent'), [0])).size).toBe(0);
    expect((await s.getBlocks(id('old'), [0])).size).toBe(1);
    await expect(s.putBlocks(id('new'), blocks([1, 200]))).rejects.toMatchObject({ code: 'quota' });
  });

  it('copies what it stores', async () => {
    const s = new MemoryBlockStore();
    const b = new Uint8Array([1, 2, 3]);
    await s.putBlocks(id('a'), new Map([[0, b]]));
    b[0] = 9;
    expect((await s.getBlocks(id('a'), [0])).get(0)?.[0]).toBe(1);
  });
});
