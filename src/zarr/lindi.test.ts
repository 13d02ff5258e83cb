/**
 * LINDI files written by our generator (scripts/zarr/write_lindi.py, from LINDI's published
 * description) for real HDF5 files: the same tree and the same values through the LINDI file
 * (Zarr backend, chunks as byte ranges of the HDF5 file) as through the HDF5 backend.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import type { ChildEntry, DataReader, Selection } from '../reader/contract';
import { openHdf5File, openZarrUrl, TESTDATA } from './testing/openers';

const FILES = [
  'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb',
  'hdmf-zarr/docs/gallery/resources/sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb',
  'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
  'pynwb/tests/back_compat/2.6.0_DynamicTableElectrodes.nwb',
];

let server: RangeServer;
let outDir: string;
const SCRIPT = path.resolve(__dirname, '../../scripts/zarr/write_lindi.py');

beforeAll(async () => {
  outDir = mkdtempSync(path.join(os.tmpdir(), 'lindi-'));
  server = await startRangeServer({ mounts: { '/testdata': TESTDATA, '/lindi': outDir } });
}, 30_000);
afterAll(() => server?.close());

function writeLindi(rel: string): string {
  const name = path.basename(rel) + '.lindi.json';
  execFileSync('/usr/bin/python3', [
    SCRIPT,
    path.join(TESTDATA, rel),
    `${server.url}/testdata/${rel}`,
    path.join(outDir, name),
  ]);
  return `${server.url}/lindi/${name}`;
}

async function walk(reader: DataReader, at = '/'): Promise<ChildEntry[]> {
  const out: ChildEntry[] = [];
  for (const child of await reader.listChildren(at)) {
    out.push(child);
    if (child.kind === 'group') out.push(...(await walk(reader, child.path)));
  }
  return out;
}

function leading(shape: number[]): Selection {
  return shape.map((n) => ({ start: 0, stop: Math.min(n, 50) }));
}

/** Values in a comparable form: references by path, typed arrays as plain lists. */
function plain(values: unknown): unknown {
  return JSON.parse(
    JSON.stringify(values, (_k, v: unknown) =>
      typeof v === 'bigint'
        ? v.toString()
        : ArrayBuffer.isView(v)
          ? Array.from(v as unknown as ArrayLike<number>)
          : v,
    ),
  );
}

describe.each(FILES)('LINDI of %s', (rel) => {
  it('has the same tree, numeric dtypes and values as the HDF5 file', async () => {
    const url = writeLindi(rel);
    const loader = new BlockLoader();
    server.stats.reset();
    const { reader: lindi, summary } = await openZarrUrl(url, loader, 'lindi');
    expect(summary.format).toBe('lindi');
    // The whole tree comes from the one JSON request.
    const lindiTree = await walk(lindi);
    expect(server.stats.log.map((e) => e.path)).toEqual([`/lindi/${path.basename(url)}`]);
    const hdf5 = await openHdf5File(path.join(TESTDATA, rel));
    const hdf5Tree = (await walk(hdf5)).filter((e) => e.kind !== 'external-link');
    const line = (e: ChildEntry) => `${e.path} ${e.kind} ${e.link?.target ?? ''}`;
    expect(lindiTree.map(line).sort()).toEqual(hdf5Tree.map(line).sort());

    let compared = 0;
    for (const entry of hdf5Tree.filter((e) => e.kind === 'dataset')) {
      const info = await hdf5.describeDataset(entry.path);
      const mine = await lindi.describeDataset(entry.path);
      expect({ p: entry.path, shape: mine.shape }).toEqual({ p: entry.path, shape: info.shape });
      if (['int', 'uint', 'float'].includes(info.dtype.class)) {
        expect({ p: entry.path, dtype: mine.dtype.description }).toEqual({
          p: entry.path,
          dtype: info.dtype.description,
        });
      }
      if (info.shape === null || info.dtype.class === 'compound') continue;
      const selection = leading(info.shape);
      const [a, b] = await Promise.all([
        lindi.readSlice(entry.path, selection),
        hdf5.readSlice(entry.path, selection),
      ]);
      // The HDF5 backend returns the whole dataset (unresolved past the selection) for a slice
      // of an object-reference dataset; compare the selected part.
      const count = a.shape.reduce((x, y) => x * y, 1);
      const expected =
        info.dtype.class === 'reference' ? (b.values as unknown[]).slice(0, count) : b.values;
      expect({ p: entry.path, v: plain(a.values) }).toEqual({ p: entry.path, v: plain(expected) });
      compared++;
    }
    expect(compared).toBeGreaterThan(10);
    for (const entry of hdf5Tree.slice(0, 40)) {
      if (entry.kind !== 'group' && entry.kind !== 'dataset') continue;
      const names = async (r: DataReader) =>
        (await r.getAttributes(entry.path)).map((x) => x.name).sort();
      expect(await names(lindi)).toEqual(await names(hdf5));
    }
  }, 120_000);
});
