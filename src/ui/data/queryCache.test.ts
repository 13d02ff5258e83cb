import { describe, expect, it } from 'vitest';
import { isCancelled } from '../../errors';
import { QueryCache } from './queryCache';

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('QueryCache', () => {
  it('loads a key once for two callers and keeps the value', async () => {
    const cache = new QueryCache();
    let loads = 0;
    const gate = deferred<number>();
    const load = () => {
      loads++;
      return gate.promise;
    };
    const a = cache.run('k', load, new AbortController().signal);
    const b = cache.run('k', load, new AbortController().signal);
    gate.resolve(7);
    expect(await a).toBe(7);
    expect(await b).toBe(7);
    expect(await cache.run('k', load, new AbortController().signal)).toBe(7);
    expect(loads).toBe(1);
    expect(cache.peek('k')).toEqual({ value: 7 });
  });

  it('aborts the shared load only when every caller has left', async () => {
    const cache = new QueryCache();
    let innerSignal: AbortSignal | null = null;
    const gate = deferred<string>();
    const load = (signal: AbortSignal) => {
      innerSignal = signal;
      return gate.promise;
    };
    const first = new AbortController();
    const second = new AbortController();
    const a = cache.run('k', load, first.signal);
    const b = cache.run('k', load, second.signal);
    first.abort();
    await expect(a).rejects.toSatisfy(isCancelled);
    expect(innerSignal!.aborted).toBe(false);
    gate.resolve('done');
    expect(await b).toBe('done');

    const third = new AbortController();
    const never = deferred<string>();
    const c = cache.run('other', (signal) => ((innerSignal = signal), never.promise), third.signal);
    third.abort();
    await expect(c).rejects.toSatisfy(isCancelled);
    expect(innerSignal!.aborted).toBe(true);
  });

  it('does not keep failures, so asking again reloads', async () => {
    const cache = new QueryCache();
    let loads = 0;
    const load = async () => {
      loads++;
      if (loads === 1) throw new Error('boom');
      return 'ok';
    };
    await expect(cache.run('k', load, new AbortController().signal)).rejects.toThrow('boom');
    expect(await cache.run('k', load, new AbortController().signal)).toBe('ok');
    expect(loads).toBe(2);
  });

  it('drops the least recently used value past its bound', async () => {
    const cache = new QueryCache(2);
    const signal = new AbortController().signal;
    await cache.run('a', async () => 1, signal);
    await cache.run('b', async () => 2, signal);
    cache.peek('a');
    await cache.run('c', async () => 3, signal);
    expect(cache.peek('b')).toBeUndefined();
    expect(cache.peek('a')).toEqual({ value: 1 });
  });
});
