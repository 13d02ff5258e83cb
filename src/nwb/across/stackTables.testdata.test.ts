/**
 * Units and trials of several real files stacked into one table, checked value by value against
 * h5py reading each file alone (src/testing/h5py_tables.py, an independent implementation); then
 * projection, filters first, a file that is not NWB, a column nobody has, and widening on the
 * generated sessions whose types differ.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataReader } from '../../reader/contract';
import { DEBIAN_PYTHON, TESTDATA, openLocalReader, runPythonJson } from '../../testing/localFiles';
import { makeAcrossSessions } from '../../../scripts/make-across-sessions';
import { metadataTable } from './metadataTable';
import type { PlainCell } from './plainCell';
import { stackTables, type AcrossFile } from './stackTables';

const SCRIPT = path.resolve(__dirname, '../../testing/h5py_tables.py');
const GENERATED = path.resolve(__dirname, '../../../fixtures/generated/across');

const WITH_TABLES = [
  'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb',
  'hdmf-zarr/docs/gallery/resources/sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb',
  'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
  'dandi-cli/dandi/tests/data/dandifiles/sub-anm372793/sub-anm372793_ses-20170508.nwb',
].map((f) => path.join(TESTDATA, f));
const NOT_NWB = path.join(TESTDATA, 'pynwb/tests/unit/pynwb_tests/data/empty.nwb');

type Expected = Record<string, { rows: number; columns: Record<string, unknown[]> }>;

/** Files opened once per test file, counted so projection can be checked. */
const opened: DataReader[] = [];
function localFiles(files: string[]): AcrossFile[] {
  return files.map((file) => {
    let reader: Promise<DataReader> | null = null;
    return {
      name: path.basename(file),
      open: () => {
        reader ??= openLocalReader(file).then((r) => (opened.push(r), r));
        return reader;
      },
    };
  });
}

afterAll(async () => {
  await Promise.all(opened.map((r) => r.close()));
});

/** h5py's reading with NaN as "NaN" and no trailing float noise difference. */
function same(actual: PlainCell, expected: unknown): boolean {
  if (typeof actual === 'number' && Number.isNaN(actual)) return expected === 'NaN';
  if (Array.isArray(actual) && Array.isArray(expected))
    return actual.length === expected.length && actual.every((a, i) => same(a, expected[i]));
  return actual === expected;
}

