import { describe, expect, it } from 'vitest';
import { resolveFileUrl, s3ToHttps, urlDisplayName } from './resolveFileUrl';

describe('resolveFileUrl', () => {
  it('maps s3:// to the bucket endpoint', () => {
    expect(s3ToHttps('s3://dandiarchive/blobs/abc/def')).toBe(
      'https://dandiarchive.s3.amazonaws.com/blobs/abc/def',
    );
    expect(resolveFileUrl('s3://b/dir/a b+c.nwb')).toEqual({
      ok: true,
      url: 'https://b.s3.amazonaws.com/dir/a%20b%2Bc.nwb',
    });
    expect(resolveFileUrl('s3://bucket-only').ok).toBe(false);
  });

  it('accepts https and same-origin paths, refuses the rest', () => {
    expect(resolveFileUrl(' https://example.org/f.nwb ')).toEqual({
      ok: true,
      url: 'https://example.org/f.nwb',
    });
    expect(resolveFileUrl('/samples/x.nwb')).toEqual({ ok: true, url: '/samples/x.nwb' });
    expect(resolveFileUrl('ftp://example.org/f.nwb').ok).toBe(false);
    expect(resolveFileUrl('not a url').ok).toBe(false);
    expect(resolveFileUrl('').ok).toBe(false);
  });

  it('names a URL by its last segment', () => {
    expect(urlDisplayName('https://x.org/a/my%20file.nwb?sig=1')).toBe('my file.nwb');
  });
});
