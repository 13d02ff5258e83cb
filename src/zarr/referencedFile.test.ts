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
import { densestSpan, ReferencedFile } from './referencedFile';
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
    expect(log).toHaveLength(2);
    // A's block is not fetched twice: the second request starts where the span ends (and may
    // run on past B: the loader's read-ahead).
    const spanEnd = Math.ceil(a[1] / block) * block;
    expect(log[1].range).toBe(`bytes=${spanEnd}-${log[1].range!.split('-')[1]}`);
    expect(Number(log[1].range!.split('-')[1]) + 1).toBeGreaterThanOrEqual(b[1]);
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
