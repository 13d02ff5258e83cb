import { describe, expect, it } from 'vitest';
import { filesOfHandles, handlePermission, handlesOfDrop, type StoredHandle } from './fileHandles';

/** A directory handle over plain data, shaped as the browser's (values() is async iterable). */
function dir(name: string, children: StoredHandle[]): StoredHandle {
  return {
    kind: 'directory',
    name,
    async *values() {
      yield* children;
    },
  } as StoredHandle;
}

function file(name: string, text = name): StoredHandle {
  return { kind: 'file', name, getFile: async () => new File([text], name) } as StoredHandle;
}

function transfer(results: unknown[]): DataTransfer {
  const items = results.map((result) => ({
    kind: 'file',
    getAsFileSystemHandle: () => Promise.resolve(result),
  }));
  return { items } as unknown as DataTransfer;
}

describe('file handles', () => {
  it('reads a folder handle back into the paths a drop of it gives', async () => {
    const files = await filesOfHandles([
      dir('session', [file('a.nwb'), dir('store.zarr', [file('.zgroup')])]),
      file('b.nwb'),
    ]);
    expect(files.map((f) => f.relativePath)).toEqual([
      'session/a.nwb',
      'session/store.zarr/.zgroup',
      'b.nwb',
    ]);
    expect(await files[2].file.text()).toBe('b.nwb');
  });

  it('takes handles from a drop only when every item has one', async () => {
    const a = file('a.nwb');
    expect(await handlesOfDrop(transfer([a]))).toEqual([a]);
    // A scripted drop answers undefined; a drop of something without a handle answers null.
    expect(await handlesOfDrop(transfer([a, undefined]))).toBeNull();
    expect(await handlesOfDrop(transfer([null]))).toBeNull();
    expect(await handlesOfDrop(transfer([]))).toBeNull();
  });

  it('asks the browser for permission only when told to', async () => {
    const asked: string[] = [];
    const handle = {
      ...file('a.nwb'),
      queryPermission: async () => 'prompt' as const,
      requestPermission: async () => {
        asked.push('request');
        return 'granted' as const;
      },
    };
    expect(await handlePermission(handle, false)).toBe('prompt');
    expect(asked).toEqual([]);
    expect(await handlePermission(handle, true)).toBe('granted');
    expect(asked).toEqual(['request']);
  });
});
