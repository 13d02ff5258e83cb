import { describe, expect, it } from 'vitest';
import { parseDandiInput } from './parseDandiInput';

describe('parseDandiInput', () => {
  it('reads bare and prefixed IDs', () => {
    expect(parseDandiInput('000409')).toEqual({
      ok: true,
      location: { view: 'dandi', dandiset: '000409' },
    });
    expect(parseDandiInput('DANDI:000409/0.230111.1239')).toEqual({
      ok: true,
      location: { view: 'dandi', dandiset: '000409', version: '0.230111.1239' },
    });
  });

  it('reads archive URLs', () => {
    expect(
      parseDandiInput('https://dandiarchive.org/dandiset/000409/draft/files?location=sub-1'),
    ).toEqual({
      ok: true,
      location: { view: 'dandi', dandiset: '000409', version: 'draft', folder: 'sub-1' },
    });
    expect(
      parseDandiInput('https://api.dandiarchive.org/api/dandisets/000409/versions/draft/'),
    ).toEqual({
      ok: true,
      location: { view: 'dandi', dandiset: '000409', version: 'draft' },
    });
  });

  it('refuses what is not a dandiset', () => {
    expect(parseDandiInput('12345').ok).toBe(false);
    expect(parseDandiInput('https://example.org/x').ok).toBe(false);
  });
});
