import { describe, expect, it } from 'vitest';
import type { CollectedFile } from './collectFiles';
import { chooseLocal } from './chooseLocal';

const collected = (relativePath: string): CollectedFile => ({
  file: new File([new Uint8Array(1)], relativePath.split('/').pop() ?? relativePath),
  relativePath,
});

describe('chooseLocal', () => {
  it('opens the one file dropped, whatever its name', () => {
    const only = collected('notes.bin');
    expect(chooseLocal([only])).toEqual({ kind: 'file', chosen: only, siblings: [] });
  });

  it('opens the file remembered by path, the others serving its external links', () => {
    const files = ['s/a.nwb', 's/b.nwb', 's/c.nwb'].map(collected);
    const choice = chooseLocal(files, { path: 's/b.nwb' });
    expect(choice).toMatchObject({ kind: 'file', chosen: files[1] });
    expect(choice?.kind === 'file' && choice.siblings).toEqual([files[0].file, files[2].file]);
  });

  it('opens the file the address names, else asks which one', () => {
    const files = ['a.nwb', 'b.nwb'].map(collected);
    expect(chooseLocal(files, { name: 'b.nwb' })).toMatchObject({ chosen: files[1] });
    expect(chooseLocal(files)).toEqual({ kind: 'choose', candidates: files });
    // A remembered path no longer among the files: ask, never open another file silently.
    expect(chooseLocal(files, { path: 'gone.nwb' })).toEqual({ kind: 'choose', candidates: files });
  });

  it('opens a Zarr store as a whole unless HDF5 files came with it', () => {
    const store = ['x.nwb.zarr/.zgroup', 'x.nwb.zarr/acquisition/.zgroup'].map(collected);
    expect(chooseLocal(store)).toMatchObject({ kind: 'folder', store: { name: 'x.nwb.zarr' } });
    const mixed = [...store, collected('y.nwb')];
    expect(chooseLocal(mixed)).toMatchObject({ kind: 'file', chosen: mixed[2] });
  });

  it('has nothing to open in an empty drop', () => {
    expect(chooseLocal([])).toBeNull();
  });
});
