import { describe, expect, it, vi } from 'vitest';
import type { ChildEntry, DataReader, FileSummary } from './contract';
import {
  AnswerSet,
  MAX_ANSWER_BYTES,
  MAX_FILE_VALUE_BYTES,
  MAX_VALUE_ANSWER_BYTES,
  answerKey,
  answerNow,
  withAnswerRecording,
  withKeptAnswers,
  type KeptAnswers,
} from './storedAnswers';

const entry = (name: string): ChildEntry => ({ name, path: `/${name}`, kind: 'group' });

/** A reader that lists one child named after the path, and counts its calls. */
function fakeReader(): DataReader & { calls: string[] } {
  const calls: string[] = [];
  const reader = {
    calls,
    summary: async () => ({ format: 'hdf5', name: 'real', size: 1 }) as FileSummary,
    listChildren: async (path: string) => {
      calls.push(`list ${path}`);
      return [entry(`real${path.replace(/\//g, '_')}`)];
    },
    getAttributes: async () => [],
    getKind: async () => 'group' as const,
    describeDataset: async () => {
      throw new Error('not here');
    },
    readSlice: async () => ({ shape: [1], values: [1] }),
    readSlices: async () => [],
    reduceMinMax: async () => {
      throw new Error('not here');
    },
    close: async () => {
      calls.push('close');
    },
  };
  return reader as DataReader & { calls: string[] };
}

describe('answerKey', () => {
  it('names the call, not its signal or the order of attribute names', () => {
    const signal = new AbortController().signal;
    expect(answerKey('listChildren', ['/a', { attrs: ['x', 'y'], signal }])).toBe(
      answerKey('listChildren', ['/a', { attrs: ['y', 'x'] }]),
    );
    expect(answerKey('listChildren', ['/a'])).not.toBe(
      answerKey('listChildren', ['/a', { attrs: ['x'] }]),
    );
    expect(answerKey('listChildren', ['/a'])).not.toBe(answerKey('getAttributes', ['/a']));
    // Small value reads are kept too (a preview), each selection under its own key.
    expect(answerKey('readSlice', ['/d', [{ start: 0, stop: 1 }]])).not.toBe(
      answerKey('readSlice', ['/d', [{ start: 0, stop: 2 }]]),
    );
    expect(answerKey('readSlice', ['/d', [{ start: 0, stop: 1 }], { signal }])).toBe(
      answerKey('readSlice', ['/d', [{ start: 0, stop: 1 }]]),
    );
    // An envelope is recomputed from kept blocks, never kept as an answer.
    expect(answerKey('reduceMinMax', ['/d', { start: 0, stop: 1, bins: 1 }])).toBeNull();
  });
});

describe('AnswerSet', () => {
  it('keeps answers within its budget, first come first kept, none over the per-answer bound', () => {
    const set = new AnswerSet([], 1000);
    expect(set.add('a', 'x'.repeat(200))).toBe(true); // 400 bytes + key
    expect(set.add('a', 'other')).toBe(false); // known
    expect(set.add('b', 'x'.repeat(200))).toBe(true);
    expect(set.add('c', 'x'.repeat(200))).toBe(false); // would pass 1000
    expect(set.get('a')?.value).toBe('x'.repeat(200));
    expect(set.get('c')).toBeUndefined();
    expect(set.bytes).toBeLessThanOrEqual(1000);
    const big = new AnswerSet();
    expect(big.add('big', new Float64Array(MAX_ANSWER_BYTES / 8 + 1))).toBe(false);
  });

  it('keeps value reads only when small, and within their own part of the budget', () => {
    const slice = (stop: number) => answerKey('readSlice', ['/d', [{ start: 0, stop }]])!;
    const values = (bytes: number) => ({ shape: [bytes / 8], values: new Float64Array(bytes / 8) });
    const set = new AnswerSet();
    // A preview's worth is kept; a value read over its bound is not, though a listing that
    // size would be.
    expect(set.add(slice(1), values(8 * 1000))).toBe(true);
    expect(set.add(slice(2), values(MAX_VALUE_ANSWER_BYTES))).toBe(false);
    expect(set.add(answerKey('listChildren', ['/big'])!, 'x'.repeat(MAX_VALUE_ANSWER_BYTES))).toBe(
      true,
    );
    // Value reads stop at their share; metadata goes on filling the rest.
    let kept = 0;
    for (let i = 3; i < 100; i++) if (set.add(slice(i), values(MAX_VALUE_ANSWER_BYTES / 2))) kept++;
    expect(kept).toBeGreaterThan(0);
    expect(kept * (MAX_VALUE_ANSWER_BYTES / 2)).toBeLessThan(MAX_FILE_VALUE_BYTES);
    expect(set.add(answerKey('getAttributes', ['/a'])!, 'x'.repeat(1000))).toBe(true);
  });
});