describe.skipIf(!DEBIAN_PYTHON)('stackTables on real files', () => {
  for (const tablePath of ['/units', '/intervals/trials']) {
    it(`stacks ${tablePath} of several files like h5py reads each alone`, async () => {
      const files = localFiles(WITH_TABLES);
      const stacked = await stackTables(files, tablePath);
      let offset = 0;
      let compared = 0;
      for (const [i, file] of WITH_TABLES.entries()) {
        const expected = runPythonJson<Expected>(SCRIPT, [file])[tablePath];
        const got = stacked.files[i];
        if (!expected) {
          expect(got.error, file).toMatch(/No table/);
          offset += 1; // its error row
          continue;
        }
        expect(got.rows, file).toBe(expected.rows);
        for (let r = 0; r < expected.rows; r++) {
          expect(stacked.values._nwb_path[offset + r]).toBe(path.basename(file));
          expect(stacked.values._table_index[offset + r]).toBe(r);
        }
        for (const [name, cells] of Object.entries(expected.columns)) {
          const column = stacked.columns.find((c) => c.name === name);
          if (!column || column.conflict || name === 'id') continue;
          const mine = stacked.values[name].slice(offset, offset + expected.rows);
          for (let r = 0; r < expected.rows; r++)
            expect(
              same(mine[r], cells[r]),
              `${file} ${name}[${r}]: ${JSON.stringify(mine[r])} vs ${JSON.stringify(cells[r])}`,
            ).toBe(true);
          compared++;
        }
        offset += expected.rows;
      }
      expect(stacked.rowCount).toBe(offset);
      expect(compared).toBeGreaterThan(5);
    });
  }

  it('reads only the named columns and filters on a scalar column first', async () => {
    const files = localFiles(WITH_TABLES.slice(1));
    const all = await stackTables(files, '/intervals/trials', {
      columns: ['start_time', 'stop_time'],
    });
    expect(all.columns.map((c) => c.name)).toEqual([
      '_nwb_path',
      '_table_index',
      '_error',
      'start_time',
      'stop_time',
    ]);
    const filtered = await stackTables(files, '/intervals/trials', {
      columns: ['start_time'],
      filters: [{ column: 'start_time', op: '>', value: '100' }],
    });
    // Brute force over the unfiltered stack gives the same rows.
    const want = all.values.start_time
      .map((v, i) => [v, i] as const)
      .filter(([v]) => typeof v === 'number' && v > 100)
      .map(([, i]) => `${all.values._nwb_path[i]}#${all.values._table_index[i]}`);
    const got = filtered.values._nwb_path.map((p, i) => `${p}#${filtered.values._table_index[i]}`);
    expect(got).toEqual(want);
    expect(want.length).toBeGreaterThan(0);
    expect(want.length).toBeLessThan(all.rowCount);
  });

  it('gives a file that is not NWB its own error row, names a column nobody has, and goes on', async () => {
    const files = localFiles([NOT_NWB, WITH_TABLES[0]]);
    const stacked = await stackTables(files, '/units', {
      columns: ['spike_times', 'no_such_column'],
    });
    expect(stacked.files[0].error).toMatch(/Not an NWB file/);
    expect(stacked.values._error[0]).toMatch(/Not an NWB file/);
    expect(stacked.files[1].rows).toBe(10);
    expect(stacked.problems.join(' ')).toMatch(/No file has the column no_such_column/);
    const spikes = stacked.values.spike_times.slice(1);
    expect(spikes.every((s) => Array.isArray(s) && s.length > 0)).toBe(true);
  });

  it('gives session metadata of each file from its own reading', async () => {
    const files = localFiles([...WITH_TABLES, NOT_NWB]);
    const table = await metadataTable(files);
    for (const [i, file] of WITH_TABLES.entries()) {
      const h5 = runPythonJson<Expected>(SCRIPT, [file]);
      expect(table.values.units[i], file).toBe(h5['/units']?.rows ?? null);
      expect(table.values.trials[i], file).toBe(h5['/intervals/trials']?.rows ?? null);
      expect(table.values.tables[i]).toEqual(
        expect.arrayContaining(Object.keys(h5).filter((t) => t === '/units')),
      );
    }
    expect(table.values.identifier[2]).toBeTruthy();
    expect(table.values._error[WITH_TABLES.length]).toMatch(/Not an NWB file/);
  });
});

describe('stackTables on generated sessions whose columns differ', () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = await makeAcrossSessions(GENERATED, 10);
  }, 120_000);

  it('widens int32 with int64 and float32 with float64, and lists the file without depth', async () => {
    const stacked = await stackTables(localFiles(files), '/units', {
      columns: ['depth', 'firing_rate', 'quality'],
    });
    const depth = stacked.columns.find((c) => c.name === 'depth')!;
    expect(depth.kind).toBe('int64');
    expect(depth.conflict).toBeUndefined();
    expect(depth.missingIn).toEqual([path.basename(files[9])]);
    expect(stacked.columns.find((c) => c.name === 'firing_rate')!.kind).toBe('float64');
    // 12 + 3i units in session i.
    expect(stacked.rowCount).toBe(files.reduce((n, _, i) => n + 12 + 3 * i, 0));
    const last = stacked.values._nwb_path.lastIndexOf(path.basename(files[9]));
    expect(stacked.values.depth[last]).toBeNull();
  });

  it('names the files when types cannot be widened', async () => {
    const stacked = await stackTables(localFiles(files.slice(0, 2)), '/units', {
      columns: ['quality'],
    });
    expect(stacked.columns.find((c) => c.name === 'quality')!.kind).toBe('string');
    const { agreeKinds } = await import('./columnKind');
    const agreed = agreeKinds([
      { file: 'a.nwb', kind: 'int64' },
      { file: 'b.nwb', kind: 'string' },
    ]);
    expect(agreed.conflict).toBe('int64 in a.nwb; string in b.nwb');
  });
});
