import { describe, expect, it } from 'vitest';
import { BlobSource } from './BlobSource';
import { createSource } from './createSource';
import { HttpRangeSource } from './HttpRangeSource';
import { identityKeyForUrl } from './urlKey';
import { patternBytes } from './testing/fixtures';

const bytes = patternBytes(1000, 3);
const file = new File([bytes], 'sess.nwb', { lastModified: 1_700_000_000_000 });

describe('BlobSource', () => {
  it('identifies a file by name, size and lastModified', async () => {
    const src = new BlobSource(file);
    expect(src.key).toBe('local:sess.nwb:1000:1700000000000');
    expect(await src.identify()).toEqual({ key: src.key, size: 1000, validator: '1700000000000' });
    expect(src.knownSize).toBe(1000);
  });

  it('reads exact slices and reports reads past the end as truncated', async () => {
    const src = new BlobSource(file);
    expect((await src.read({ start: 10, end: 20 })).data).toEqual(bytes.subarray(10, 20));
    await expect(src.read({ start: 990, end: 1001 })).rejects.toMatchObject({ code: 'truncated' });
  });

  it('honours an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(new BlobSource(file).read({ start: 0, end: 1 }, ac.signal)).rejects.toMatchObject({
      code: 'cancelled',
    });
  });

  it('works with a plain Blob (no name, no lastModified)', async () => {
    const src = new BlobSource(new Blob([bytes]));
    expect(src.key).toBe('local:blob:1000:');
    expect((await src.identify()).validator).toBeNull();
  });
});

describe('createSource', () => {
  it('builds a source per descriptor kind', async () => {
    expect(createSource({ kind: 'file', file })).toBeInstanceOf(BlobSource);
    const http = createSource({ kind: 'url', url: 'https://h.test/a.nwb', size: 5 });
    expect(http).toBeInstanceOf(HttpRangeSource);
    expect(await http.identify()).toEqual({
      key: 'https://h.test/a.nwb',
      size: 5,
      validator: null,
    });
  });
});

describe('identityKeyForUrl', () => {
  it('drops presigned-URL parameters and the fragment, keeps the rest', () => {
    expect(
      identityKeyForUrl(
        'https://b.s3.amazonaws.com/blobs/a/b/c?versionId=7&X-Amz-Signature=s&X-Amz-Expires=3600&X-Amz-Date=1#x',
      ),
    ).toBe('https://b.s3.amazonaws.com/blobs/a/b/c?versionId=7');
    expect(identityKeyForUrl('https://h.test/f.nwb')).toBe('https://h.test/f.nwb');
  });
});
