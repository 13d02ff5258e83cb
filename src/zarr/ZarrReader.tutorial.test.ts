/**
 * The hdmf-zarr twin of the ecephys tutorial (no .zmetadata, zarr_link, one pickle-coded column):
 * read as a dropped folder, over HTTP without consolidated metadata (probing), and over HTTP as a
 * copy consolidated by zarr-python. The tree, links, attributes and dataset descriptions must
 * match the HDF5 tutorial where the two files correspond.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockStore } from '../cache/MemoryBlockStore';
import { startRangeServer, type RangeServer } from '../../servers/range-server';
import type { ChildEntry, DataReader } from '../reader/contract';
import {
  openHdf5File,
  openZarrFolder,
  openZarrUrl,
  TUTORIAL_HDF5,
  TUTORIAL_ZARR,
} from './testing/openers';

let server: RangeServer;
let folder: DataReader;
let hdf5: DataReader;

/** Every object path below `path`, with its entry, in a deterministic order. */
async function walk(reader: DataReader, at = '/'): Promise<Map<string, ChildEntry>> {
  const out = new Map<string, ChildEntry>();
  for (const child of await reader.listChildren(at)) {
    out.set(child.path, child);
    if (child.kind === 'group') for (const [p, e] of await walk(reader, child.path)) out.set(p, e);
  }
  return out;
}

/** A copy of the tutorial store consolidated by zarr-python (an independent writer). */
function consolidatedCopy(): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'zarr-tutorial-')), 'tutorial.nwb.zarr');
  cpSync(TUTORIAL_ZARR, dir, { recursive: true });
  execFileSync('/usr/bin/python3', [
    '-c',
    `import zarr; zarr.consolidate_metadata(${JSON.stringify(dir)})`,
  ]);
  return dir;
}

let consolidatedDir: string;
beforeAll(async () => {
  consolidatedDir = consolidatedCopy();
  server = await startRangeServer({
    mounts: { '/plain': TUTORIAL_ZARR, '/cons': consolidatedDir },
  });
  folder = (await openZarrFolder(TUTORIAL_ZARR)).reader;
  hdf5 = await openHdf5File(TUTORIAL_HDF5);
}, 60_000);
afterAll(() => server?.close());

describe('tutorial store as a dropped folder', () => {
  it('has the same tree as the HDF5 tutorial (names, kinds, link targets)', async () => {
    const z = await walk(folder);
    const h = await walk(hdf5);
    const shape = (m: Map<string, ChildEntry>) =>
      [...m.values()]
        // The two files were written by different tools: the HDF5 one has no cached
        // hdmf-experimental spec; compare the NWB content.
        .filter((e) => !e.path.startsWith('/specifications'))
        .map((e) => `${e.path} ${e.kind} ${e.link?.target ?? ''}`)
        .sort();
    // hdmf-zarr's tutorial adds five electrode columns (x, y, z, imp, filtering) that the
    // neuroconv HDF5 copy lacks; everything the HDF5 file has, the store has the same way.
    const extra = shape(z).filter((line) => !shape(h).includes(line));
    expect(shape(h).filter((line) => !shape(z).includes(line))).toEqual([]);
    expect(extra.map((line) => line.split(' ')[0].split('/').pop()).sort()).toEqual([
      'filtering',
      'imp',
      'x',
      'y',
      'z',
    ]);
    expect(h.size).toBeGreaterThan(45);
    expect(z.get('/processing/ecephys/LFP/ElectricalSeries/electrodes')).toMatchObject({
      kind: 'soft-link',
      link: {
        target: '/acquisition/ElectricalSeries/electrodes',
        resolved: true,
        targetKind: 'dataset',
      },
    });
    expect(z.get('/general/extracellular_ephys/shank0/device')).toMatchObject({
      kind: 'soft-link',
      link: { target: '/general/devices/array' },
    });
  });

  it('describes datasets and attributes as the HDF5 backend does, except chunking and the pickle column', async () => {
    const entries = [...(await walk(hdf5)).values()].filter(
      (e) => e.kind === 'dataset' && !e.path.startsWith('/specifications'),
    );
    expect(entries.length).toBeGreaterThan(20);
    for (const { path: p } of entries) {
      const [zi, hi] = await Promise.all([folder.describeDataset(p), hdf5.describeDataset(p)]);
      if (p === '/general/extracellular_ephys/electrodes/group') {
        expect(zi.dtype.description).toMatch(/pickle/);
        continue;
      }
      // The tutorials hold different random spike trains: compare rank, not lengths.
      expect({ p, rank: zi.shape?.length, dtype: zi.dtype }).toEqual({
        p,
        rank: hi.shape?.length,
        dtype: hi.dtype,
      });
      const [za, ha] = await Promise.all([folder.getAttributes(p), hdf5.getAttributes(p)]);
      const describe = (attrs: typeof za) =>
        attrs.map((a) => `${a.name}: ${a.dtype.description} ${JSON.stringify(a.shape)}`).sort();
      expect({ p, attrs: describe(za) }).toEqual({ p, attrs: describe(ha) });
    }
  });

  it('follows references and links in paths; reads scalars as scalars', async () => {
    const table = (await folder.getAttributes('/units/spike_times_index')).find(
      (a) => a.name === 'target',
    );
    expect(table?.value).toEqual({ kind: 'object-ref', path: '/units/spike_times' });
    const viaLink = await folder.readSlice('/processing/ecephys/LFP/ElectricalSeries/electrodes', [
      { start: 0, stop: 12 },
    ]);
    const direct = await folder.readSlice('/acquisition/ElectricalSeries/electrodes', [
      { start: 0, stop: 12 },
    ]);
    expect(viaLink).toEqual(direct);
    expect(await folder.getKind('/processing/ecephys/LFP/ElectricalSeries/electrodes')).toBe(
      'dataset',
    );
    const rate = await folder.readSlice('/acquisition/ElectricalSeries/starting_time', []);
    expect(rate).toEqual({ shape: [], values: [0] });
    const description = await folder.readSlice('/session_description', []);
    expect(description.values[0]).toBe(
      (await hdf5.readSlice('/session_description', [])).values[0],
    );
  });

  it('refuses the pickle-coded column with a clear unsupported error', async () => {
    await expect(
      folder.readSlice('/general/extracellular_ephys/electrodes/group', [{ start: 0, stop: 1 }]),
    ).rejects.toMatchObject({
      name: 'ExplorerError:unsupported',
      message: expect.stringMatching(/pickle/),
    });
  });
});

