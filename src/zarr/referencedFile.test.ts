/**
 * A file a LINDI file points into: reads that arrive together are planned as one burst (the
 * opening included: no probe at byte 0, its pieces sent at once), each block is fetched once, and
 * every read gives the file's own bytes (compared with the file read from disk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import { BlockLoader } from '../cache/BlockLoader';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import { blockRanges, splitForSlots } from './readPlan';
import { ReferencedFile } from './referencedFile';
import { TESTDATA } from './testing/openers';

const REL = 'neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb';
const KB = 1024;
let server: RangeServer;
let disk: Uint8Array;
let n = 0;

beforeAll(async () => {
  disk = new Uint8Array(readFileSync(path.join(TESTDATA, REL)));
  // A little latency, so requests sent together are seen in flight together.
  server = await startRangeServer({ mounts: { '/testdata': TESTDATA }, latencyMs: 30 });
});
afterAll(() => server?.close());
beforeEach(() => server.stats.reset());

function referenced(loader = new BlockLoader({ persistent: null })): ReferencedFile {
  const url = `${server.url}/testdata/${REL}`;
  return new ReferencedFile(loader, `f${++n}`, new HttpRangeSource({ url }), REL);
}

const fileRequests = () => server.stats.log.filter((e) => e.path.endsWith('.nwb'));

/** The requests' ranges do not overlap and cover [start, end) without a gap. */
function expectDisjointCover(log: { range: string | null }[], start: number, end: number) {
  const ranges = log
    .map((e) => e.range!.replace('bytes=', '').split('-').map(Number))
    .sort((x, y) => x[0] - y[0]);
  expect(ranges[0][0]).toBe(start);
  for (let i = 1; i < ranges.length; i++) expect(ranges[i][0]).toBe(ranges[i - 1][1] + 1);
  expect(ranges[ranges.length - 1][1] + 1).toBeGreaterThanOrEqual(end);
}