describe('withKeptAnswers', () => {
  const summary: FileSummary = { format: 'hdf5', name: 'kept', size: 1 };
  const keyOfRoot = answerKey('listChildren', ['/', { attrs: ['t'] }])!;

  it('answers kept calls before the real reader opens, and forwards everything after', async () => {
    const real = fakeReader();
    let open = (_reader: DataReader) => {};
    const opening = new Promise<DataReader>((resolve) => (open = resolve));
    const kept: KeptAnswers = {
      answer: vi.fn(async (key: string) =>
        key === keyOfRoot ? { value: [entry('kept')] } : undefined,
      ),
      keep: () => {},
    };
    const reader = withKeptAnswers(opening, kept, summary);
    expect(await reader.summary()).toBe(summary);
    expect(await reader.listChildren('/', { attrs: ['t'] })).toEqual([entry('kept')]);
    // Not kept: waits for the real reader.
    const other = reader.listChildren('/b');
    let settled = false;
    void other.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    open(real);
    expect(await other).toEqual([entry('real_b')]);
    // Once open, the real reader answers even what was kept.
    expect(await reader.listChildren('/', { attrs: ['t'] })).toEqual([entry('real_')]);
    expect(real.calls).toEqual(['list /b', 'list /']);
    await reader.close();
    expect(real.calls).toContain('close');
  });

  it('tells kept answers at once until the real reader opens, and nothing else', async () => {
    let open = (_reader: DataReader) => {};
    const opening = new Promise<DataReader>((resolve) => (open = resolve));
    const kept: KeptAnswers = {
      answer: async () => undefined,
      answerNow: (key) => (key === keyOfRoot ? { value: [entry('kept')] } : undefined),
      keep: () => {},
    };
    const reader = withKeptAnswers(opening, kept, summary);
    expect(answerNow(reader, 'listChildren', ['/', { attrs: ['t'], signal: undefined }])).toEqual({
      value: [entry('kept')],
    });
    expect(answerNow(reader, 'listChildren', ['/b', { attrs: ['t'] }])).toBeUndefined();
    expect(answerNow(reader, 'readSlice', ['/d', []])).toBeUndefined();
    open(fakeReader());
    await opening;
    await Promise.resolve();
    // The real reader answers from now on, and it answers in its own time.
    expect(answerNow(reader, 'listChildren', ['/', { attrs: ['t'] }])).toBeUndefined();
    // A reader without kept answers tells nothing at once.
    expect(answerNow(fakeReader(), 'listChildren', ['/', { attrs: ['t'] }])).toBeUndefined();
  });

  it('a call waiting for the real reader is cancelled by its signal', async () => {
    const kept: KeptAnswers = { answer: async () => undefined, keep: () => {} };
    const reader = withKeptAnswers(new Promise<DataReader>(() => {}), kept, summary);
    const controller = new AbortController();
    const waiting = reader.getKind('/x', { signal: controller.signal });
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
  });
});

describe('withAnswerRecording', () => {
  it('sends the kept kinds of answers, batched, and nothing else', async () => {
    const real = fakeReader();
    const sent: [string, unknown][][] = [];
    const reader = withAnswerRecording(real, { keep: (entries) => sent.push(entries) }, 5);
    await reader.listChildren('/a');
    await reader.listChildren('/b', { attrs: ['t'] });
    await reader.readSlice('/d', [{ start: 0, stop: 1 }]);
    await reader.reduceMinMax('/d', { start: 0, stop: 1, bins: 1 }).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 30));
    expect(sent).toEqual([
      [
        [answerKey('listChildren', ['/a']), [entry('real_a')]],
        [answerKey('listChildren', ['/b', { attrs: ['t'] }]), [entry('real_b')]],
        [answerKey('readSlice', ['/d', [{ start: 0, stop: 1 }]]), { shape: [1], values: [1] }],
      ],
    ]);
  });
});
