import { describe, expect, it } from 'vitest';
import { forEachBounded } from './pool';

/** A task per item that waits until the test releases it. */
function gatedTasks(count: number) {
  const release: (() => void)[] = [];
  const running: number[] = [];
  const gates = Array.from({ length: count }, (_, i) => new Promise<void>((r) => (release[i] = r)));
  const task = async (_item: number, index: number) => {
    running.push(index);
    await gates[index];
  };
  return { release, running, task };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('forEachBounded', () => {
  it('runs at most `limit` tasks at once, each item once', async () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    const { release, running, task } = gatedTasks(10);
    const done = forEachBounded(items, 3, task);
    await tick();
    expect(running).toEqual([0, 1, 2]);
    release[1]!();
    await tick();
    expect(running).toEqual([0, 1, 2, 3]);
    for (const r of release) r();
    await done;
    expect([...running].sort((a, b) => a - b)).toEqual(items);
  });

  it('starts the first step of the items `ahead` places past the ones running, once each', async () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const { release, running, task } = gatedTasks(12);
    const started: number[] = [];
    const done = forEachBounded(items, 4, task, undefined, {
      ahead: 4,
      start: (_item, index) => started.push(index),
    });
    await tick();
    // Lanes hold 0-3; the four after them (4-7) are started, the rest not yet.
    expect(running).toEqual([0, 1, 2, 3]);
    expect(started).toEqual([1, 2, 3, 4, 5, 6, 7]);
    release[0]!();
    await tick();
    expect(running).toEqual([0, 1, 2, 3, 4]);
    expect(started.at(-1)).toBe(8);
    for (const r of release) r();
    await done;
    // Every item after the first was started exactly once; none past the end.
    expect(started).toEqual(items.slice(1));
  });

  it('stops starting tasks and first steps once the signal aborts', async () => {
    const items = Array.from({ length: 12 }, (_, i) => i);
    const { release, running, task } = gatedTasks(12);
    const started: number[] = [];
    const controller = new AbortController();
    const done = forEachBounded(items, 2, task, controller.signal, {
      ahead: 2,
      start: (_item, index) => started.push(index),
    });
    await tick();
    controller.abort();
    for (const r of release) r();
    await expect(done).rejects.toThrow();
    expect(running).toEqual([0, 1]);
    expect(started).toEqual([1, 2, 3]);
  });
});
