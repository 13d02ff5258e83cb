import { describe, expect, it } from 'vitest';
import { CleanMemo } from './cleanMemo';

/** A memo of answers, and how many times each key was asked. */
function counted() {
  const memo = new CleanMemo<string | null>();
  const asked = new Map<string, number>();
  const ask = (key: string, answer: string | null) => () => {
    asked.set(key, (asked.get(key) ?? 0) + 1);
    return answer;
  };
  return { memo, asked, ask };
}

describe('CleanMemo', () => {
  it('keeps what a clean attempt learnt: the next attempts do not ask again', () => {
    const { memo, asked, ask } = counted();
    const learnt = new Map<string, string | null>();
    expect(memo.within(learnt, () => memo.get('/a', ask('/a', 'yes')))).toBe('yes');
    memo.keep(learnt);
    expect(memo.within(new Map(), () => memo.get('/a', ask('/a', 'no')))).toBe('yes');
    expect(memo.get('/a', ask('/a', 'no'))).toBe('yes');
    expect(asked.get('/a')).toBe(1);
  });

  it('forgets what an attempt learnt unless it is kept (a retried attempt asks again)', () => {
    const { memo, asked, ask } = counted();
    // The first attempt missed a block: its answer may be wrong, and it is not kept.
    memo.within(new Map(), () => memo.get('/a', ask('/a', 'wrong')));
    const retry = new Map<string, string | null>();
    expect(memo.within(retry, () => memo.get('/a', ask('/a', 'right')))).toBe('right');
    memo.keep(retry);
    expect(memo.get('/a', ask('/a', 'other'))).toBe('right');
    expect(asked.get('/a')).toBe(2);
  });

  it('answers a key twice in one attempt from the first asking', () => {
    const { memo, asked, ask } = counted();
    memo.within(new Map(), () => {
      memo.get('/a', ask('/a', 'yes'));
      expect(memo.get('/a', ask('/a', 'no'))).toBe('yes');
    });
    expect(asked.get('/a')).toBe(1);
  });

  it('keeps nothing asked outside an attempt, nor answers not worth keeping', () => {
    const { memo, asked, ask } = counted();
    memo.get('/outside', ask('/outside', 'yes'));
    const learnt = new Map<string, string | null>();
    memo.within(learnt, () => memo.get('/missing', ask('/missing', null), (v) => v !== null));
    memo.keep(learnt);
    memo.get('/outside', ask('/outside', 'yes'));
    memo.get('/missing', ask('/missing', null));
    expect(asked.get('/outside')).toBe(2);
    expect(asked.get('/missing')).toBe(2);
  });

  it('stages answers found on the way, and ends an attempt that throws', () => {
    const { memo, asked, ask } = counted();
    const learnt = new Map<string, string | null>();
    memo.within(learnt, () => memo.learn('/a', 'seen'));
    memo.keep(learnt);
    expect(memo.get('/a', ask('/a', 'asked'))).toBe('seen');
    expect(() =>
      memo.within(new Map(), () => {
        throw new Error('read failed');
      }),
    ).toThrow('read failed');
    memo.get('/b', ask('/b', 'outside'));
    memo.get('/b', ask('/b', 'outside'));
    expect(asked.get('/b')).toBe(2); // no attempt left open after the throw
  });
});
