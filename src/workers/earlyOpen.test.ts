/**
 * The fetcher worker's own start on a link's file (earlyOpen.ts): the file is read from the
 * worker's name as index.html writes it, and the page asking for the same file again, before or
 * after the reader's open took it, reads nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import { gets, patternBytes, serveDir, tempFiles } from '../bytes/testing/fixtures';
import { EARLY_OPEN_ID, earlyOpenIn } from './earlyOpen';
import { LoaderService } from './loaderService';

describe('earlyOpenIn', () => {
  it('reads the URL index.html put after the worker name', () => {
    const url = 'https://data.example/a b/session.nwb?x=1&y=2';
    expect(earlyOpenIn(`fetcher#open=${encodeURIComponent(url)}`)).toEqual({ kind: 'url', url });
  });

  it('finds nothing in a plain name, a bad escape or another scheme', () => {
    expect(earlyOpenIn('fetcher')).toBeNull();
    expect(earlyOpenIn('fetcher#open=%E0%A4%A')).toBeNull();
    expect(earlyOpenIn(`fetcher#open=${encodeURIComponent('javascript:alert(1)')}`)).toBeNull();
    expect(earlyOpenIn(`fetcher#open=${encodeURIComponent('s3://bucket/key.nwb')}`)).toBeNull();
  });
});

async function until(ok: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !ok(); i++) await new Promise((r) => setTimeout(r, 10));
}

describe('a file prepared by the worker, then by the page', () => {
  const files = tempFiles('nwbx-early-');
  let server: RangeServer;
  beforeAll(async () => {
    files.write('f.nwb', patternBytes(3 * 1024 * 1024, 7));
    server = await serveDir(files.dir);
  });
  afterAll(() => server.close());

  it('is read once, however often and whenever it is asked for again', async () => {
    // No persistent store: every start on the file shows as requests.
    const service = new LoaderService({ persistent: null });
    const source = { kind: 'url' as const, url: `${server.url}/f.nwb` };
    service.prepare(EARLY_OPEN_ID, source);
    service.prepare(EARLY_OPEN_ID, source); // the page's prepare
    const identity = await service.openDescriptor(EARLY_OPEN_ID, source);
    service.prepare(EARLY_OPEN_ID, source); // the page's open, after the reader took it
    expect(await service.firstListing(EARLY_OPEN_ID, ['neurodata_type'])).toBeNull(); // not HDF5
    expect(identity.size).toBe(3 * 1024 * 1024);
    await until(() => gets(server, 'f.nwb').length >= 2);
    await new Promise((r) => setTimeout(r, 100));
    // The probe with the head, and the tail: no more.
    expect(gets(server, 'f.nwb')).toHaveLength(2);

    // Closed, the id is free again: a new prepare starts on the file anew.
    service.close(EARLY_OPEN_ID);
    service.prepare(EARLY_OPEN_ID, source);
    await service.openDescriptor(EARLY_OPEN_ID, source);
    await until(() => gets(server, 'f.nwb').length >= 4);
    expect(gets(server, 'f.nwb')).toHaveLength(4);
  });
});