describe('tutorial store over HTTP', () => {
  it('without .zmetadata: finds the schema- and reference-named tree by probing and says so', async () => {
    const loader = new BlockLoader();
    const opened = await openZarrUrl(`${server.url}/plain/`, loader);
    expect(opened.summary.warnings?.[0]).toMatch(/no consolidated metadata/);
    const reader = opened.reader;
    const root = (await reader.listChildren('/')).map((c) => c.name);
    expect(root).toEqual([
      'acquisition',
      'analysis',
      'file_create_date',
      'general',
      'identifier',
      'processing',
      'session_description',
      'session_start_time',
      'specifications',
      'stimulus',
      'timestamps_reference_time',
      'units',
    ]);
    const units = (await reader.listChildren('/units')).map((c) => c.name);
    expect(units).toEqual(['id', 'quality', 'spike_times', 'spike_times_index', 'waveform_mean']);
    // Free-named objects found under their conventional names.
    expect((await reader.listChildren('/acquisition')).map((c) => c.name)).toEqual([
      'ElectricalSeries',
    ]);
    expect(
      (await reader.listChildren('/processing/ecephys/LFP/ElectricalSeries')).map((c) => c.kind),
    ).toEqual(['dataset', 'soft-link', 'dataset']);
  });

  it('with .zmetadata: opens in one request and lists the whole tree with no more', async () => {
    const loader = new BlockLoader();
    server.stats.reset();
    const opened = await openZarrUrl(`${server.url}/cons/`, loader);
    expect(server.stats.log.map((e) => e.path)).toEqual(['/cons/.zmetadata']);
    expect(opened.summary.warnings).toBeUndefined();
    const tree = await walk(opened.reader);
    expect(server.stats.requests).toBe(1);
    expect([...tree.keys()].sort()).toEqual([...(await walk(folder)).keys()].sort());
  });

  it('a warm reopen over the persistent cache makes no request', async () => {
    const persistent = new MemoryBlockStore();
    const read = async () => {
      const { reader } = await openZarrUrl(`${server.url}/cons/`, new BlockLoader({ persistent }));
      await reader.listChildren('/units');
      return reader.readSlice('/units/spike_times', [{ start: 0, stop: 20 }]);
    };
    const cold = await read();
    server.stats.reset();
    const warm = await read();
    expect(warm).toEqual(cold);
    expect(server.stats.requests).toBe(0);
  });
});
