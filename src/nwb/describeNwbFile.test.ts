import { describe, expect, it } from 'vitest';
import type { AttributeInfo, DataReader, DatasetInfo, Value } from '../reader/contract';
import { describeNwbFile } from './describeNwbFile';
import { unwrapScalar, unwrapString, unwrapStringList } from './unwrap';

const str = { class: 'string' as const, size: 8, description: 'utf-8 string' };

function attr(name: string, value: Value): AttributeInfo {
  return { name, shape: Array.isArray(value) ? [value.length] : [], dtype: str, value };
}

/** A reader holding root attributes and scalar string datasets at the root, nothing else. */
function rootReader(attrs: AttributeInfo[], datasets: Record<string, string> = {}): DataReader {
  const info = (path: string): DatasetInfo => ({
    path,
    shape: [],
    maxshape: [],
    dtype: str,
    chunks: null,
    filters: [],
    storedBytes: null,
    memoryBytes: 8,
    elementCount: 1,
  });
  const fail = () => Promise.reject(new Error('not in this fake'));
  return {
    summary: fail,
    listChildren: fail,
    readSlices: fail,
    reduceMinMax: fail,
    close: () => Promise.resolve(),
    getAttributes: async (path) => (path === '/' ? attrs : []),
    getKind: async (path) =>
      path.slice(1) in datasets ? 'dataset' : path === '/' ? 'group' : null,
    describeDataset: async (path) => info(path),
    readSlice: async (path) => ({ shape: [], values: [datasets[path.slice(1)]] }),
  };
}

describe('describeNwbFile', () => {
  it('reads an NWB 2.x root', async () => {
    const nwb = await describeNwbFile(
      rootReader([
        attr('nwb_version', '2.5.0'),
        attr('identifier', 'abc'),
        attr('session_description', 'a session'),
        attr('session_start_time', '2018-12-02T15:30:00-08:00'),
        attr('neurodata_type', 'NWBFile'),
        attr('namespace', 'core'),
      ]),
    );
    expect(nwb).toEqual({
      isNwb: true,
      nwbVersion: '2.5.0',
      legacy: false,
      identifier: 'abc',
      sessionDescription: 'a session',
      sessionStartTime: '2018-12-02T15:30:00-08:00',
      neurodataType: 'NWBFile',
      namespace: 'core',
    });
  });

  it('reads NWB 2.x session fields from root datasets', async () => {
    const nwb = await describeNwbFile(
      rootReader([attr('nwb_version', '2.5.0')], {
        identifier: 'id-2',
        session_description: 'desc',
        session_start_time: '2020-01-01T00:00:00Z',
      }),
    );
    expect(nwb).toMatchObject({
      legacy: false,
      identifier: 'id-2',
      sessionDescription: 'desc',
      sessionStartTime: '2020-01-01T00:00:00Z',
    });
  });

  it('unwraps matnwb 1-element arrays', async () => {
    const nwb = await describeNwbFile(
      rootReader([attr('nwb_version', ['2.0b']), attr('identifier', ['id-1'])]),
    );
    expect(nwb.isNwb).toBe(true);
    expect(nwb.nwbVersion).toBe('2.0b');
    expect(nwb.identifier).toBe('id-1');
  });

  it('detects NWB 1.x from the nwb_version dataset', async () => {
    const nwb = await describeNwbFile(
      rootReader([], { nwb_version: 'NWB-1.0.6', identifier: 'old', session_description: 's' }),
    );
    expect(nwb).toMatchObject({
      isNwb: true,
      legacy: true,
      nwbVersion: 'NWB-1.0.6',
      identifier: 'old',
    });
  });

  it('calls a 1.x version string legacy even as an attribute', async () => {
    const nwb = await describeNwbFile(rootReader([attr('nwb_version', 'NWB-1.0.2')]));
    expect(nwb.legacy).toBe(true);
  });

  it('says plain HDF5 is not NWB', async () => {
    const nwb = await describeNwbFile(rootReader([attr('title', 'x')]));
    expect(nwb.isNwb).toBe(false);
  });
});

describe('unwrap helpers', () => {
  it('unwrap scalars from arrays of one', () => {
    expect(unwrapScalar(Float64Array.from([2.5]))).toBe(2.5);
    expect(unwrapScalar([['x']])).toBe('x');
    expect(unwrapString(Uint8Array.from([104, 105, 0, 0]))).toBe('hi');
    expect(unwrapStringList(['a', ['b']])).toEqual(['a', 'b']);
    expect(unwrapStringList([1])).toBeNull();
  });
});
