import { describe, expect, it } from 'vitest';
import { pictureableFileKey } from './keepViewSnapshot';

const base = 'http://127.0.0.1:4173/';

describe('pictureableFileKey', () => {
  it("is the file's own address, as index.html reads its kept identity", () => {
    const search = `?${new URLSearchParams({ url: 'https://data.example/a/b.nwb', path: '/acquisition' })}`;
    expect(pictureableFileKey(search, base)).toBe('https://data.example/a/b.nwb');
  });

  it('is none for an address index.html cannot key (query, hash), or for no file', () => {
    const link = (url: string) => `?${new URLSearchParams({ url })}`;
    expect(pictureableFileKey(link('https://s3.example/b.nwb?X-Amz-Signature=1'), base)).toBeNull();
    expect(pictureableFileKey(link('https://data.example/b.nwb#part'), base)).toBeNull();
    expect(pictureableFileKey(link('s3://bucket/b.nwb'), base)).toBeNull();
    expect(pictureableFileKey('?dandiset=000017', base)).toBeNull();
  });
});
