import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import { asExplorerError } from '../errors';
import { HttpObjectSource } from '../zarr/HttpObjectSource';
import { HttpRangeSource } from './HttpRangeSource';
import { explainRejection, probeNoCors, shownUrl } from './httpFailure';
import { withRetry } from './retry';
import { codeOf, patternBytes, serveDir, tempFiles } from './testing/fixtures';

const files = tempFiles();
files.write('small.bin', patternBytes(1000, 3));

let server: RangeServer;
let deadUrl: string;
beforeAll(async () => {
  server = await serveDir(files.dir);
  const dead = await serveDir(files.dir);
  deadUrl = `${dead.url}/small.bin`;
  await dead.close();
});
afterAll(() => server.close());

function unexpected(): never {
  throw new Error('expected a failure');
}

/** What a browser does when CORS refuses an answer: fetch() rejects with a bare TypeError. */
const refusingFetch: typeof fetch = () => Promise.reject(new TypeError('Failed to fetch'));

describe('probeNoCors', () => {
  it('is true for a host that answers and false for one that is down', async () => {
    expect(await probeNoCors(`${server.url}/small.bin`)).toBe(true);
    expect(await probeNoCors(deadUrl)).toBe(false);
  });
});

describe('explainRejection', () => {
  it('a refusal by a host that answers is a CORS error naming the URL and the header', async () => {
    const url = `${server.url}/dir/file.nwb?X-Amz-Signature=secret`;
    const e = await explainRejection(new TypeError('Failed to fetch'), url, {
      sentHeaders: ['Authorization'],
    });
    expect(e.code).toBe('cors');
    expect(e.message).toContain(`${server.url}/dir/file.nwb`);
    expect(e.message).toMatch(/Access-Control-Allow-Origin/);
    expect(e.message).toMatch(/Access-Control-Allow-Headers: Range, Authorization/);
    // A presigned URL's signature never lands in a message.
    expect(e.message).not.toContain('secret');
  });

  it('a host that does not answer is a network error naming it', async () => {
    const e = await explainRejection(new TypeError('Failed to fetch'), deadUrl, {});
    expect(e.code).toBe('network');
    expect(e.message).toContain(new URL(deadUrl).host);
    expect(e.message).toContain(shownUrl(deadUrl));
  });

  it('an abort stays a cancel, without a probe', async () => {
    const c = new AbortController();
    c.abort();
    let probed = false;
    const e = await explainRejection(new TypeError('x'), deadUrl, {
      signal: c.signal,
      probe: async () => (probed = true),
    });
    expect(e.code).toBe('cancelled');
    expect(probed).toBe(false);
  });
});

describe('a CORS refusal through the sources', () => {
  it('HttpRangeSource: reported as cors on the first attempt, never retried', async () => {
    let attempts = 0;
    const src = new HttpRangeSource({ url: `${server.url}/small.bin`, fetch: refusingFetch });
    const started = Date.now();
    const error = await withRetry(
      () => {
        attempts++;
        return src.identify();
      },
      { baseDelayMs: 500 },
    ).then(unexpected, asExplorerError);
    expect(error.code).toBe('cors');
    expect(attempts).toBe(1);
    // Not a speed test: a retried error would have slept at least 250 ms before attempt 2.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('HttpRangeSource: a host that is down is still a retryable network error', async () => {
    let attempts = 0;
    const src = new HttpRangeSource({ url: deadUrl, size: 1000 });
    const error = await withRetry(
      () => {
        attempts++;
        return src.read({ start: 0, end: 10 });
      },
      { maxRetries: 2, baseDelayMs: 1 },
    ).then(unexpected, asExplorerError);
    expect(error.code).toBe('network');
    expect(attempts).toBe(3);
  });

  it('HttpObjectSource (Zarr) tells the two apart the same way', async () => {
    const refused = new HttpObjectSource({
      url: `${server.url}/small.bin`,
      displayName: 'small.bin',
      fetch: refusingFetch,
    });
    expect(await codeOf(refused.identify())).toBe('cors');
    const down = new HttpObjectSource({ url: deadUrl, displayName: 'small.bin' });
    expect(await codeOf(down.identify())).toBe('network');
  });

  it('an HTTP status names the URL, what was expected and what to do', async () => {
    const src = new HttpRangeSource({ url: `${server.url}/missing.bin` });
    const error = await src.identify().then(unexpected, asExplorerError);
    expect(error.code).toBe('not-found');
    expect(error.message).toContain(`${server.url}/missing.bin`);
    expect(error.message).toMatch(/HTTP 404 where the file's bytes were expected/);
    expect(error.message).toMatch(/Check the address/);
  });
});
