/**
 * Per-call cancel through the reading worker's API, in Node (retry-on-miss, the mode Node runs):
 * a listing completes while a concurrent large read of the same file is cancelled, and the
 * cancelled read stops downloading. The server is throttled so the large read takes seconds.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import { makeCancelFixture, MIDDLE_CHILDREN } from '../../scripts/make-cancel-fixture';
import { asExplorerError } from '../errors';
import { LoaderService } from './loaderService';
import { createReaderHost, type ReaderHostApi } from './readerHost';

const GENERATED = path.resolve(__dirname, '../../fixtures/generated/cancel');
const BIG_BYTES = 16_000_000;

let file: string;
let server: RangeServer;
let url: string;

beforeAll(async () => {
  file = await makeCancelFixture(GENERATED);
  // 16 Mbit/s: the 16 MB read needs about 8 s; 100 ms per request for everything.
  server = await startRangeServer({ root: path.dirname(file), latencyMs: 100, mbps: 16 });
  url = `${server.url}/${path.basename(file)}`;
}, 60_000);
afterAll(() => server?.close());

async function openHost(): Promise<ReaderHostApi> {
  const host = createReaderHost(() => new LoaderService({ persistent: null }));
  await host.init({ mode: 'retry-on-miss' });
  return host;
}

/** Children of a group as h5ls (HDF5's own tool) lists them: an independent reading. */
function h5lsNames(group: string): string[] {
  const out = execFileSync('h5ls', [`${file}${group}`], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+/)[0])
    .sort();
}

const sentBytes = () =>
  server.stats.log.filter((e) => e.path.endsWith('two_reads.nwb')).reduce((n, e) => n + e.bytes, 0);

/** Bytes a `bytes=a-b` Range header asks for. */
function rangeLength(range: string | null): number {
  const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
  return match ? Number(match[2]) - Number(match[1]) + 1 : 0;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('per-call cancel (retry-on-miss)', () => {
  it('a listing completes while a concurrent large read of the same file is cancelled', async () => {
    const host = await openHost();
    await host.open('f1', 1, { kind: 'url', url }, 'two_reads.nwb');
    server.stats.reset();

    const read = host.readSlice('f1', 2, '/acquisition/big', [{ start: 0, stop: 2_000_000 }]).then(
      () => 'completed',
      (error: unknown) => asExplorerError(error).code,
    );
    // The large read is on the wire before the listing starts.
    await until(() => server.stats.log.some((e) => rangeLength(e.range) > 1_000_000));
    const listing = host.listChildren('f1', 3, '/middle', { attrs: ['neurodata_type'] });
    await new Promise((r) => setTimeout(r, 150));
    host.abortCall(2);

    expect(await read).toBe('cancelled');
    const children = await listing;
    expect(children.map((c) => c.name).sort()).toEqual(h5lsNames('/middle'));
    expect(children).toHaveLength(MIDDLE_CHILDREN);
    for (const child of children) expect(child.attrs?.neurodata_type).toBe('TimeSeries');

    // The cancelled read stopped: far less than its 16 MB crossed the wire, and nothing is
    // still being sent a moment later.
    await until(() => server.stats.active === 0, 5_000);
    expect(sentBytes()).toBeLessThan(BIG_BYTES / 2);

    // The file is still readable after the cancel: the same dataset's first values.
    const head = await host.readSlice('f1', 4, '/acquisition/big', [{ start: 0, stop: 4 }]);
    expect(Array.from(head.values as Float64Array)).toEqual([0, 0.5, 1, 1.5]);
    await host.closeFile('f1');
  }, 60_000);

  it('a call aborted before its blocks arrive rejects as cancelled, others on the file go on', async () => {
    const host = await openHost();
    await host.open('f2', 1, { kind: 'url', url }, 'two_reads.nwb');
    const early = host.readSlice('f2', 2, '/acquisition/early', [{ start: 0, stop: 1_000_000 }]);
    host.abortCall(2);
    await expect(early).rejects.toMatchObject({ code: 'cancelled' });
    const kind = await host.getKind('f2', 3, '/middle/item_07');
    expect(kind).toBe('group');
    await host.closeFile('f2');
  }, 60_000);
});

describe('opening by format', () => {
  const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');
  let data: RangeServer;
  beforeAll(async () => {
    data = await startRangeServer({ root: TESTDATA });
  });
  afterAll(() => data?.close());

  it('recognises a Zarr store by its metadata and hands it to the Zarr host', async () => {
    const host = await openHost();
    const url = `${data.url}/hdmf-zarr/ecephys_tutorial.nwb.zarr`;
    const opened = await host.open('z1', 1, { kind: 'url', url }, 'ecephys_tutorial.nwb.zarr');
    expect(opened).toEqual({ openOn: 'zarr' });
  }, 60_000);

  it('opens an HDF5 file whatever its name says, and reports a missing URL as not found', async () => {
    const host = await openHost();
    const summary = await host.open(
      'h1',
      1,
      {
        kind: 'url',
        url: `${data.url}/neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb`,
      },
      'renamed.zarr',
    );
    expect(summary).toMatchObject({ format: 'hdf5', name: 'renamed.zarr' });
    const missing = host.open('h2', 2, { kind: 'url', url: `${data.url}/no/such/file.nwb` }, 'x');
    await expect(missing).rejects.toMatchObject({ code: 'not-found' });
  }, 60_000);
});
