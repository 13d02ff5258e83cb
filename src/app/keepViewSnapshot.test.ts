import { describe, expect, it } from 'vitest';
import { namesAFile } from './keepViewSnapshot';

const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

describe('namesAFile', () => {
  it('is true for a link to a URL or to a DANDI asset', () => {
    expect(namesAFile(query({ url: 'https://data.example/a/b.nwb', path: '/acquisition' }))).toBe(
      true,
    );
    expect(
      namesAFile(query({ dandiset: '000017', version: 'draft', asset: 'a1b2', path: '/units' })),
    ).toBe(true);
  });

  it('is false for a dandiset, the opening screen, or an empty parameter', () => {
    expect(namesAFile(query({ dandiset: '000017', version: 'draft' }))).toBe(false);
    expect(namesAFile('')).toBe(false);
    expect(namesAFile(query({ url: '' }))).toBe(false);
  });
});
