import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RangeServer } from '../../servers/range-server';
import { HttpRangeSource } from './HttpRangeSource';
import { codeOf, gets, patternBytes, sameBytes, serveDir, tempFiles } from './testing/fixtures';

const files = tempFiles();
const small = patternBytes(300_000, 1);
const big = patternBytes(16 * 1024 * 1024, 2);
files.write('small.bin', small);
files.write('big.bin', big);

let server: RangeServer;
beforeAll(async () => {
  server = await serveDir(files.dir);
});
afterAll(() => server.close());

function fakeFetch(respond: (url: string, init?: RequestInit) => Response): typeof fetch {
  return async (input, init) => respond(String(input), init);
}

describe('HttpRangeSource against the range server', () => {
  it('identify() probes once and keeps the probe bytes for the next read', async () => {
    server.stats.reset();
    const src = new HttpRangeSource({ url: `${server.url}/small.bin`, probeBytes: 128 * 1024 });
    const id = await src.identify();
    expect(id.size).toBe(300_000);
    expect(id.key).toBe(`${server.url}/small.bin`);
    expect(id.validator).toMatch(/^"/);
    expect(gets(server)).toHaveLength(1);
    expect(gets(server)[0].range).toBe('bytes=0-131071');

    const r = await src.read({ start: 100, end: 5000 });
    expect(sameBytes(r.data, small.subarray(100, 5000))).toBe(true);
    expect(gets(server)).toHaveLength(1); // served from the primed buffer

    // One-shot: the same range again is a request.
    await src.read({ start: 100, end: 5000 });
    expect(gets(server)).toHaveLength(2);
    expect(gets(server)[1].range).toBe('bytes=100-4999');
  });

  it('identify() with a tail asks for it once the probe shows the size, in the same round', async () => {
    server.stats.reset();
    const src = new HttpRangeSource({ url: `${server.url}/big.bin`, probeBytes: 64 * 1024 });
    const size = big.length;
    const asked: number[] = [];
    const id = await src.identify(undefined, {
      tail: (n) => (asked.push(n), { start: n - 100_000, end: n }),
    });
    expect(id.size).toBe(size);
    expect(asked).toEqual([size]);
    // identify() does not wait for the tail: it is handed over in flight.
    const read = src.takeTailRead();
    expect(read?.range).toEqual({ start: size - 100_000, end: size });
    const tail = await read!.bytes;
    expect(gets(server).map((e) => e.range)).toEqual([
      'bytes=0-65535',
      `bytes=${size - 100_000}-${size - 1}`,
    ]);
    expect(tail?.start).toBe(size - 100_000);
    expect(sameBytes(tail!.data, big.subarray(size - 100_000))).toBe(true);
    expect(src.takeTailRead()).toBeNull(); // handed over once
    expect(sameBytes(src.takePrimed()!.data, big.subarray(0, 64 * 1024))).toBe(true);
  });

  it('no tail request when the probe holds the whole file', async () => {
    server.stats.reset();
    const src = new HttpRangeSource({ url: `${server.url}/small.bin` });
    await src.identify(undefined, { tail: (n) => ({ start: 0, end: n }) });
    expect(gets(server)).toHaveLength(1);
    expect(src.takeTailRead()).toBeNull();
  });

  it('a failed tail read is dropped, the probe still answers', async () => {
    server.stats.reset();
    const src = new HttpRangeSource({ url: `${server.url}/big.bin`, probeBytes: 1024 });
    // Past the end: the server answers 416, so no tail is kept and identify() is unharmed.
    const id = await src.identify(undefined, { tail: (n) => ({ start: n + 10, end: n + 20 }) });
    expect(id.size).toBe(big.length);
    expect(src.takeTailRead()).toBeNull();
  });

  it('a size given in advance makes identify() free; the validator shows up after a read', async () => {
    server.stats.reset();
    const src = new HttpRangeSource({ url: `${server.url}/small.bin`, size: 300_000 });
    expect(await src.identify()).toEqual({
      key: `${server.url}/small.bin`,
      size: 300_000,
      validator: null,
    });
    expect(server.stats.requests).toBe(0);
    const r = await src.read({ start: 299_990, end: 300_000 });
    expect(sameBytes(r.data, small.subarray(299_990))).toBe(true);
    expect(r.seen.size).toBe(300_000);
    expect((await src.identify()).validator).toBe(r.seen.validator);
    expect(server.stats.requests).toBe(1);
  });

  it('detects a server that ignores Range without downloading the whole body', async () => {
    const throttled = await serveDir(files.dir, { mbps: 200 });
    try {
      for (const fault of ['norange', 'norange,nolength']) {
        throttled.stats.reset();
        const src = new HttpRangeSource({
          url: `${throttled.url}/_fault/${fault}/big.bin`,
          size: big.length,
        });
        expect(await codeOf(src.read({ start: 0, end: 65536 }))).toBe('no-range-support');
        // Give the server a moment to notice the closed socket, then check what it sent.
        await new Promise((r) => setTimeout(r, 200));
        expect(throttled.stats.log[0].status).toBe(200);
        expect(throttled.stats.bytes).toBeLessThan(2 * 1024 * 1024);
      }
    } finally {
      await throttled.close();
    }
  });

  it('maps statuses to error codes', async () => {
    const url = (f: string) => `${server.url}/_fault/${f}/small.bin`;
    expect(
      await codeOf(
        new HttpRangeSource({ url: url('status=404'), size: 10 }).read({ start: 0, end: 5 }),
      ),
    ).toBe('not-found');
    const forbidden = new HttpRangeSource({ url: url('status=403'), size: 10 }).read({
      start: 0,
      end: 5,
    });
    await expect(forbidden).rejects.toThrow(/403/);
    expect(await codeOf(forbidden)).toBe('forbidden');
    expect(
      await codeOf(
        new HttpRangeSource({ url: url('status=401'), size: 10 }).read({ start: 0, end: 5 }),
      ),
    ).toBe('forbidden');
    expect(await codeOf(new HttpRangeSource({ url: url('fail5xx=99') }).identify())).toBe('server');
    expect(
      await codeOf(
        new HttpRangeSource({ url: url('status=429'), size: 10 }).read({ start: 0, end: 5 }),
      ),
    ).toBe('server');
  });

  it('reports a file shorter than the range as truncated (416 and short 206)', async () => {
    const url = `${server.url}/_fault/truncate=1000/small.bin`;
    // The descriptor believes the file is 300 000 bytes; the server has only 1000.
    const src = new HttpRangeSource({ url, size: 300_000 });
    expect(await codeOf(src.read({ start: 2000, end: 3000 }))).toBe('truncated'); // 416
    expect(await codeOf(src.read({ start: 500, end: 1500 }))).toBe('truncated'); // short 206
    // Past a size known in advance: no request needed to know.
    server.stats.reset();
    expect(await codeOf(src.read({ start: 299_000, end: 300_001 }))).toBe('truncated');
    expect(server.stats.requests).toBe(0);
  });

  it('a dropped connection is a (retryable) network error', async () => {
    const src = new HttpRangeSource({
      url: `${server.url}/_fault/dropfirst=1/big.bin`,
      size: big.length,
    });
    expect(await codeOf(src.read({ start: 0, end: 1024 * 1024 }))).toBe('network');
    const ok = await src.read({ start: 0, end: 1024 * 1024 });
    expect(sameBytes(ok.data, big.subarray(0, 1024 * 1024))).toBe(true);
  });

  it('an unreachable host is a network error naming the host', async () => {
    const dead = await serveDir(files.dir);
    const url = `${dead.url}/small.bin`;
    await dead.close();
    const p = new HttpRangeSource({ url, size: 10 }).read({ start: 0, end: 5 });
    await expect(p).rejects.toThrow(/Could not reach 127\.0\.0\.1/);
    expect(await codeOf(p)).toBe('network');
  });

  it('abort rejects with cancelled, before and during a request', async () => {
    const src = new HttpRangeSource({
      url: `${server.url}/_fault/latency=2000/small.bin`,
      size: 300_000,
    });
    const ac = new AbortController();
    const t0 = Date.now();
    const p = src.read({ start: 0, end: 10 }, ac.signal);
    setTimeout(() => ac.abort(), 50);
    expect(await codeOf(p)).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await codeOf(src.read({ start: 0, end: 10 }, ac.signal))).toBe('cancelled');
  });
});

