import { describe, expect, it } from 'vitest';
import { localSources } from './listFiles';

const file = (name: string) => new File([new Uint8Array(1)], name);

describe('localSources', () => {
  it('keeps the HDF5 files of a dropped folder, in path order, each able to follow links', () => {
    const b = file('b.nwb');
    const a = file('a.nwb');
    const notes = file('notes.txt');
    const h5 = file('linked.h5');
    const got = localSources([
      { file: b, relativePath: 'session/b.nwb' },
      { file: notes, relativePath: 'session/notes.txt' },
      { file: a, relativePath: 'session/a.nwb' },
      { file: h5, relativePath: 'session/linked.h5' },
    ]);
    expect(got.map((s) => s.name)).toEqual(['session/a.nwb', 'session/b.nwb', 'session/linked.h5']);
    const first = got[0]!.source;
    expect(first.kind).toBe('file');
    if (first.kind !== 'file') return;
    expect(first.file).toBe(a);
    // Every other dropped file is a sibling (a link target), never the file itself.
    expect(first.siblings).toEqual([b, notes, h5]);
  });

  it('gives nothing when no file is HDF5', () => {
    expect(localSources([{ file: file('x.txt'), relativePath: 'x.txt' }])).toEqual([]);
  });
});
