/**
 * Attributes projected onto a listing (listChildren's `attrs`) are the values getAttributes
 * reads for each child, on the real files of ../shared/testdata: projection reads strings in one
 * h5wasm call and everything else in full, and this checks the two ways agree. The projecting
 * reader is a second, fresh one, so its reads miss blocks and are retried.
 */
import { describe, expect, it } from 'vitest';
import type { ChildEntry, DataReader, Value } from '../reader/contract';
import { findHdf5Files, openLocalReader, TESTDATA } from '../testing/localFiles';

/** Groups listed per file at most (breadth first), to keep the test short. */
const MAX_GROUPS = 25;

function isObject(entry: ChildEntry): boolean {
  const kind = entry.link ? entry.link.targetKind : entry.kind;
  return kind === 'group' || kind === 'dataset';
}

/** Compares, group by group, `projecting`'s listings with `reading`'s getAttributes. */
async function checkFile(reading: DataReader, projecting: DataReader): Promise<number> {
  let checked = 0;
  const queue = ['/'];
  for (let listed = 0; queue.length > 0 && listed < MAX_GROUPS; listed++) {
    const group = queue.shift()!;
    const plain = await reading.listChildren(group).catch(() => null);
    if (!plain) continue;
    const objects = plain.filter(isObject);
    const expected = new Map<string, Record<string, Value>>();
    const names = new Set<string>();
    for (const child of objects) {
      const attrs = await reading.getAttributes(child.path).catch(() => []);
      const readable = attrs.filter((a) => a.error === undefined);
      expected.set(child.path, Object.fromEntries(readable.map((a) => [a.name, a.value])));
      for (const a of readable) names.add(a.name);
    }
    // Every name any child has: each child is asked for names it lacks too.
    const projected = await projecting.listChildren(group, { attrs: [...names] });
    for (const child of projected.filter(isObject)) {
      expect(child.attrs ?? {}, child.path).toEqual(expected.get(child.path));
      checked += Object.keys(child.attrs ?? {}).length;
      if (child.kind === 'group') queue.push(child.path);
    }
  }
  return checked;
}

describe('projected attributes', () => {
  const files = findHdf5Files();
  /** Attributes compared, over all files (some files' first groups have none). */
  let compared = 0;

  it('finds the real files', () => {
    expect(files.length).toBeGreaterThan(20);
  });

  for (const file of files) {
    it(`equal getAttributes' values: ${file.slice(TESTDATA.length + 1)}`, async () => {
      const [reading, projecting] = [await openLocalReader(file), await openLocalReader(file)];
      try {
        compared += await checkFile(reading, projecting);
      } finally {
        await Promise.all([reading.close(), projecting.close()]);
      }
    });
  }

  it('compared many attributes', () => {
    expect(compared).toBeGreaterThan(500);
  });
});
