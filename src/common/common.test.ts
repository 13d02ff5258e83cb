import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes';
import { urlFileName } from './urlFileName';

describe('urlFileName', () => {
  it('names a URL by the last segment of its path, decoded', () => {
    expect(urlFileName('https://x.org/a/my%20file.nwb?sig=1#frag')).toBe('my file.nwb');
    expect(urlFileName('https://bucket.s3.amazonaws.com/zarr/abc/store.zarr/')).toBe('store.zarr');
    expect(urlFileName('/relative/path/f.h5')).toBe('f.h5');
  });
  it('falls back to the host, or to the text, and keeps a malformed escape', () => {
    expect(urlFileName('https://example.org/')).toBe('example.org');
    expect(urlFileName('https://x.org/bad%E0%A4%A.nwb')).toBe('bad%E0%A4%A.nwb');
    expect(urlFileName('http://[not a url')).toBe('http://[not a url');
  });
});

describe('formatBytes', () => {
  it('uses binary units and three significant digits', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.50 KiB');
    expect(formatBytes(16_000_000)).toBe('15.3 MiB');
    expect(formatBytes(512 * 1024 ** 3)).toBe('512 GiB');
    expect(formatBytes(null)).toBe('—');
  });
});
