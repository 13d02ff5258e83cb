import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, startRangeServer, type RangeServer } from './range-server';
import { parseRange } from './httpRange';
import { parseFaultPath } from './faults';

const dir = mkdtempSync(path.join(os.tmpdir(), 'range-server-'));
const data = new Uint8Array(100_000).map((_, i) => i % 251);
writeFileSync(path.join(dir, 'a.bin'), data);
mkdirSync(path.join(dir, 'sub'));
writeFileSync(path.join(dir, 'index.html'), '<!doctype html>app');
const mountDir = mkdtempSync(path.join(os.tmpdir(), 'range-mount-'));
writeFileSync(path.join(mountDir, 'm.txt'), 'mounted');

let server: RangeServer;
beforeAll(async () => {
  server = await startRangeServer({ root: dir, mounts: { '/testdata': mountDir } });
});
afterAll(() => server.close());

async function get(p: string, init: RequestInit = {}) {
  const res = await fetch(server.url + p, init);
  const body = new Uint8Array(await res.arrayBuffer());
  return { res, body };
}

describe('parseRange', () => {
  it('handles open, closed, suffix and bad ranges', () => {
    expect(parseRange('bytes=0-9', 100)).toEqual({ kind: 'range', start: 0, end: 9 });
    expect(parseRange('bytes=90-', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=90-200', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=-10', 100)).toEqual({ kind: 'range', start: 90, end: 99 });
    expect(parseRange('bytes=100-', 100)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-1,5-6', 100)).toEqual({ kind: 'none' });
    expect(parseRange(undefined, 100)).toEqual({ kind: 'none' });
  });
});

describe('parseFaultPath', () => {
  it('splits spec and path, rejects unknown faults', () => {
    expect(parseFaultPath('/_fault/status=403,latency=5/x/y.bin')).toEqual({
      specText: 'status=403,latency=5',
      spec: { status: 403, latency: 5 },
      path: '/x/y.bin',
    });
    expect(parseFaultPath('/plain')).toBeNull();
    expect(() => parseFaultPath('/_fault/bogus/x')).toThrow(/unknown fault/);
  });
});

describe('range server', () => {
  it('serves a range with 206, Content-Range, ETag and Accept-Ranges', async () => {
    const { res, body } = await get('/a.bin', { headers: { Range: 'bytes=10-19' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 10-19/100000');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(res.headers.get('last-modified')).toBeTruthy();
    expect([...body]).toEqual([...data.subarray(10, 20)]);
  });

  it('answers 416 past EOF and 404 for a missing file, and blocks traversal', async () => {
    const r416 = await get('/a.bin', { headers: { Range: 'bytes=100000-100010' } });
    expect(r416.res.status).toBe(416);
    expect(r416.res.headers.get('content-range')).toBe('bytes */100000');
    expect((await get('/missing.bin')).res.status).toBe(404);
    expect((await get('/%2e%2e/%2e%2e/etc/passwd')).res.status).toBe(404);
  });

  it('HEAD gives the length without a body; mounts and directory index work', async () => {
    const head = await fetch(server.url + '/a.bin', { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('100000');
    expect(new TextDecoder().decode((await get('/testdata/m.txt')).body)).toBe('mounted');
    expect((await get('/')).res.headers.get('content-type')).toMatch(/text\/html/);
  });

  it('counts requests and bytes, and resets', async () => {
    server.stats.reset();
    await get('/a.bin', { headers: { Range: 'bytes=0-999' } });
    expect(server.stats.requests).toBe(1);
    expect(server.stats.bytes).toBe(1000);
    expect(server.stats.log).toMatchObject([
      { method: 'GET', path: '/a.bin', range: 'bytes=0-999', status: 206, bytes: 1000 },
    ]);
    expect(server.stats.log[0].headers.range).toBe('bytes=0-999');
    server.stats.reset();
    expect(server.stats.requests).toBe(0);
    expect(server.stats.log).toEqual([]);
  });

  it('injects status, norange, truncate and fail5xx faults', async () => {
    expect((await get('/_fault/status=403/a.bin')).res.status).toBe(403);
    const nr = await get('/_fault/norange/a.bin', { headers: { Range: 'bytes=0-9' } });
    expect(nr.res.status).toBe(200);
    expect(nr.body.length).toBe(100_000);
    const tr = await get('/_fault/truncate=50/a.bin', { headers: { Range: 'bytes=40-99' } });
    expect(tr.res.headers.get('content-range')).toBe('bytes 40-49/50');
    expect(
      (await get('/_fault/truncate=50/a.bin', { headers: { Range: 'bytes=60-99' } })).res.status,
    ).toBe(416);
    const f = '/_fault/fail5xx=2,retryafter=3/a.bin';
    const first = await get(f);
    expect(first.res.status).toBe(503);
    expect(first.res.headers.get('retry-after')).toBe('3');
    expect((await get(f)).res.status).toBe(503);
    expect((await get(f)).res.status).toBe(200);
  });

  it('drops the connection mid-body after K successes (dropafter) or for the first K (dropfirst)', async () => {
    const p = '/_fault/dropafter=1/a.bin';
    expect((await get(p)).body.length).toBe(100_000);
    await expect(get(p)).rejects.toThrow();
    const q = '/_fault/dropfirst=1/a.bin';
    await expect(get(q)).rejects.toThrow();
    expect((await get(q)).body.length).toBe(100_000);
  });

  it('applies CORS modes and answers preflights', async () => {
    const full = await fetch(server.url + '/a.bin', { method: 'HEAD' });
    expect(full.headers.get('access-control-expose-headers')).toMatch(/Content-Range/);
    const bucket = await fetch(server.url + '/_fault/cors=dandi-bucket/a.bin', { method: 'HEAD' });
    expect(bucket.headers.get('access-control-allow-origin')).toBe('*');
    expect(bucket.headers.get('access-control-expose-headers')).toBe('ETag');
    const none = await fetch(server.url + '/_fault/cors=none/a.bin', { method: 'HEAD' });
    expect(none.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await fetch(server.url + '/_fault/cors=dandi-bucket/a.bin', {
      method: 'OPTIONS',
      headers: {
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('Range');
  });

  it('throttles bandwidth and adds latency', async () => {
    const slow = await startRangeServer({ root: dir, mbps: 8, latencyMs: 50 });
    try {
      const t0 = Date.now();
      const res = await fetch(slow.url + '/a.bin', { headers: { Range: 'bytes=0-99999' } });
      await res.arrayBuffer();
      // 100 kB at 1 MB/s is ~100 ms, plus 50 ms latency.
      expect(Date.now() - t0).toBeGreaterThanOrEqual(130);
    } finally {
      await slow.close();
    }
  });

  it('sends COOP/COEP/CORP when asked and falls back to index.html for SPA routes', async () => {
    const s = await startRangeServer({ root: dir, coopCoep: true, spaFallback: true });
    try {
      const res = await fetch(s.url + '/some/route');
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<!doctype html>app');
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('credentialless');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    } finally {
      await s.close();
    }
  });

  it('parses CLI arguments', () => {
    const o = parseArgs([
      '--root',
      '/tmp',
      '--port',
      '8123',
      '--latency-ms',
      '50',
      '--mbps',
      '100',
      '--coop-coep',
      '--cors',
    ]);
    expect(o).toMatchObject({
      root: '/tmp',
      port: 8123,
      latencyMs: 50,
      mbps: 100,
      coopCoep: true,
      cors: 'full',
    });
    expect(parseArgs(['--cors', 'dandi-bucket']).cors).toBe('dandi-bucket');
    expect(parseArgs([]).cors).toBe('none');
  });
});