describe('HttpRangeSource headers and redirects', () => {
  let other: RangeServer;
  let redirector: http.Server;
  let redirectorUrl = '';
  const redirectorLog: http.IncomingHttpHeaders[] = [];
  beforeAll(async () => {
    other = await serveDir(files.dir);
    redirector = http.createServer((req, res) => {
      redirectorLog.push(req.headers);
      res.writeHead(302, { Location: `${other.url}${req.url}` }).end();
    });
    await new Promise<void>((r) => redirector.listen(0, '127.0.0.1', r));
    redirectorUrl = `http://127.0.0.1:${(redirector.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await other.close();
    redirector.closeAllConnections();
    await new Promise((r) => redirector.close(r));
  });

  it('sends headers to their origin only, never to the redirect target', async () => {
    other.stats.reset();
    redirectorLog.length = 0;
    const src = new HttpRangeSource({
      url: `${redirectorUrl}/small.bin?X-Amz-Signature=abc&v=1`,
      size: 300_000,
      headers: { Authorization: 'token secret', 'X-Custom': 'yes' },
      headersOrigin: redirectorUrl,
    });
    expect(src.key).toBe(`${redirectorUrl}/small.bin?v=1`);
    expect(sameBytes((await src.read({ start: 0, end: 100 })).data, small.subarray(0, 100))).toBe(
      true,
    );
    expect(redirectorLog[0].authorization).toBe('token secret');
    expect(redirectorLog[0]['x-custom']).toBe('yes');
    const target = gets(other);
    expect(target).toHaveLength(1);
    expect(target[0].headers.authorization).toBeUndefined();
    expect(target[0].headers['x-custom']).toBeUndefined();

    // The final URL is used directly from now on; the key stays the original URL.
    await src.read({ start: 100, end: 200 });
    expect(redirectorLog).toHaveLength(1);
    expect(gets(other)).toHaveLength(2);
    expect((await src.identify()).key).toBe(`${redirectorUrl}/small.bin?v=1`);
  });

  it('does not send headers to a URL of another origin', async () => {
    other.stats.reset();
    const src = new HttpRangeSource({
      url: `${other.url}/small.bin`,
      size: 300_000,
      headers: { Authorization: 'token secret' },
      headersOrigin: 'https://api.dandiarchive.org',
    });
    await src.read({ start: 0, end: 10 });
    expect(gets(other)[0].headers.authorization).toBeUndefined();
    // Same origin: sent.
    const same = new HttpRangeSource({
      url: `${other.url}/small.bin`,
      size: 300_000,
      headers: { Authorization: 'token secret' },
      headersOrigin: other.url,
    });
    await same.read({ start: 0, end: 10 });
    expect(gets(other)[1].headers.authorization).toBe('token secret');
  });
});

describe('HttpRangeSource answers a browser may give (fake fetch)', () => {
  const body = (n: number) => patternBytes(n, 9);

  it('a 206 with the wrong range is no-range-support', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      size: 1000,
      fetch: fakeFetch(
        () =>
          new Response(body(10), { status: 206, headers: { 'Content-Range': 'bytes 5-14/1000' } }),
      ),
    });
    expect(await codeOf(src.read({ start: 0, end: 10 }))).toBe('no-range-support');
  });

  it('without a visible Content-Range (CORS), a short 206 gives the size', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      probeBytes: 1000,
      fetch: fakeFetch(() => new Response(body(600), { status: 206, headers: { ETag: '"e1"' } })),
    });
    expect(await src.identify()).toEqual({ key: 'https://x.test/f', size: 600, validator: '"e1"' });
  });

  it('without a visible Content-Range, a full 206 falls back to HEAD Content-Length, else fails with cors', async () => {
    const methods: string[] = [];
    const withHead = new HttpRangeSource({
      url: 'https://x.test/f',
      probeBytes: 100,
      fetch: fakeFetch((_, init) => {
        methods.push(init?.method ?? 'GET');
        return init?.method === 'HEAD'
          ? new Response(null, { status: 200, headers: { 'Content-Length': '5000' } })
          : new Response(body(100), { status: 206 });
      }),
    });
    expect((await withHead.identify()).size).toBe(5000);
    expect(methods).toEqual(['GET', 'HEAD']);

    const hidden = new HttpRangeSource({
      url: 'https://x.test/f',
      probeBytes: 100,
      fetch: fakeFetch((_, init) =>
        init?.method === 'HEAD'
          ? new Response(null, { status: 200 })
          : new Response(body(100), { status: 206 }),
      ),
    });
    expect(await codeOf(hidden.identify())).toBe('cors');
  });

  it('a 200 holding a whole small file is accepted for a probe from byte 0', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      probeBytes: 1000,
      fetch: fakeFetch(
        () => new Response(body(300), { status: 200, headers: { 'Content-Length': '300' } }),
      ),
    });
    expect((await src.identify()).size).toBe(300);
  });

  it('a tail from another version of the file (other ETag) is not kept', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      probeBytes: 100,
      fetch: fakeFetch((_url, init) => {
        const range = new Headers(init?.headers).get('range') ?? '';
        const [a, b] = range.replace('bytes=', '').split('-').map(Number);
        return new Response(body(b - a + 1), {
          status: 206,
          headers: {
            'Content-Range': `bytes ${a}-${b}/1000`,
            ETag: a === 0 ? '"v1"' : '"v2"',
          },
        });
      }),
    });
    const id = await src.identify(undefined, { tail: (n) => ({ start: n - 200, end: n }) });
    expect(id).toMatchObject({ size: 1000, validator: '"v1"' });
    expect(await src.takeTailRead()!.bytes).toBeNull();
  });

  it('Last-Modified is the validator when there is no ETag', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      size: 100,
      fetch: fakeFetch(
        () =>
          new Response(body(10), {
            status: 206,
            headers: {
              'Content-Range': 'bytes 0-9/100',
              'Last-Modified': 'Wed, 01 Jan 2025 00:00:00 GMT',
            },
          }),
      ),
    });
    expect((await src.read({ start: 0, end: 10 })).seen.validator).toBe(
      'Wed, 01 Jan 2025 00:00:00 GMT',
    );
  });

  it('a fetch TypeError (CORS refusal) is a network error', async () => {
    const src = new HttpRangeSource({
      url: 'https://x.test/f',
      size: 100,
      fetch: async () => {
        throw new TypeError('Failed to fetch');
      },
    });
    expect(await codeOf(src.read({ start: 0, end: 10 }))).toBe('network');
  });
});
