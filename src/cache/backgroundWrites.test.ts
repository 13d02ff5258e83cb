import { describe, expect, it } from 'vitest';
import { BackgroundWrites } from './backgroundWrites';

describe('BackgroundWrites', () => {
  it('flush waits for every write, including one added while waiting', async () => {
    const writes = new BackgroundWrites();
    const done: string[] = [];
    writes.add(
      new Promise<void>((r) =>
        setTimeout(() => {
          done.push('first');
          writes.add(new Promise<void>((s) => setTimeout(() => (done.push('second'), s()), 5)));
          r();
        }, 5),
      ),
    );
    await writes.flush();
    expect(done).toEqual(['first', 'second']);
  });
});
