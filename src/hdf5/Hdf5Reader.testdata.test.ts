/**
 * The HDF5 backend on every real file in ../shared/testdata: open, walk every group, read every
 * attribute, describe every dataset and read a bounded slice of it, with nothing thrown that is
 * not a named, expected limitation. Values are spot-checked against h5dump.
 */
import { execFileSync } from 'node:child_process';
import { openAsBlob, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { asExplorerError } from '../errors';
import type { DataReader, DatasetInfo, Selection } from '../reader/contract';
import { openHdf5Reader } from './openHdf5Reader';

const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');

function findHdf5Files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.endsWith('.zarr')) continue; // Zarr stores are not HDF5
    if (statSync(full).isDirectory()) out.push(...findHdf5Files(full));
    else if (name.endsWith('.nwb')) out.push(full);
  }
  return out.sort();
}

async function openLocal(file: string): Promise<DataReader> {
  const blob = await openAsBlob(file);
  const named = Object.assign(blob, { name: path.basename(file), lastModified: 0 });
  return openHdf5Reader({
    descriptor: { kind: 'file', file: named },
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(64 * 1024 * 1024),
  });
}

/** A leading hyperslab of at most ~100 elements per dimension and 4096 in all. */
function boundedSelection(info: DatasetInfo): Selection {
  const shape = info.shape ?? [];
  let budget = 4096;
  return shape.map((size) => {
    const stop = Math.max(0, Math.min(size, 100, budget));
    budget = Math.max(1, Math.floor(budget / Math.max(stop, 1)));
    return { start: 0, stop };
  });
}

interface WalkReport {
  groups: number;
  datasets: number;
  attributes: number;
  slices: number;
  unsupported: string[];
}

async function walk(reader: DataReader): Promise<WalkReport> {
  const report: WalkReport = { groups: 0, datasets: 0, attributes: 0, slices: 0, unsupported: [] };
  const queue = ['/'];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const group = queue.shift()!;
    if (seen.has(group)) continue;
    seen.add(group);
    report.groups++;
    report.attributes += (await reader.getAttributes(group)).length;
    for (const child of await reader.listChildren(group, { attrs: ['neurodata_type'] })) {
      // Links are shown, not walked: their targets are walked where they live.
      if (child.kind === 'group') queue.push(child.path);
      if (child.kind !== 'dataset') continue;
      report.datasets++;
      report.attributes += (await reader.getAttributes(child.path)).length;
      const info = await reader.describeDataset(child.path);
      try {
        await reader.readSlice(child.path, boundedSelection(info));
        report.slices++;
      } catch (error) {
        const e = asExplorerError(error);
        if (e.code !== 'unsupported')
          throw new Error(`${child.path}: ${e.message}`, { cause: error });
        report.unsupported.push(`${child.path}: ${e.message}`);
      }
    }
  }
  return report;
}

/** The values h5dump prints in the first DATA block of a dataset subset or an attribute. */
function h5dumpValues(file: string, args: string[]): string[] {
  const text = execFileSync('h5dump', ['-w', '0', ...args, file], { encoding: 'utf8' });
  const block = /DATA \{\n\s*\(\d+(?:,\d+)*\): (.*)\n/.exec(text);
  if (!block) throw new Error(`no DATA in h5dump output for ${args.join(' ')}`);
  return block[1].match(/"(?:[^"\\]|\\.)*"|[^,\s]+/g) ?? [];
}

