import { describe, expect, it } from 'vitest';
import {
  blobUrl,
  bucketOf,
  presignedExpiry,
  resolveFromRef,
  s3UrlFromContentUrl,
  isEmbargoedMetadata,
  sourceOf,
  type ResolveContext,
} from './assetSource';

const ctx: ResolveContext = {
  apiBase: 'https://api.dandiarchive.org/api',
  apiKey: 'secret',
  bucketBase: 'https://dandiarchive.s3.amazonaws.com',
  embargoed: false,
};

describe('asset sources', () => {
  it('builds the S3 blob URL from the blob id', () => {
    expect(
      blobUrl('https://dandiarchive.s3.amazonaws.com', '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826'),
    ).toBe(
      'https://dandiarchive.s3.amazonaws.com/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
    );
    expect(bucketOf('http://127.0.0.1:1/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826')).toBe(
      'http://127.0.0.1:1',
    );
  });

  it('picks the S3 entry of contentUrl', () => {
    expect(
      s3UrlFromContentUrl([
        'https://api.dandiarchive.org/api/assets/838bab7b-9ab4-4d66-97b3-898a367c9c7e/download/',
        'https://dandiarchive.s3.amazonaws.com/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
      ]),
    ).toMatch(/\/blobs\//);
  });

  it('a public blob opens by its S3 URL with the listed size and no key', () => {
    const r = resolveFromRef(
      { assetId: 'a', path: 'x.nwb', size: 10, blobId: '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826' },
      ctx,
    );
    expect(r).toEqual({
      kind: 'hdf5',
      asset: expect.anything(),
      embargoed: false,
      source: {
        kind: 'url',
        url: blobUrl(ctx.bucketBase as string, '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826'),
        size: 10,
      },
    });
  });

  it('without a size or URL it needs the metadata (null)', () => {
    expect(resolveFromRef({ assetId: 'a', path: 'x.nwb', blobId: 'b' }, ctx)).toBeNull();
    expect(
      resolveFromRef({ assetId: 'a', path: 'x.nwb', size: 3 }, { ...ctx, bucketBase: null }),
    ).toBeNull();
  });

  it('an embargoed blob goes through the download redirect, key for the API origin only', () => {
    const r = resolveFromRef(
      { assetId: 'abc', path: 'x.nwb', size: 10 },
      { ...ctx, embargoed: true },
    );
    expect(r).toMatchObject({
      kind: 'hdf5',
      embargoed: true,
      source: {
        kind: 'url',
        url: 'https://api.dandiarchive.org/api/assets/abc/download/',
        size: 10,
        headers: { Authorization: 'token secret' },
        headersOrigin: 'https://api.dandiarchive.org',
      },
    });
  });

  it('a Zarr asset is handed to the reader as its store folder URL', () => {
    const r = resolveFromRef(
      { assetId: 'z', path: 'a/b.zarr', zarrId: '9eea4d89-c304-4a94-9117-66334b704cbd' },
      ctx,
    );
    expect(r).toMatchObject({
      kind: 'zarr',
      storeUrl: 'https://dandiarchive.s3.amazonaws.com/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/',
    });
    expect(sourceOf(r!)).toEqual({
      kind: 'url',
      url: 'https://dandiarchive.s3.amazonaws.com/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/',
    });
  });

  it("reads the embargo from the metadata's access status", () => {
    expect(isEmbargoedMetadata({ access: [{ status: 'dandi:EmbargoedAccess' }] })).toBe(true);
    expect(isEmbargoedMetadata({ access: [{ status: 'dandi:OpenAccess' }] })).toBe(false);
    expect(isEmbargoedMetadata({})).toBe(false);
  });

  it('reads the expiry of presigned URLs', () => {
    expect(presignedExpiry('https://x/y?X-Amz-Date=20240101T000000Z&X-Amz-Expires=3600')).toBe(
      Date.UTC(2024, 0, 1, 1, 0, 0),
    );
    expect(presignedExpiry('https://x/y?Expires=1700000000')).toBe(1_700_000_000_000);
    expect(presignedExpiry('https://x/y')).toBeNull();
  });
});
