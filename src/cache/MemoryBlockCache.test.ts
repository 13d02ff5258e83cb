import { describe, expect, it } from 'vitest';
import { MemoryBlockCache } from './MemoryBlockCache';

const block = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

describe('MemoryBlockCache', () => {
  it('evicts the least recently used blocks once over the byte budget', () => {
    const c = new MemoryBlockCache(300);
    c.set('f', 0, block(100, 0));
    c.set('f', 1, block(100, 1));
    c.set('f', 2, block(100, 2));
    c.get('f', 0); // 0 is now the most recent; 1 is the oldest
    c.set('f', 3, block(100, 3));
    expect(c.has('f', 1)).toBe(false);
    expect(c.has('f', 0)).toBe(true);
    expect(c.has('f', 2)).toBe(true);
    expect(c.has('f', 3)).toBe(true);
    expect(c.stats()).toMatchObject({ bytes: 300, blocks: 3, evictions: 1 });
  });

  it('counts hits, misses and bytes served', () => {
    const c = new MemoryBlockCache(1000);
    c.set('f', 0, block(64));
    expect(c.get('f', 0)?.length).toBe(64);
    expect(c.get('f', 1)).toBeUndefined();
    expect(c.get('g', 0)).toBeUndefined();
    expect(c.stats()).toMatchObject({ hits: 1, misses: 2, bytesServed: 64 });
  });

  it('keeps files apart and deletes one file only', () => {
    const c = new MemoryBlockCache(1000);
    c.set('a', 0, block(10, 1));
    c.set('b', 0, block(10, 2));
    expect(c.get('a', 0)?.[0]).toBe(1);
    expect(c.get('b', 0)?.[0]).toBe(2);
    c.deleteFile('a');
    expect(c.has('a', 0)).toBe(false);
    expect(c.has('b', 0)).toBe(true);
    expect(c.stats().bytes).toBe(10);
  });

  it('replacing a block adjusts the byte count; an oversized block is not kept', () => {
    const c = new MemoryBlockCache(100);
    c.set('f', 0, block(50));
    c.set('f', 0, block(30));
    expect(c.stats().bytes).toBe(30);
    c.set('f', 1, block(101));
    expect(c.has('f', 1)).toBe(false);
    expect(c.has('f', 0)).toBe(true);
  });
});