describe('ReferencedFile', () => {
  it('opens with the pieces of the first burst, sent at once, not a probe at byte 0', async () => {
    const loader = new BlockLoader({ persistent: null });
    const file = referenced(loader);
    // Three small reads far from byte 0, in two blocks 270 KB apart (like a table's columns).
    const reads: [number, number][] = [
      [1_000_000, 1_008_000],
      [1_270_000, 1_278_000],
      [1_278_000, 1_286_000],
    ];
    const got = await Promise.all(reads.map(([s, e]) => file.read(s, e)));
    reads.forEach(([s, e], i) => expect(got[i]).toEqual(disk.slice(s, e)));
    const log = fileRequests();
    expect(log).toHaveLength(2);
    expect(server.stats.maxConcurrent).toBe(2);
    expect(log.map((e) => e.range).sort()).toEqual([
      'bytes=1245184-1310719',
      'bytes=983040-1048575',
    ]);
    // The status bar's counters see both requests and their bytes.
    const stats = loader.stats();
    expect(stats.requests).toBe(2);
    expect(stats.bytesFetched).toBe(log.reduce((sum, e) => sum + e.bytes, 0));
  });

  it('reads a later burst through the open file as usual', async () => {
    const file = referenced();
    expect(await file.read(100_000, 101_000)).toEqual(disk.slice(100_000, 101_000));
    expect(fileRequests()).toHaveLength(1);
    expect(await file.read(2_000_000, 2_000_100)).toEqual(disk.slice(2_000_000, 2_000_100));
    expect(fileRequests()).toHaveLength(2);
  });

  it('a long opening burst is cut into pieces sent at once, each block fetched once', async () => {
    const file = referenced();
    const a: [number, number] = [1_000_000, 1_008_000];
    const b: [number, number] = [1_040_000, 1_600_000];
    const [gotA, gotB] = await Promise.all([file.read(...a), file.read(...b)]);
    expect(gotA).toEqual(disk.slice(...a));
    expect(Buffer.from(gotB).equals(disk.subarray(...b))).toBe(true);
    const log = fileRequests();
    expect(log.length).toBeGreaterThan(1);
    expect(server.stats.maxConcurrent).toBe(log.length);
    expectDisjointCover(log, Math.floor(a[0] / (64 * KB)) * 64 * KB, b[1]);
  });

  it('cuts a burst of contiguous reads of an open file into as many requests as run at once', async () => {
    // Four at once: six ~300 KB reads hold at least four pieces of the minimum size.
    const loader = new BlockLoader({ persistent: null, maxInFlight: 4 });
    const file = referenced(loader);
    await file.read(0, 10); // opens it
    server.stats.reset();
    // Six contiguous "chunks" of ~300 KB, like an LFP window's in the HDF5 file.
    const bounds = [300_000, 600_123, 899_000, 1_200_500, 1_500_000, 1_801_000, 2_100_000];
    const reads = bounds.slice(0, -1).map((s, i) => [s, bounds[i + 1]] as [number, number]);
    const got = await Promise.all(reads.map(([s, e]) => file.read(s, e)));
    reads.forEach(([s, e], i) =>
      expect(Buffer.from(got[i]).equals(disk.subarray(s, e))).toBe(true),
    );
    const log = fileRequests();
    expect(log).toHaveLength(loader.maxInFlight);
    // Each block once (the loader's read-ahead may add blocks after the last).
    const block = loader.blockSize;
    expectDisjointCover(log, Math.floor(bounds[0] / block) * block, bounds[6]);
  });

  it('falls back to the usual probe when the span passes the end of the file', async () => {
    const file = referenced();
    // The last block is partial: its block-aligned span asks past the end.
    const tail: [number, number] = [disk.length - 100, disk.length];
    expect(await file.read(...tail)).toEqual(disk.slice(...tail));
    // (Compared as buffers: toEqual walks 2.4 MB element by element for seconds.)
    expect(Buffer.from(await file.readWhole()).equals(disk)).toBe(true);
  });

  it('a piece of the opening that passes the end of the file is read again within it', async () => {
    const file = referenced();
    const tail: [number, number] = [disk.length - 3000, disk.length - 10];
    const [a, b] = await Promise.all([file.read(100_000, 101_000), file.read(...tail)]);
    expect(a).toEqual(disk.slice(100_000, 101_000));
    expect(b).toEqual(disk.slice(...tail));
  });

  it('says a read past the end is past the end', async () => {
    const file = referenced();
    await expect(file.read(disk.length - 10, disk.length + 10)).rejects.toMatchObject({
      code: 'truncated',
    });
  });

  it('a cancelled read rejects without failing the others', async () => {
    const file = referenced();
    const controller = new AbortController();
    const cancelled = file.read(500_000, 500_100, controller.signal);
    const kept = file.read(500_200, 500_300);
    controller.abort();
    await expect(cancelled).rejects.toMatchObject({ code: 'cancelled' });
    expect(await kept).toEqual(disk.slice(500_200, 500_300));
  });
});

describe('blockRanges', () => {
  it('merges what the reads need into block-aligned ranges', () => {
    const ranges = [
      { start: 260, end: 300 },
      { start: 5, end: 10 },
      { start: 100, end: 250 },
      { start: 900, end: 901 },
    ];
    expect(blockRanges(ranges, 100)).toEqual([
      { start: 0, end: 300 },
      { start: 900, end: 1000 },
    ]);
  });
});

describe('splitForSlots', () => {
  it('halves the longest range at block boundaries until the slots are used', () => {
    expect(splitForSlots([{ start: 0, end: 1600 }], 4, 300, 100)).toEqual([
      { start: 0, end: 400 },
      { start: 400, end: 800 },
      { start: 800, end: 1200 },
      { start: 1200, end: 1600 },
    ]);
  });
  it('does not cut pieces below twice the least size, nor past the slots', () => {
    expect(splitForSlots([{ start: 0, end: 500 }], 4, 300, 100)).toEqual([{ start: 0, end: 500 }]);
    const many = [0, 1, 2, 3, 4].map((i) => ({ start: i * 1000, end: i * 1000 + 900 }));
    expect(splitForSlots(many, 4, 100, 100)).toEqual(many);
  });
});
