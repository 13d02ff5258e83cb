import { describe, expect, it } from 'vitest';
import { createApiKeyStore } from './apiKeyStore';
import { PRODUCTION_API } from './apiBase';
import { dandiUrlTarget } from './urlTarget';

const ASSET = '838bab7b-9ab4-4d66-97b3-898a367c9c7e';

describe('dandiUrlTarget: which file URLs are DANDI assets', () => {
  it('API download and asset URLs, with or without their dandiset', () => {
    expect(dandiUrlTarget(`https://api.dandiarchive.org/api/assets/${ASSET}/download/`)).toEqual({
      kind: 'asset',
      assetId: ASSET,
      apiBase: PRODUCTION_API,
    });
    expect(
      dandiUrlTarget(`http://127.0.0.1:9/api/dandisets/000027/versions/draft/assets/${ASSET}/`),
    ).toEqual({
      kind: 'asset',
      assetId: ASSET,
      apiBase: 'http://127.0.0.1:9/api',
      dandiset: '000027',
      version: 'draft',
    });
  });

  it('S3 blob URLs of any bucket host', () => {
    const url =
      'https://dandiarchive.s3.amazonaws.com/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826';
    expect(dandiUrlTarget(url)).toEqual({
      kind: 'blob',
      blobId: '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
      url,
    });
  });

  it.each([
    'https://example.com/data/file.nwb',
    '/samples/sub-1.nwb',
    's3://dandiarchive/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
    // A Zarr store opens as the URL it is (the reader's Zarr backend), not through the API.
    'https://dandiarchive.s3.amazonaws.com/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/',
    'https://dandiarchive.org/dandiset/000017',
  ])('not %s', (url) => {
    expect(dandiUrlTarget(url)).toBeNull();
  });
});

describe('a rejected key', () => {
  it('is marked until the user sets another key or forgets it', () => {
    const keys = createApiKeyStore(null);
    let notified = 0;
    keys.subscribe(() => notified++);
    keys.markRejected('https://a/api');
    expect(keys.isRejected('https://a/api')).toBe(false); // no key, nothing to reject
    keys.set('https://a/api', 'k1', false);
    keys.markRejected('https://a/api');
    expect(keys.isRejected('https://a/api')).toBe(true);
    expect(keys.isRejected('https://b/api')).toBe(false);
    keys.set('https://a/api', 'k2', false);
    expect(keys.isRejected('https://a/api')).toBe(false);
    keys.markRejected('https://a/api');
    keys.clear('https://a/api');
    expect(keys.isRejected('https://a/api')).toBe(false);
    expect(notified).toBe(5);
  });
});
