import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RangeServer } from '../../servers/range-server';
import type { SourceIdentity } from '../bytes/ByteSource';
import { BlobSource } from '../bytes/BlobSource';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import {
  codeOf,
  gets as allGets,
  patternBytes,
  sameBytes,
  serveDir,
  tempFiles,
} from '../bytes/testing/fixtures';
import { BlockLoader, type BlockLoaderOptions } from './BlockLoader';
import { MemoryBlockStore } from './MemoryBlockStore';
import type { LoaderStats, PersistentBlockStore } from './types';

const BS = 64 * 1024;
const files = tempFiles('nwbx-loader-');
const SIZE = 40 * BS + 1234; // a short last block
const data = patternBytes(SIZE, 5);
files.write('f.bin', data);
files.write('other.bin', patternBytes(SIZE, 6));

let server: RangeServer;
beforeAll(async () => {
  server = await serveDir(files.dir);
});
afterAll(() => server.close());

// Every test tags its URLs, and counts only its own requests: on a loaded machine a request that
// an earlier test aborted can reach the server after the next test has reset the log.
let testTag = 0;
beforeEach(() => {
  testTag++;
});
const gets = (s: RangeServer) =>
  s === server ? allGets(s).filter((e) => e.query === `?test=${testTag}`) : allGets(s);

let fileCount = 0;
/** A source with a known size (no probe) so request counts are exact. */
function source(path = 'f.bin', opts: { size?: number | null; fault?: string } = {}) {
  const base = opts.fault ? `${server.url}/_fault/${opts.fault}/${path}` : `${server.url}/${path}`;
  const url = `${base}?test=${testTag}`;
  return new HttpRangeSource({ url, size: opts.size === null ? undefined : (opts.size ?? SIZE) });
}

function loader(opts: BlockLoaderOptions = {}) {
  return new BlockLoader({ retryBaseDelayMs: 5, ...opts });
}

async function opened(opts: BlockLoaderOptions = {}, src = source()) {
  const l = loader(opts);
  const fileId = `file${++fileCount}`;
  await l.open(fileId, src);
  server.stats.reset();
  return { l, fileId };
}

function expectBlocks(got: Map<number, Uint8Array>, indices: number[], bytes = data) {
  for (const i of indices) {
    const b = got.get(i);
    expect(b, `block ${i}`).toBeDefined();
    expect(
      sameBytes(b!, bytes.subarray(i * BS, Math.min((i + 1) * BS, bytes.length))),
      `block ${i} bytes`,
    ).toBe(true);
  }
}

