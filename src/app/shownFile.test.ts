import { describe, expect, it } from 'vitest';
import { noteShownFile, pictureFileKey, shownFileKey } from './shownFile';

describe('pictureFileKey', () => {
  it('is the key the blocks are kept under: presigned parts and the hash left out', () => {
    expect(pictureFileKey({ kind: 'url', url: 'https://data.example/a/b.nwb' })).toBe(
      'https://data.example/a/b.nwb',
    );
    expect(
      pictureFileKey({
        kind: 'url',
        url: 'https://bucket.example/blobs/ab/cd?versionId=3&X-Amz-Signature=ff&X-Amz-Expires=60#x',
      }),
    ).toBe('https://bucket.example/blobs/ab/cd?versionId=3');
  });

  it('is none for a file read with credentials, a local file, a folder or another scheme', () => {
    const url = 'https://api.example/assets/1/download/';
    expect(pictureFileKey({ kind: 'url', url, headers: { Authorization: 'token t' } })).toBeNull();
    expect(
      pictureFileKey({ kind: 'url', url, s3: { accessKeyId: 'a', secretAccessKey: 's' } }),
    ).toBeNull();
    expect(pictureFileKey({ kind: 'url', url: 's3://bucket/b.nwb' })).toBeNull();
    expect(pictureFileKey({ kind: 'file', file: new Blob([]) })).toBeNull();
    expect(pictureFileKey({ kind: 'folder', name: 'a.nwb.zarr', files: [] })).toBeNull();
  });
});

describe('noteShownFile', () => {
  it('holds the open file until another one, or none, is shown', () => {
    noteShownFile({ kind: 'url', url: 'https://data.example/a.nwb' });
    expect(shownFileKey()).toBe('https://data.example/a.nwb');
    noteShownFile({ kind: 'file', file: new Blob([]) });
    expect(shownFileKey()).toBeNull();
    noteShownFile({ kind: 'url', url: 'https://data.example/b.nwb' });
    noteShownFile(null);
    expect(shownFileKey()).toBeNull();
  });
});
