import { describe, expect, it } from 'vitest';
import { dandiInputLocation } from './dandiTargetLocation';

describe('dandiInputLocation', () => {
  it('maps dandiset IDs and page URLs to the DANDI view', () => {
    expect(dandiInputLocation('000409')).toEqual({
      ok: true,
      location: { view: 'dandi', dandiset: '000409' },
    });
    const fromUrl = dandiInputLocation('https://dandiarchive.org/dandiset/000409/draft');
    expect(fromUrl.ok && fromUrl.location).toMatchObject({ view: 'dandi', dandiset: '000409' });
  });

  it('refuses text that names nothing on DANDI', () => {
    expect(dandiInputLocation('hello').ok).toBe(false);
    expect(dandiInputLocation('').ok).toBe(false);
  });
});
