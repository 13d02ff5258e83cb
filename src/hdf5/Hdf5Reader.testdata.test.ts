/**
 * The HDF5 backend on every HDF5 file in ../shared/testdata (found by its signature, whatever its
 * name) and on our generated edge-case files: everything we read (tree, attributes, types,
 * shapes, chunks, filters, stored sizes, first/last/strided slices, references and region
 * selections) must agree with h5dump's reading. A file added to the folder is checked by adding it.
 */
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  openAsBlob,
  openSync,
  readFileSync,
  readSync,
  closeSync,
  readdirSync,
  statSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import type { DataReader, RegionRefValue, RegionSelection, Value } from '../reader/contract';
import { openHdf5Reader } from './openHdf5Reader';
import { compareWithH5dump, type FileComparison } from './testing/compareWithH5dump';

const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');
const GENERATED = path.resolve(__dirname, '../../fixtures/generated');
const SIGNATURE = Buffer.from([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]);

/** HDF5 files start with the signature at 0 or, after a user block, at 512, 1024, 2048... */
function isHdf5(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(8);
    for (let offset = 0; offset <= 1 << 20; offset = offset === 0 ? 512 : offset * 2) {
      if (readSync(fd, head, 0, 8, offset) < 8) return false;
      if (head.equals(SIGNATURE)) return true;
    }
    return false;
  } finally {
    closeSync(fd);
  }
}

function findHdf5Files(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const stat = statSync(full);
    if (stat.isDirectory()) {
      if (!name.endsWith('.zarr')) out.push(...findHdf5Files(full)); // Zarr stores hold no HDF5
    } else if (stat.size >= 8 && isHdf5(full)) {
      out.push(full);
    }
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

const hasH5dump = (() => {
  try {
    execFileSync('h5dump', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

/**
 * Our edge-case files, written with h5py by scripts/make-fidelity-fixtures.py when missing,
 * each with h5py's reading of its region references beside it (`<file>.regions.json`).
 */
function generatedFiles(): string[] {
  const made = ['fidelity-edge-cases.h5', 'fidelity-latest.h5'].map((n) => path.join(GENERATED, n));
  if (!made.every((file) => existsSync(file) && existsSync(`${file}.regions.json`))) {
    // Debian's interpreter, where python3-h5py lives (a pyenv python3 may come first on PATH).
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    const script = path.resolve(__dirname, '../../scripts/make-fidelity-fixtures.py');
    try {
      execFileSync(python, [script, GENERATED]);
    } catch (error) {
      throw new Error(`Could not write the fidelity fixtures (needs Debian's python3-h5py)`, {
        cause: error,
      });
    }
  }
  return made;
}

const files = findHdf5Files(TESTDATA);
const totals = new Map<string, FileComparison>();

describe.runIf(hasH5dump)('every HDF5 file read as h5dump reads it', () => {
  it('finds the real files', () => {
    expect(files.length).toBeGreaterThan(60);
  });

  for (const file of [...files, ...(hasH5dump ? generatedFiles() : [])]) {
    const name = file.startsWith(TESTDATA) ? path.relative(TESTDATA, file) : path.basename(file);
    it(`agrees with h5dump: ${name}`, async () => {
      const reader = await openLocal(file);
      try {
        const report = await compareWithH5dump(file, reader);
        totals.set(name, report);
        expect(report.mismatches).toEqual([]);
        expect(report.objects).toBeGreaterThan(0);
      } finally {
        await reader.close();
      }
    });
  }

  afterAll(() => {
    // FIDELITY_REPORT=1 prints the figures of every file, not only the totals.
    if (process.env.FIDELITY_REPORT) {
      for (const [name, r] of totals) {
        console.log(`${r.objects}\t${r.attributes}\t${r.values}\t${r.mismatches.length}\t${name}`);
      }
    }
    const all = [...totals.values()];
    const sum = (key: keyof FileComparison) =>
      all.reduce((n, r) => n + (typeof r[key] === 'number' ? r[key] : 0), 0);
    const mismatched = all.filter((r) => r.mismatches.length > 0).length;
    console.log(
      `h5dump comparison: ${all.length} files, ${sum('objects')} objects, ` +
        `${sum('attributes')} attributes, ${sum('values')} values; ` +
        `${mismatched} files with mismatches; stored size unknown for ` +
        `${sum('storedSizeUnknown')} of ${sum('datasets')} datasets`,
    );
  });
});

describe.runIf(hasH5dump)('region references as h5py reads them', () => {
  // h5dump prints no selection for a region reference inside a compound record: h5py's
  // reading, written beside each fixture, is the independent one there.
  for (const file of hasH5dump ? generatedFiles() : []) {
    it(`decodes every selection of ${path.basename(file)}`, async () => {
      const expected = JSON.parse(readFileSync(`${file}.regions.json`, 'utf8')) as Record<
        string,
        { path: string; selection: RegionSelection }[]
      >;
      const reader = await openLocal(file);
      for (const [dataset, regions] of Object.entries(expected)) {
        const info = await reader.describeDataset(dataset);
        const whole = (info.shape ?? []).map((n) => ({ start: 0, stop: n }));
        const { values } = await reader.readSlice(dataset, whole);
        const found = (values as Value[]).flat().filter(isRegionRef);
        expect(found.map(({ path, selection }) => ({ path, selection }))).toEqual(regions);
      }
      await reader.close();
    });
  }
});

function isRegionRef(value: Value): value is RegionRefValue {
  return (
    typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'region-ref'
  );
}

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

describe('external links', () => {
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