describe('BlockLoader: requests', () => {
  it('coalesces adjacent missing blocks into one request', async () => {
    // 5 blocks (320 KiB): shorter than two of the least pieces (256 KiB), so never cut.
    const { l, fileId } = await opened();
    const got = await l.load(fileId, [3, 4, 5, 6, 7]);
    expectBlocks(got, [3, 4, 5, 6, 7]);
    expect(gets(server).map((e) => e.range)).toEqual([`bytes=${3 * BS}-${8 * BS - 1}`]);
    expect(l.stats()).toMatchObject({
      requests: 1,
      bytesFetched: 5 * BS,
      inFlight: 0,
      current: null,
    });
  });

  it('cuts a long run into pieces fetched at once, as many as request slots are free', async () => {
    const { l, fileId } = await opened({ maxInFlight: 4, minPieceBytes: 2 * BS });
    const wanted = [...Array(16).keys()].map((i) => i + 4); // blocks 4-19
    expectBlocks(await l.load(fileId, wanted), wanted);
    const ranges = gets(server).map((e) => e.range);
    expect(ranges.sort()).toEqual(
      [4, 8, 12, 16].map((b) => `bytes=${b * BS}-${(b + 4) * BS - 1}`).sort(),
    );
    expect(server.stats.maxConcurrent).toBe(4);
  });

  it('does not cut a run below twice the least piece, nor a piece its caller planned', async () => {
    const { l, fileId } = await opened({ maxInFlight: 4, minPieceBytes: 4 * BS });
    await l.load(fileId, [0, 1, 2, 3, 4, 5, 6]); // 7 blocks < 2 x 4
    await l.load(
      fileId,
      [...Array(16).keys()].map((i) => i + 10),
      undefined,
      { planned: true },
    );
    expect(gets(server).map((e) => e.range)).toEqual([
      `bytes=0-${7 * BS - 1}`,
      `bytes=${10 * BS}-${26 * BS - 1}`,
    ]);
  });

  it('makes one request per run of non-adjacent blocks', async () => {
    const { l, fileId } = await opened();
    await l.load(fileId, [0, 1, 5, 9, 10]);
    expect(
      gets(server)
        .map((e) => e.range)
        .sort(),
    ).toEqual(
      [
        `bytes=0-${2 * BS - 1}`,
        `bytes=${5 * BS}-${6 * BS - 1}`,
        `bytes=${9 * BS}-${11 * BS - 1}`,
      ].sort(),
    );
  });

  it('reads a short last block', async () => {
    const { l, fileId } = await opened();
    const got = await l.load(fileId, [40]);
    expect(got.get(40)?.length).toBe(1234);
    expectBlocks(got, [40]);
    expect(await codeOf(l.load(fileId, [41]))).toBe('truncated');
  });

  it('grows read-ahead on sequential loads and resets it on a jump', async () => {
    const { l, fileId } = await opened({ maxReadaheadBytes: 4 * BS });
    const sizes: number[] = [];
    let next = 0;
    for (let k = 0; k < 5; k++) {
      server.stats.reset();
      const got = await l.load(fileId, [next]);
      const blocks = [...got.keys()].sort((a, b) => a - b);
      expect(gets(server)).toHaveLength(1);
      sizes.push(blocks.length);
      expectBlocks(got, blocks);
      next = blocks[blocks.length - 1] + 1;
    }
    expect(sizes).toEqual([1, 2, 3, 5, 5]); // read-ahead 0, 1, 2, 4, then capped at 4
    server.stats.reset();
    const jump = await l.load(fileId, [30]);
    expect([...jump.keys()]).toEqual([30]);
    expect(gets(server)[0].range).toBe(`bytes=${30 * BS}-${31 * BS - 1}`);
  });

  it('bounds requests in flight', async () => {
    const slow = await serveDir(files.dir, { latencyMs: 80 });
    try {
      const blocks = [0, 2, 4, 6, 8, 10, 12, 14];
      for (const [maxInFlight, expected] of [
        [2, 2],
        [8, 8],
      ] as const) {
        const l = loader({ maxInFlight });
        await l.open('f', new HttpRangeSource({ url: `${slow.url}/f.bin`, size: SIZE }));
        slow.stats.reset();
        const seenInFlight: number[] = [];
        l.onStats((s) => seenInFlight.push(s.inFlight));
        expectBlocks(await l.load('f', blocks), blocks);
        expect(gets(slow)).toHaveLength(8);
        expect(slow.stats.maxConcurrent).toBe(expected);
        expect(Math.max(...seenInFlight)).toBeLessThanOrEqual(maxInFlight);
      }
    } finally {
      await slow.close();
    }
  });

  it('de-duplicates identical and overlapping concurrent loads', async () => {
    const { l, fileId } = await opened();
    const [a, b, c] = await Promise.all([
      l.load(fileId, [1, 2, 3]),
      l.load(fileId, [1, 2, 3]),
      l.load(fileId, [2]),
    ]);
    expectBlocks(a, [1, 2, 3]);
    expectBlocks(b, [1, 2, 3]);
    expectBlocks(c, [2]);
    expect(gets(server)).toHaveLength(1);
  });

  it('hands over the identify() probe as blocks (no second request)', async () => {
    const l = loader();
    server.stats.reset();
    const id = await l.open('p', source('f.bin', { size: null }));
    expect(id.size).toBe(SIZE);
    expect(gets(server)).toHaveLength(1); // the size probe
    expectBlocks(await l.load('p', [0, 1, 2, 3]), [0, 1, 2, 3]);
    expect(gets(server)).toHaveLength(1);
    expect(l.stats().requests).toBe(1);
  });
});

