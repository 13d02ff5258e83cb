/**
 * Type recognition on every real file in ../shared/testdata: every object that names a
 * neurodata_type resolves to a known type, and its ancestry matches the one h5py computes from
 * the specifications cached in the file (an independent reading; the app uses its bundled tables
 * for the core namespaces). Files without cached specs (NWB 2.0b) must still resolve every type.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_PYTHON,
  TESTDATA,
  findHdf5Files,
  openLocalReader,
  runPythonJson,
} from '../../testing/localFiles';
import { isA } from './NwbType';
import { resolveNwbType } from './resolveNwbType';

const SCRIPT = path.resolve(__dirname, '../../testing/h5py_nwb_types.py');

type Expected = Record<string, { type: string; namespace: string; ancestry: string[] | null }>;

describe.skipIf(!DEBIAN_PYTHON)('resolveNwbType on the real test files', () => {
  for (const file of findHdf5Files()) {
    it(path.relative(TESTDATA, file), async () => {
      const expected = runPythonJson<Expected>(SCRIPT, [file]);
      const reader = await openLocalReader(file);
      try {
        for (const [objectPath, want] of Object.entries(expected)) {
          const got = await resolveNwbType(reader, objectPath);
          expect(got, objectPath).not.toBeNull();
          expect(got?.name, objectPath).toBe(want.type);
          expect(got?.known, `${objectPath} (${want.type}) known`).toBe(true);
          if (want.ancestry) expect(got?.ancestry, objectPath).toEqual(want.ancestry);
          else expect(got?.ancestry.length, objectPath).toBeGreaterThan(1);
        }
      } finally {
        await reader.close();
      }
    });
  }

  it('treats an extension type as its nearest known base', async () => {
    const file = path.join(TESTDATA, 'pynwb/tests/back_compat/2.1.0_nwbfile_with_extension.nwb');
    const expected = runPythonJson<Expected>(SCRIPT, [file]);
    const ext = Object.entries(expected).find(([, v]) => v.type === 'TimeSeriesWithID');
    expect(ext).toBeDefined();
    const reader = await openLocalReader(file);
    const type = await resolveNwbType(reader, ext![0]);
    expect(type?.namespace).toBe('ndx-testextension');
    expect(isA(type, 'TimeSeries')).toBe(true);
    expect(isA(type, 'DynamicTable')).toBe(false);
    await reader.close();
  });

  it('resolves NWB 2.0b tables with no cached specifications', async () => {
    const file = path.join(TESTDATA, 'nwb-explorer/test/nwb_files/pynwb_test_files/test_Units.nwb');
    const reader = await openLocalReader(file);
    const units = await resolveNwbType(reader, '/acquisition/UnitsTest');
    expect(units?.ancestry.slice(0, 2)).toEqual(['Units', 'DynamicTable']);
    expect(isA(units, 'DynamicTable')).toBe(true);
    expect(await resolveNwbType(reader, '/general')).toBeNull();
    await reader.close();
  });
});
