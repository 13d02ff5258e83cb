import { describe, expect, it } from 'vitest';
import { siblingDescriptor } from './fileMounts';

describe('siblingDescriptor', () => {
  it('finds a linked file next to a URL, with the parent headers kept for its origin only', () => {
    const parent = {
      kind: 'url' as const,
      url: 'https://data.org/a/b/main.nwb?x=1',
      headers: { Authorization: 'token t' },
      headersOrigin: 'https://data.org',
    };
    expect(siblingDescriptor(parent, 'other.nwb')).toEqual({
      kind: 'url',
      url: 'https://data.org/a/b/other.nwb',
      headers: { Authorization: 'token t' },
      headersOrigin: 'https://data.org',
    });
    expect(siblingDescriptor(parent, '../c/linked.nwb')).toMatchObject({
      url: 'https://data.org/a/c/linked.nwb',
    });
    expect(siblingDescriptor(parent, 'folder/')).toBeNull();
  });

  it('finds a dropped sibling by its base name, or says there is none', () => {
    const named = (name: string) => Object.assign(new Blob(['x']), { name });
    const main = named('main.nwb');
    const other = named('other.nwb');
    const parent = { kind: 'file' as const, file: main, siblings: [main, other] };
    expect(siblingDescriptor(parent, './sub/other.nwb')).toMatchObject({ file: other });
    expect(siblingDescriptor(parent, 'missing.nwb')).toBeNull();
  });
});