describe('BlockLoader: opening tail', () => {
  it('reads the tail from a block boundary in the probe round; loading it makes no request', async () => {
    const l = loader();
    server.stats.reset();
    const id = await l.open('t', source('f.bin', { size: null }), undefined, {
      tailBytes: 3 * BS,
    });
    expect(id.size).toBe(SIZE);
    // The probe (512 KiB: blocks 0-7) and the tail from block 37 (SIZE is 40 blocks and a bit).
    expect(gets(server).map((e) => e.range)).toEqual([
      `bytes=0-${8 * BS - 1}`,
      `bytes=${37 * BS}-${SIZE - 1}`,
    ]);
    expectBlocks(await l.load('t', [0, 7, 37, 38, 39, 40]), [0, 7, 37, 38, 39, 40]);
    expect(gets(server)).toHaveLength(2);
    expect(l.stats().requests).toBe(2);
  });

  /**
   * A source whose first request after the probe (the tail) is held until `release()`, and then
   * answered, or refused with a 500 when `fail`.
   */
  function heldTailSource(fail = false) {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let requests = 0;
    const src = new HttpRangeSource({
      url: `${server.url}/f.bin?test=${testTag}`,
      fetch: async (input, init) => {
        if (++requests !== 2) return fetch(input, init);
        await held;
        return fail ? new Response('no', { status: 500 }) : fetch(input, init);
      },
    });
    return { src, release };
  }

  it('opens on the probe alone; a load of a tail block waits for the tail, not a new request', async () => {
    const l = loader({ maxRetries: 0 });
    server.stats.reset();
    const { src, release } = heldTailSource();
    await l.open('h', src, undefined, { tailBytes: 3 * BS }); // resolves with the tail held
    expectBlocks(await l.load('h', [0, 7]), [0, 7]); // the probe's blocks, no request
    let tailLoaded = false;
    const tail = l.load('h', [38, 39]).then((got) => ((tailLoaded = true), got));
    await new Promise((r) => setTimeout(r, 50));
    expect(tailLoaded).toBe(false);
    release();
    expectBlocks(await tail, [38, 39]);
    // Blocks of the tail nobody waited for are kept as primed ones: no request either.
    expectBlocks(await l.load('h', [37, 40]), [37, 40]);
    expect(gets(server).map((e) => e.range)).toEqual([
      `bytes=0-${8 * BS - 1}`,
      `bytes=${37 * BS}-${SIZE - 1}`,
    ]);
  });

  it('a failed tail leaves the blocks waited for to an ordinary request', async () => {
    const l = loader({ maxRetries: 0 });
    server.stats.reset();
    const { src, release } = heldTailSource(true);
    await l.open('f', src, undefined, { tailBytes: 3 * BS });
    const tail = l.load('f', [39, 40]);
    release();
    expectBlocks(await tail, [39, 40]);
    expect(gets(server).map((e) => e.range)).toEqual([
      `bytes=0-${8 * BS - 1}`,
      `bytes=${39 * BS}-${SIZE - 1}`,
    ]);
  });

  it('a known size reads no tail at open (the reader asks for it with the head)', async () => {
    const l = loader();
    server.stats.reset();
    await l.open('k', source('f.bin'), undefined, { tailBytes: 3 * BS });
    expect(gets(server)).toHaveLength(0);
  });
});

describe('BlockLoader: open', () => {
  it('concurrent opens share one probe; an aborted open rejects with cancelled', async () => {
    const l = loader();
    server.stats.reset();
    const src = source('f.bin', { size: null });
    const [a, b] = await Promise.all([l.open('o', src), l.open('o', src)]);
    expect(a).toEqual(b);
    expect(gets(server)).toHaveLength(1);

    const ac = new AbortController();
    const t0 = Date.now();
    const p = l.open('o2', source('f.bin', { size: null, fault: 'latency=2000' }), ac.signal);
    setTimeout(() => ac.abort(), 30);
    expect(await codeOf(p)).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(await codeOf(l.load('o2', [0]))).toBe('internal'); // never opened
  });

  it('reads a local Blob through the same path', async () => {
    const l = loader({ persistent: new MemoryBlockStore() });
    const file = new File([data], 'local.bin', { lastModified: 1 });
    const id = await l.open('local', new BlobSource(file));
    expect(id).toEqual({ key: `local:local.bin:${SIZE}:1`, size: SIZE, validator: '1' });
    expectBlocks(await l.load('local', [0, 1, 40]), [0, 1, 40]);
  });
});

