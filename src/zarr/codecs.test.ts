/**
 * Codecs and formats: v2 stores written by zarr-python (one array per codec) and a v3 store
 * (zarrita-written arrays, a hand-built sharded array), read through folders and HTTP. Values
 * are checked by the formula they were written with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import type { DataReader } from '../reader/contract';
import { codecStoreV2, codecStoreV3 } from './testing/codecStores';
import { openZarrFolder, openZarrUrl } from './testing/openers';

let server: RangeServer;
let v2Folder: DataReader;
let v2Http: DataReader;
let v3Folder: DataReader;
let v3Dir: string;

beforeAll(async () => {
  const v2 = codecStoreV2();
  v3Dir = await codecStoreV3();
  server = await startRangeServer({ mounts: { '/v2': v2, '/v3': v3Dir } });
  v2Folder = (await openZarrFolder(v2)).reader;
  v2Http = (await openZarrUrl(`${server.url}/v2/`)).reader;
  v3Folder = (await openZarrFolder(v3Dir)).reader;
}, 60_000);
afterAll(() => server?.close());

const arange = (n: number) => Array.from({ length: n }, (_, i) => i);

describe.each([
  ['folder', () => v2Folder],
  ['http (consolidated)', () => v2Http],
])('Zarr v2 codecs through %s', (_label, reader) => {
  it.each(['blosc_lz4', 'blosc_zstd', 'zstd', 'lz4', 'gzip', 'zlib', 'none'])(
    '%s: a hyperslab across chunks reads arange values',
    async (name) => {
      const slice = await reader().readSlice(`/${name}`, [
        { start: 10, stop: 30, step: 3 },
        { start: 1, stop: 6 },
      ]);
      const expected: number[] = [];
      for (let r = 10; r < 30; r += 3) for (let c = 1; c < 6; c++) expected.push(r * 6 + c);
      expect(slice.shape).toEqual([7, 5]);
      expect(slice.values).toBeInstanceOf(Float64Array);
      expect(Array.from(slice.values as Float64Array)).toEqual(expected);
    },
  );

  it('shuffle and delta filters on int32', async () => {
    for (const name of ['shuffle_zlib', 'delta']) {
      const slice = await reader().readSlice(`/${name}`, [
        { start: 0, stop: 40 },
        { start: 0, stop: 6 },
      ]);
      expect(slice.values).toBeInstanceOf(Int32Array);
      expect(Array.from(slice.values as Int32Array)).toEqual(arange(240));
    }
  });

  it('big-endian int64 and bool', async () => {
    const ints = await reader().readSlice('/int64_big_endian', [{ start: 0, stop: 10 }]);
    expect(Array.from(ints.values as BigInt64Array)).toEqual(arange(10).map(BigInt));
    const info = await reader().describeDataset('/int64_big_endian');
    expect(info.dtype).toMatchObject({ class: 'int', description: 'int64', littleEndian: false });
    const bools = await reader().readSlice('/bool', [{ start: 0, stop: 10 }]);
    expect(bools.values).toEqual(arange(10).map((i) => i % 3 === 0));
  });

  it('vlen-utf8, vlen-bytes and json2 strings', async () => {
    expect((await reader().readSlice('/vlen_utf8', [{ start: 0, stop: 5 }])).values).toEqual([
      'alpha',
      'βeta',
      '',
      'delta δ',
      'e',
    ]);
    expect((await reader().readSlice('/vlen_bytes', [{ start: 1, stop: 4 }])).values).toEqual([
      'yy2',
      '',
      'z',
    ]);
    expect((await reader().readSlice('/json2', [{ start: 0, stop: 3 }])).values).toEqual([
      'j0',
      'j1',
      'j2',
    ]);
    expect((await reader().describeDataset('/vlen_utf8')).dtype.description).toBe(
      'utf-8 string (variable length)',
    );
  });

  it('a pickle-coded array is described, and reading it is refused as unsupported', async () => {
    const info = await reader().describeDataset('/pickled');
    expect(info.dtype.description).toMatch(/pickle/);
    await expect(reader().readSlice('/pickled', [{ start: 0, stop: 2 }])).rejects.toMatchObject({
      name: 'ExplorerError:unsupported',
      message: expect.stringMatching(/not readable in a browser \(pickle\)/),
    });
  });

  it('attributes keep float-ness, lists, nested groups and scalars', async () => {
    const attrs = await reader().getAttributes('/');
    const byName = Object.fromEntries(attrs.map((a) => [a.name, a]));
    expect(byName.rate.dtype.description).toBe('float64');
    expect(byName.rate.value).toBe(30000);
    expect(byName.count.dtype.description).toBe('int64');
    expect(byName.names.value).toEqual(['a', 'b']);
    const nested = await reader().listChildren('/group/nested', { attrs: ['neurodata_type'] });
    expect(nested).toEqual([
      { name: 'data', path: '/group/nested/data', kind: 'dataset', attrs: {} },
    ]);
    const group = await reader().listChildren('/group', { attrs: ['neurodata_type'] });
    expect(group[0]).toMatchObject({
      name: 'nested',
      kind: 'group',
      attrs: { neurodata_type: 'TimeSeries' },
    });
    const scalar = await reader().describeDataset('/scalar');
    expect(scalar.shape).toEqual([]);
    expect(await reader().readSlice('/scalar', [])).toEqual({ shape: [], values: [2.5] });
  });
});

describe('Zarr v3', () => {
  it('zarrita-written arrays with bytes, blosc and zstd codecs', async () => {
    for (const name of ['plain', 'blosc', 'zstd']) {
      const slice = await v3Folder.readSlice(`/${name}`, [
        { start: 2, stop: 9 },
        { start: 3, stop: 6 },
      ]);
      const expected: number[] = [];
      for (let r = 2; r < 9; r++) for (let c = 3; c < 6; c++) expected.push((r * 6 + c) * 0.5);
      expect(Array.from(slice.values as Float64Array)).toEqual(expected);
    }
    const root = await v3Folder.listChildren('/');
    expect(root.map((c) => c.name)).toEqual(['blosc', 'plain', 'sharded', 'zstd']);
  });

  it('sharded: chunks are found through the shard index, locally and over HTTP by range', async () => {
    const expected = arange(24).map((i) => i * 3);
    const local = await v3Folder.readSlice('/sharded', [{ start: 0, stop: 24 }]);
    expect(Array.from(local.values as Int32Array)).toEqual(expected);
    const loader = new BlockLoader();
    const http = (await openZarrUrl(`${server.url}/v3/`, loader)).reader;
    server.stats.reset();
    const part = await http.readSlice('/sharded', [{ start: 13, stop: 15 }]);
    expect(Array.from(part.values as Int32Array)).toEqual([39, 42]);
    const info = await http.describeDataset('/sharded');
    expect(info.chunks).toEqual([4]);
    expect(info.filters.map((f) => f.name)).toContain('sharding_indexed');
  });
});