const files = findHdf5Files(TESTDATA);
const hasH5dump = (() => {
  try {
    execFileSync('h5dump', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

describe('HDF5 backend on the shared real files', () => {
  it('finds the real files', () => {
    expect(files.length).toBeGreaterThan(60);
  });

  for (const file of files) {
    const name = path.relative(TESTDATA, file);
    it(`walks ${name}`, async () => {
      const reader = await openLocal(file);
      const report = await walk(reader);
      expect(report.groups).toBeGreaterThanOrEqual(1);
      if (!name.endsWith('empty.nwb')) {
        expect(report.datasets).toBeGreaterThan(0);
        expect(report.attributes).toBeGreaterThan(0);
        expect(report.slices + report.unsupported.length).toBe(report.datasets);
      }
      await reader.close();
    });
  }
});

describe('dataset descriptions', () => {
  it('reports an unlimited dimension as null, not 2^64', async () => {
    const { makeEdgeFixtures } = await import('../../scripts/make-edge-fixtures');
    const [huge] = await makeEdgeFixtures(path.join(os.tmpdir(), 'nwbx-edge-fixtures'));
    const reader = await openLocal(huge);
    const info = await reader.describeDataset('/acquisition/huge_1d');
    expect(info.shape).toEqual([10_000_000_000]);
    expect(info.maxshape).toEqual([null]);
    expect(info.elementCount).toBe(10_000_000_000);
  });
});

describe.runIf(hasH5dump)('values agree with h5dump', () => {
  const ecephys = path.join(
    TESTDATA,
    'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb',
  );
  const lab = path.join(
    TESTDATA,
    'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
  );

  it('numeric dataset slices', async () => {
    for (const [file, dataset] of [
      [ecephys, '/units/spike_times'],
      [ecephys, '/units/spike_times_index'],
      [lab, '/intervals/trials/start_time'],
    ]) {
      const reader = await openLocal(file);
      const slice = await reader.readSlice(dataset, [{ start: 2, stop: 9 }]);
      const expected = h5dumpValues(file, ['-d', dataset, '-s', '2', '-c', '7']).map(Number);
      const actual = Array.from(slice.values as ArrayLike<number | bigint>, Number);
      expect(actual).toHaveLength(7);
      actual.forEach((value, i) => expect(value).toBeCloseTo(expected[i], 6));
    }
  });

  it('string attributes and object references', async () => {
    const reader = await openLocal(ecephys);
    const root = await reader.getAttributes('/');
    const version = root.find((a) => a.name === 'nwb_version')?.value;
    expect(version).toBe(JSON.parse(h5dumpValues(ecephys, ['-a', '/nwb_version'])[0]));
    const specloc = root.find((a) => a.name === '.specloc')?.value;
    expect(JSON.stringify(specloc)).toContain('/specifications');
    const index = await reader.getAttributes('/units/spike_times_index');
    const target = index.find((a) => a.name === 'target')?.value;
    expect(target).toEqual({ kind: 'object-ref', path: '/units/spike_times' });
  });

  it('follows the matnwb external link to its sibling', async () => {
    const linkFile = path.join(TESTDATA, 'matnwb/link_test.nwb');
    const sibling = path.join(TESTDATA, 'matnwb/ecephys_tutorial.nwb');
    const blob = Object.assign(await openAsBlob(linkFile), { name: 'link_test.nwb' });
    const siblingBlob = Object.assign(await openAsBlob(sibling), { name: 'ecephys_tutorial.nwb' });
    const reader = await openHdf5Reader({
      descriptor: { kind: 'file', file: blob, siblings: [siblingBlob] },
      loader: new BlockLoader({ persistent: null }),
      memory: new MemoryBlockCache(64 * 1024 * 1024),
    });
    const general = await reader.listChildren('/general');
    const subject = general.find((c) => c.name === 'subject');
    expect(subject?.kind).toBe('external-link');
    expect(subject?.link).toMatchObject({ file: 'ecephys_tutorial.nwb', resolved: true });
    const attrs = await reader.getAttributes('/general/subject');
    expect(attrs.length).toBeGreaterThan(0);

    // A deep link straight into the linked file works before any listing mounted it.
    const fresh = await openHdf5Reader({
      descriptor: { kind: 'file', file: blob, siblings: [siblingBlob] },
      loader: new BlockLoader({ persistent: null }),
      memory: new MemoryBlockCache(64 * 1024 * 1024),
    });
    expect(await fresh.getKind('/general/subject')).toBe('group');
    expect((await fresh.getAttributes('/general/subject')).length).toBe(attrs.length);

    const alone = await openLocal(linkFile);
    const unresolved = (await alone.listChildren('/general')).find((c) => c.name === 'subject');
    expect(unresolved?.link?.resolved).toBe(false);
    expect(unresolved?.link?.problem).toMatch(/not among the dropped files/);
  });
});