describe('BlockLoader: faults', () => {
  it('retries 503s, then succeeds', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'fail5xx=2' }));
    expectBlocks(await l.load(fileId, [0, 1]), [0, 1]);
    expect(gets(server).map((e) => e.status)).toEqual([503, 503, 206]);
    expect(l.stats()).toMatchObject({ requests: 3, retries: 2 });
  });

  it('retries a connection dropped mid-body, then succeeds', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'dropfirst=1' }));
    expectBlocks(await l.load(fileId, [4, 5, 6]), [4, 5, 6]);
    expect(gets(server)).toHaveLength(2);
    expect(gets(server)[0].dropped).toBe(true);
    expect(l.stats().retries).toBe(1);
  });

  it('gives up after maxRetries with a server error', async () => {
    const { l, fileId } = await opened(
      { maxRetries: 2 },
      source('f.bin', { fault: 'fail5xx=100' }),
    );
    expect(await codeOf(l.load(fileId, [0]))).toBe('server');
    expect(gets(server)).toHaveLength(3);
  });

  it.each([
    ['status=403', 'forbidden'],
    ['status=404', 'not-found'],
  ])('does not retry %s', async (fault, code) => {
    const { l, fileId } = await opened({}, source('f.bin', { fault }));
    expect(await codeOf(l.load(fileId, [0]))).toBe(code);
    expect(gets(server)).toHaveLength(1);
    expect(l.stats().retries).toBe(0);
  });

  it('reports a file cut short as truncated', async () => {
    // The descriptor says SIZE bytes; the server has only 5 blocks.
    const { l, fileId } = await opened({}, source('f.bin', { fault: `truncate=${5 * BS}` }));
    expect(await codeOf(l.load(fileId, [7]))).toBe('truncated'); // 416
    expect(await codeOf(l.load(fileId, [0, 1]))).toBe('truncated'); // Content-Range says 5 blocks
    expect(gets(server).map((e) => e.status)).toEqual([416, 206]);
  });

  it('an aborted load rejects with cancelled and stops its request', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'latency=3000' }));
    const ac = new AbortController();
    const t0 = Date.now();
    const p = l.load(fileId, [0], ac.signal);
    setTimeout(() => ac.abort(), 50);
    expect(await codeOf(p)).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 20));
    expect(l.stats().inFlight).toBe(0);
  });

  it('an aborted load leaves a shared request to the other waiter', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'latency=150' }));
    const ac = new AbortController();
    const a = l.load(fileId, [2], ac.signal);
    const b = l.load(fileId, [2]);
    setTimeout(() => ac.abort(), 30);
    expect(await codeOf(a)).toBe('cancelled');
    expectBlocks(await b, [2]);
    expect(gets(server)).toHaveLength(1);
  });

  it('cancel(fileId) rejects pending loads with cancelled; the file stays usable', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'latency=300' }));
    const p = l.load(fileId, [0, 1]);
    setTimeout(() => l.cancel(fileId), 30);
    expect(await codeOf(p)).toBe('cancelled');
    expectBlocks(await l.load(fileId, [0]), [0]);
  });

  it('loads after close() fail', async () => {
    const { l, fileId } = await opened();
    l.close(fileId);
    expect(await codeOf(l.load(fileId, [0]))).toBe('internal');
  });
});

