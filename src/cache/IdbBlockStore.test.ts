import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createStore, promisifyRequest, type UseStore } from 'idb-keyval';
import type { SourceIdentity } from '../bytes/ByteSource';
import { IdbBlockStore, type IdbStores } from './IdbBlockStore';
import { isQuotaError, quotaExceededError } from './quota';

let dbCount = 0;
const freshPrefix = () => `test-${++dbCount}-${Date.now()}`;
const id = (key: string, validator: string | null = '"v1"', size = 10_000): SourceIdentity => ({
  key,
  size,
  validator,
});
const blocks = (n: number, ...indices: number[]) =>
  new Map(indices.map((i) => [i, new Uint8Array(n).fill(i + 1)] as [number, Uint8Array]));

/**
 * Wraps a blocks store so writes fail like a full browser store once the stored bytes would
 * exceed `budget`: the transaction aborts and the error surfaces asynchronously, as in Chrome.
 * `wrapInAbort` reports it as Firefox may: an AbortError whose inner error is the quota error.
 */
function quotaLimited(real: UseStore, budget: number, wrapInAbort = false): UseStore {
  const limited = async <T>(
    mode: IDBTransactionMode,
    callback: (store: IDBObjectStore) => T | PromiseLike<T>,
  ) => {
    if (mode !== 'readwrite') return real(mode, callback);
    const stored = await real('readonly', (s) =>
      promisifyRequest(s.getAll() as IDBRequest<Uint8Array[]>),
    );
    let used = stored.reduce((n, b) => n + b.byteLength, 0);
    let over = false;
    const result = await real(mode, (store) => {
      const proxy = new Proxy(store, {
        get(target, prop) {
          if (prop === 'put') {
            return (value: Uint8Array, key?: IDBValidKey) => {
              used += value.byteLength;
              if (used > budget) over = true;
              return target.put(value, key);
            };
          }
          const v = Reflect.get(target, prop, target) as unknown;
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      const out = callback(proxy);
      if (over) {
        // The aborted write's own promise rejects too; only our quota error is the answer.
        Promise.resolve(out).catch(() => undefined);
        store.transaction.abort();
        const quota = quotaExceededError();
        throw wrapInAbort
          ? Object.assign(new DOMException('Transaction aborted', 'AbortError'), { inner: quota })
          : quota;
      }
      return out;
    });
    return result;
  };
  return limited as UseStore;
}

function stores(prefix: string, budget?: number, wrapInAbort = false): IdbStores {
  const blocksStore = createStore(`${prefix}-blocks`, 'blocks');
  return {
    blocks: budget === undefined ? blocksStore : quotaLimited(blocksStore, budget, wrapInAbort),
    files: createStore(`${prefix}-files`, 'files'),
    identities: createStore(`${prefix}-identities`, 'identities'),
  };
}

describe('IdbBlockStore (fake-indexeddb)', () => {
  it('round-trips blocks and remembers identities', async () => {
    const s = new IdbBlockStore({ prefix: freshPrefix() });
    await s.putBlocks(id('a'), blocks(100, 0, 1, 5));
    const got = await s.getBlocks(id('a'), [0, 1, 2, 5]);
    expect([...got.keys()]).toEqual([0, 1, 5]);
    expect(got.get(5)?.[0]).toBe(6);
    expect(await s.getRememberedIdentity('a')).toBeUndefined();
    await s.rememberIdentity(id('a'));
    expect(await s.getRememberedIdentity('a')).toEqual(id('a'));
  });

  it('never mixes identities: another validator or size sees no blocks', async () => {
    const s = new IdbBlockStore({ prefix: freshPrefix() });
    await s.putBlocks(id('a', '"v1"'), blocks(10, 0));
    expect((await s.getBlocks(id('a', '"v2"'), [0])).size).toBe(0);
    expect((await s.getBlocks(id('a', '"v1"', 20_000), [0])).size).toBe(0);
    expect((await s.getBlocks(id('a', null), [0])).size).toBe(0);
    expect((await s.getBlocks(id('a', '"v1"'), [0])).size).toBe(1);
  });

  it('forget drops every identity of a key, but not keys that merely share a prefix', async () => {
    const s = new IdbBlockStore({ prefix: freshPrefix() });
    await s.putBlocks(id('https://h/f'), blocks(10, 0, 1));
    await s.putBlocks(id('https://h/f', '"v2"'), blocks(10, 0));
    await s.putBlocks(id('https://h/f2'), blocks(10, 0));
    await s.rememberIdentity(id('https://h/f'));
    await s.forget('https://h/f');
    expect(await s.getRememberedIdentity('https://h/f')).toBeUndefined();
    expect((await s.getBlocks(id('https://h/f'), [0, 1])).size).toBe(0);
    expect((await s.getBlocks(id('https://h/f', '"v2"'), [0])).size).toBe(0);
    expect((await s.getBlocks(id('https://h/f2'), [0])).size).toBe(1);
    expect((await s.fileRecords()).map((r) => r.identity.key)).toEqual(['https://h/f2']);
  });

  it('batches file records: bytes and last use are written on flush, not per block', async () => {
    let now = 1000;
    const prefix = freshPrefix();
    const s = new IdbBlockStore({ prefix, flushDelayMs: 60_000, now: () => now });
    // The first put of a file writes its record at once (so it can always be evicted).
    await s.putBlocks(id('a'), blocks(100, 0, 1));
    const other = new IdbBlockStore({ prefix }); // reads the same databases
    expect(await other.fileRecords()).toEqual([{ identity: id('a'), bytes: 200, lastUsed: 1000 }]);
    // Later puts and gets are batched: nothing written until the flush.
    now = 2000;
    await s.putBlocks(id('a'), blocks(100, 2));
    now = 3000;
    await s.getBlocks(id('a'), [0]);
    expect(await other.fileRecords()).toEqual([{ identity: id('a'), bytes: 200, lastUsed: 1000 }]);
    const records = await s.fileRecords(); // flushes
    expect(records).toEqual([{ identity: id('a'), bytes: 300, lastUsed: 3000 }]);
  });

  it('stores only the bytes of a view, not its whole buffer', async () => {
    const s = new IdbBlockStore({ prefix: freshPrefix() });
    const big = new Uint8Array(1_000_000);
    await s.putBlocks(id('a'), new Map([[0, big.subarray(10, 20)]]));
    const got = (await s.getBlocks(id('a'), [0])).get(0)!;
    expect(got.byteLength).toBe(10);
    expect(got.buffer.byteLength).toBe(10);
  });

  for (const wrapInAbort of [false, true]) {
    it(`on a quota error${wrapInAbort ? ' (inside an AbortError)' : ''} evicts the least recently used files, then gives up with quota`, async () => {
      let now = 0;
      const s = new IdbBlockStore({
        stores: stores(freshPrefix(), 1000, wrapInAbort),
        now: () => ++now,
      });
      await s.putBlocks(id('old'), blocks(300, 0));
      await s.putBlocks(id('recent'), blocks(300, 0));
      await s.getBlocks(id('old'), [0]); // old becomes the most recently used
      await s.putBlocks(id('new'), blocks(300, 0, 1)); // 1200 > 1000: evict 'recent'
      expect(s.evictions).toBe(1);
      expect((await s.getBlocks(id('recent'), [0])).size).toBe(0);
      expect((await s.getBlocks(id('old'), [0])).size).toBe(1);
      expect((await s.getBlocks(id('new'), [0, 1])).size).toBe(2);

      // Bigger than the whole budget: evicts 'old' too, then fails. The file being written stays.
      await expect(s.putBlocks(id('new'), blocks(2000, 5))).rejects.toMatchObject({
        code: 'quota',
      });
      expect(s.evictions).toBe(2);
      expect((await s.getBlocks(id('new'), [0, 1])).size).toBe(2);
    });
  }

  it('clear() empties everything', async () => {
    const s = new IdbBlockStore({ prefix: freshPrefix() });
    await s.putBlocks(id('a'), blocks(10, 0));
    await s.rememberIdentity(id('a'));
    await s.clear();
    expect((await s.getBlocks(id('a'), [0])).size).toBe(0);
    expect(await s.getRememberedIdentity('a')).toBeUndefined();
    expect(await s.fileRecords()).toEqual([]);
  });
});

describe('isQuotaError', () => {
  it('recognises the shapes browsers use', () => {
    expect(isQuotaError(quotaExceededError())).toBe(true);
    expect(isQuotaError({ name: 'AbortError', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError(new Error('x', { cause: quotaExceededError() }))).toBe(true);
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
    expect(isQuotaError(new DOMException('aborted', 'AbortError'))).toBe(false);
    expect(isQuotaError(new Error('disk on fire'))).toBe(false);
  });
});
