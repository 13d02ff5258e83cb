/**
 * A file a LINDI file points into: reads that arrive together while it is unopened are answered
 * by the one request that opens it, and every read gives the file's own bytes (compared with the
 * file read from disk).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import { BlockLoader } from '../cache/BlockLoader';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import { densestSpan, missingRanges, splitForSlots } from './readPlan';
import { ReferencedFile } from './referencedFile';
import { TESTDATA } from './testing/openers';

const REL = 'neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb';
const KB = 1024;
let server: RangeServer;
let disk: Uint8Array;
let n = 0;

beforeAll(async () => {
  disk = new Uint8Array(readFileSync(path.join(TESTDATA, REL)));
  server = await startRangeServer({ mounts: { '/testdata': TESTDATA } });
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
  it('answers reads gathered while unopened with the opening request', async () => {
    const file = referenced();
    // Three small reads within 512 KiB, far from byte 0 (like a table's columns).
    const reads: [number, number][] = [
      [1_000_000, 1_008_000],
      [1_270_000, 1_278_000],
      [1_278_000, 1_286_000],
    ];
    const got = await Promise.all(reads.map(([s, e]) => file.read(s, e)));
    reads.forEach(([s, e], i) => expect(got[i]).toEqual(disk.slice(s, e)));
    const log = fileRequests();
    expect(log).toHaveLength(1);
    expect(log[0].range).not.toMatch(/^bytes=0-/);
  });

  it('reads what lies outside the opening span after it, and later reads as usual', async () => {
    const file = referenced();
    const far: [number, number] = [disk.length - 3000, disk.length - 10];
    const [a, b] = await Promise.all([file.read(100_000, 101_000), file.read(...far)]);
    expect(a).toEqual(disk.slice(100_000, 101_000));
    expect(b).toEqual(disk.slice(...far));
    expect(fileRequests()).toHaveLength(2);
    expect(await file.read(2_000_000, 2_000_100)).toEqual(disk.slice(2_000_000, 2_000_100));
    expect(fileRequests()).toHaveLength(3);
  });

  it('a read crossing the opening span takes its part of it and fetches only the rest', async () => {
    const file = referenced();
    const block = 64 * KB;
    // B is longer than the opening limit, so the span is A's block; B starts inside it.
    const a: [number, number] = [1_000_000, 1_008_000];
    const b: [number, number] = [1_040_000, 1_600_000];
    const [gotA, gotB] = await Promise.all([file.read(...a), file.read(...b)]);
    expect(gotA).toEqual(disk.slice(...a));
    expect(Buffer.from(gotB).equals(disk.subarray(...b))).toBe(true);
    const log = fileRequests();
    const first = Math.floor(a[0] / block) * block;
    // A's block is not fetched twice: the span's request, then the rest from where it ends
    // (in more than one piece: B's rest is long).
    expect(log[0].range).toBe(`bytes=${first}-${Math.ceil(a[1] / block) * block - 1}`);
    expectDisjointCover(log, first, b[1]);
  });

  it('cuts a burst of contiguous reads of an open file into as many requests as run at once', async () => {
    const loader = new BlockLoader({ persistent: null });
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

describe('missingRanges', () => {
  it('merges what the reads need into block-aligned ranges and leaves out what is held', () => {
    const ranges = [
      { start: 5, end: 10 },
      { start: 100, end: 250 },
      { start: 260, end: 300 },
      { start: 900, end: 901 },
    ];
    expect(missingRanges(ranges, [{ start: 100, end: 200 }], 100)).toEqual([
      { start: 0, end: 100 },
      { start: 200, end: 300 },
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

describe('densestSpan', () => {
  const bs = 64 * KB;
  it('picks the block-aligned window holding most ranges', () => {
    const ranges = [
      { start: 10, end: 20 },
      { start: 10 * bs + 5, end: 10 * bs + 9 },
      { start: 11 * bs + 5, end: 12 * bs + 9 },
      { start: 14 * bs, end: 14 * bs + 1 },
    ];
    expect(densestSpan(ranges, bs, 8 * bs)).toEqual({ start: 10 * bs, end: 15 * bs });
  });
  it('keeps one range longer than the limit whole', () => {
    expect(densestSpan([{ start: 5, end: 9 * bs }], bs, 8 * bs)).toEqual({ start: 0, end: 9 * bs });
  });
});