describe('BlockLoader: persistent store and identity', () => {
  it('a warm reopen makes zero requests', async () => {
    const store = new MemoryBlockStore();
    const first = loader({ persistent: store });
    await first.open('a', source('f.bin', { size: null }));
    expectBlocks(await first.load('a', [0, 1, 10, 11]), [0, 1, 10, 11]);
    await first.flushWrites();

    server.stats.reset();
    const second = loader({ persistent: store });
    const id = await second.open('a', source('f.bin', { size: null }));
    expect(id.size).toBe(SIZE);
    expectBlocks(await second.load('a', [0, 1, 10, 11]), [0, 1, 10, 11]);
    expect(server.stats.requests).toBe(0);
    expect(second.stats()).toMatchObject({
      requests: 0,
      bytesFetched: 0,
      bytesFromPersistent: 4 * BS,
    });
  });

  it('a file opened again by the loader that confirmed it is not revalidated', async () => {
    const store = new MemoryBlockStore();
    const only = loader({ persistent: store, revalidateAfterMs: 20 });
    await only.open('a', source('f.bin', { size: null }));
    await only.flushWrites();
    server.stats.reset();
    await only.open('b', source('f.bin', { size: null }));
    await new Promise((r) => setTimeout(r, 120));
    expect(server.stats.requests).toBe(0);

    // Another loader over the same store is a return visit: it checks once.
    const later = loader({ persistent: store, revalidateAfterMs: 20 });
    await later.open('a', source('f.bin', { size: null }));
    await expect.poll(() => server.stats.requests).toBe(1);
  });

  /** A served file with blocks 0 and 5 of its first version cached in a store. */
  async function cachedChangingFile(prefix: string) {
    const changing = tempFiles(prefix);
    changing.write('c.bin', patternBytes(SIZE, 7), 1_600_000_000);
    const srv = await serveDir(changing.dir);
    const url = `${srv.url}/c.bin`;
    const store = new MemoryBlockStore();
    const first = loader({ persistent: store });
    const oldId = await first.open('c', new HttpRangeSource({ url }));
    await first.load('c', [0, 5]);
    await first.flushWrites();
    return { changing, srv, url, store, oldId };
  }

  it('a changed file fails with changed and its old blocks are forgotten', async () => {
    const { changing, srv, url, store, oldId } = await cachedChangingFile('nwbx-changing-');
    try {
      expect((await store.getBlocks(oldId, [5])).size).toBe(1);

      // Same URL, same size, new content and mtime: the ETag changes.
      const fresh = patternBytes(SIZE, 8);
      changing.write('c.bin', fresh, 1_700_000_000);
      srv.stats.reset();
      const second = loader({ persistent: store });
      expect(await second.open('c', new HttpRangeSource({ url }))).toEqual(oldId); // warm: no request
      expect(srv.stats.requests).toBe(0);
      expectBlocks(await second.load('c', [0]), [0], patternBytes(SIZE, 7)); // still the stored copy
      expect(await codeOf(second.load('c', [20]))).toBe('changed');
      expect(await codeOf(second.load('c', [0]))).toBe('changed'); // the file is done for
      expect(await store.getRememberedIdentity(url)).toBeUndefined();
      expect((await store.getBlocks(oldId, [0, 5])).size).toBe(0);

      // Reopening identifies the new file and serves its bytes.
      const third = loader({ persistent: store });
      const newId = await third.open('c', new HttpRangeSource({ url }));
      expect(newId.validator).not.toBe(oldId.validator);
      expectBlocks(await third.load('c', [0, 20]), [0, 20], fresh);
    } finally {
      await srv.close();
    }
  });

  it('a warm reopen paints with 0 requests, then one revalidation finds a changed file', async () => {
    const { changing, srv, url, store, oldId } = await cachedChangingFile('nwbx-revalidate-');
    try {
      // Unchanged: one request for the first byte, and the cached copy goes on serving.
      srv.stats.reset();
      const same = loader({ persistent: store, revalidateAfterMs: 50 });
      await same.open('c', new HttpRangeSource({ url }));
      expectBlocks(await same.load('c', [0, 5]), [0, 5], patternBytes(SIZE, 7));
      expect(srv.stats.requests).toBe(0);
      await expect.poll(() => gets(srv).length).toBe(1);
      expect(gets(srv)[0].range).toBe('bytes=0-0');
      await new Promise((r) => setTimeout(r, 50));
      expect(same.stats().warnings ?? []).toEqual([]);
      expect(same.stats().outOfDate).toEqual([]);
      expectBlocks(await same.load('c', [5]), [5], patternBytes(SIZE, 7));

      // Changed on the server: told, old blocks dropped, later loads fail with 'changed'.
      changing.write('c.bin', patternBytes(SIZE, 8), 1_700_000_000);
      srv.stats.reset();
      const second = loader({ persistent: store, revalidateAfterMs: 50 });
      expect(await second.open('c', new HttpRangeSource({ url }))).toEqual(oldId);
      expectBlocks(await second.load('c', [0]), [0], patternBytes(SIZE, 7)); // painted from cache
      expect(srv.stats.requests).toBe(0);
      await expect
        .poll(() => second.stats().outOfDate)
        .toEqual([
          {
            fileId: 'c',
            name: 'c.bin',
            detail: expect.stringMatching(/c\.bin changed on the server/),
          },
        ]);
      expect(gets(srv)).toHaveLength(1);
      expect(await codeOf(second.load('c', [0]))).toBe('changed');
      expect(await store.getRememberedIdentity(url)).toBeUndefined();

      // Reopened (closed, then opened again): the new version under a new identity, nothing
      // said any more, and no old block served.
      second.close('c');
      expect(second.stats().outOfDate).toEqual([]);
      const reopened = await second.open('c2', new HttpRangeSource({ url }));
      expect(reopened.validator).not.toBe(oldId.validator);
      expectBlocks(await second.load('c2', [0, 5]), [0, 5], patternBytes(SIZE, 8));
    } finally {
      await srv.close();
    }
  });

  it('never mixes blocks of another validator', async () => {
    const store = new MemoryBlockStore();
    const src = source('f.bin', { size: null });
    // Blocks stored under an old validator of the same key: garbage for the current file.
    const stale: SourceIdentity = { key: src.key, size: SIZE, validator: '"stale"' };
    await store.putBlocks(stale, new Map([[6, new Uint8Array(BS)]]));
    const l = loader({ persistent: store });
    const id = await l.open('m', src);
    expect(id.validator).not.toBe('"stale"');
    expectBlocks(await l.load('m', [6]), [6]);
    expect(l.stats().bytesFromPersistent).toBe(0);
  });

  it('a known size that disagrees with the remembered identity forgets the old file', async () => {
    const store = new MemoryBlockStore();
    const src = source('f.bin');
    await store.rememberIdentity({ key: src.key, size: SIZE - 1, validator: '"old"' });
    const l = loader({ persistent: store });
    const id = await l.open('k', src);
    expect(id).toEqual({ key: src.key, size: SIZE, validator: null });
    expect((await store.getRememberedIdentity(src.key))?.size).toBe(SIZE);
  });

  it('learns the validator on the first response when the size was given', async () => {
    const store = new MemoryBlockStore();
    const l = loader({ persistent: store });
    const src = source('f.bin');
    expect((await l.open('v', src)).validator).toBeNull();
    await l.load('v', [0]);
    await l.flushWrites();
    const remembered = await store.getRememberedIdentity(src.key);
    expect(remembered?.validator).toMatch(/^"/);
    expect((await store.getBlocks(remembered!, [0])).size).toBe(1);
  });

  it('a full persistent store is a warning, not a failure', async () => {
    const store = new MemoryBlockStore({ budgetBytes: BS });
    const l = loader({ persistent: store });
    await l.open('q', source());
    expectBlocks(await l.load('q', [0, 1, 2]), [0, 1, 2]);
    await l.flushWrites();
    expect(l.stats().warnings.join('\n')).toMatch(/full/);
    // Carries on without persistence.
    expectBlocks(await l.load('q', [20]), [20]);
    await l.flushWrites();
    expect(store.calls.putBlocks).toBe(1);
  });

  it('other write failures are counted, never fail the read', async () => {
    const inner = new MemoryBlockStore();
    const broken: PersistentBlockStore = {
      getBlocks: (i, b) => inner.getBlocks(i, b),
      putBlocks: async () => {
        throw new Error('disk on fire');
      },
      getRememberedIdentity: (k) => inner.getRememberedIdentity(k),
      rememberIdentity: (i) => inner.rememberIdentity(i),
      forget: (k) => inner.forget(k),
    };
    const l = loader({ persistent: broken });
    await l.open('w', source());
    expectBlocks(await l.load('w', [0]), [0]);
    await l.flushWrites();
    expect(l.stats().persistentWriteErrors).toBe(1);
    expect(l.stats().warnings[0]).toMatch(/disk on fire/);
  });
});

describe('BlockLoader: stats', () => {
  it('notifies listeners, ending with an idle snapshot', async () => {
    const { l, fileId } = await opened({}, source('f.bin', { fault: 'latency=30' }));
    const seen: LoaderStats[] = [];
    const off = l.onStats((s) => seen.push(s));
    await l.load(fileId, [0]);
    await l.load(fileId, [9]);
    off();
    expect(seen.some((s) => s.inFlight === 1 && /of f\.bin/.test(s.current ?? ''))).toBe(true);
    expect(seen[seen.length - 1]).toMatchObject({ inFlight: 0, current: null, requests: 2 });
  });
});
