import { describe, expect, it } from 'vitest';
import { PRODUCTION_API, SANDBOX_API } from './apiBase';
import { parseDandiInput } from './parseInput';

const ASSET = '838bab7b-9ab4-4d66-97b3-898a367c9c7e';

describe('parseDandiInput', () => {
  it.each([
    ['000017', { kind: 'dandiset', dandiset: '000017' }],
    ['  DANDI:000017 ', { kind: 'dandiset', dandiset: '000017' }],
    ['dandi:17', { kind: 'dandiset', dandiset: '000017' }],
    [
      'DANDI:000017/0.230629.1955',
      { kind: 'dandiset', dandiset: '000017', version: '0.230629.1955' },
    ],
  ])('ID %s', (text, expected) => {
    expect(parseDandiInput(text)).toEqual(expected);
  });

  it('dandiset page URLs, with version and folder', () => {
    expect(parseDandiInput('https://dandiarchive.org/dandiset/000017')).toEqual({
      kind: 'dandiset',
      dandiset: '000017',
      apiBase: PRODUCTION_API,
    });
    expect(parseDandiInput('https://dandiarchive.org/dandiset/000017/0.230629.1955')).toMatchObject(
      {
        version: '0.230629.1955',
      },
    );
    expect(
      parseDandiInput(
        'https://sandbox.dandiarchive.org/dandiset/000017/draft/files?location=sub-1%2F',
      ),
    ).toEqual({
      kind: 'dandiset',
      dandiset: '000017',
      version: 'draft',
      folder: 'sub-1/',
      apiBase: SANDBOX_API,
    });
    expect(parseDandiInput('https://gui.dandiarchive.org/#/dandiset/000017/draft')).toMatchObject({
      dandiset: '000017',
      version: 'draft',
    });
  });

  it('API asset URLs keep the API base', () => {
    expect(parseDandiInput(`https://api.dandiarchive.org/api/assets/${ASSET}/download/`)).toEqual({
      kind: 'asset',
      assetId: ASSET,
      apiBase: PRODUCTION_API,
    });
    expect(
      parseDandiInput(`http://127.0.0.1:9999/api/dandisets/000001/versions/draft/assets/${ASSET}/`),
    ).toEqual({
      kind: 'asset',
      assetId: ASSET,
      dandiset: '000001',
      version: 'draft',
      apiBase: 'http://127.0.0.1:9999/api',
    });
    expect(
      parseDandiInput('https://api.dandiarchive.org/api/dandisets/000001/versions/draft/'),
    ).toEqual({
      kind: 'dandiset',
      dandiset: '000001',
      version: 'draft',
      apiBase: PRODUCTION_API,
    });
  });

  it('S3 blob and Zarr URLs', () => {
    const blob =
      'https://dandiarchive.s3.amazonaws.com/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826';
    expect(parseDandiInput(blob)).toEqual({
      kind: 'blob',
      blobId: '2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826',
      url: blob,
    });
    expect(
      parseDandiInput(
        'https://dandiarchive.s3.amazonaws.com/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/0/0',
      ),
    ).toEqual({
      kind: 'zarr',
      zarrId: '9eea4d89-c304-4a94-9117-66334b704cbd',
      url: 'https://dandiarchive.s3.amazonaws.com/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/',
    });
  });

  it('neurosift links', () => {
    const inner = encodeURIComponent(`https://api.dandiarchive.org/api/assets/${ASSET}/download/`);
    expect(
      parseDandiInput(
        `https://neurosift.app/?p=/nwb&url=${inner}&dandisetId=000027&dandisetVersion=draft`,
      ),
    ).toEqual({
      kind: 'asset',
      assetId: ASSET,
      dandiset: '000027',
      version: 'draft',
      apiBase: PRODUCTION_API,
    });
    expect(parseDandiInput('https://neurosift.app/?p=/dandiset&dandisetId=000027')).toMatchObject({
      kind: 'dandiset',
      dandiset: '000027',
    });
  });

  it('DOIs', () => {
    expect(parseDandiInput('https://doi.org/10.48324/dandi.000017/0.230629.1955')).toEqual({
      kind: 'dandiset',
      dandiset: '000017',
      version: '0.230629.1955',
    });
  });

  it('DOIs as citations write them', () => {
    expect(parseDandiInput('10.48324/dandi.000017/0.230629.1955')).toEqual({
      kind: 'dandiset',
      dandiset: '000017',
      version: '0.230629.1955',
    });
    expect(parseDandiInput('doi:10.48324/dandi.000409')).toEqual({
      kind: 'dandiset',
      dandiset: '000409',
    });
  });

  it.each([
    '',
    'hello',
    '10.1000/other.000017',
    '1234567',
    'ftp://dandiarchive.org/dandiset/000017',
    'https://example.com/x',
  ])('rejects %j', (text) => {
    expect(parseDandiInput(text)).toBeNull();
  });
});
