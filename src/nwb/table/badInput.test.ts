/**
 * Bad tables through an in-memory reader: each fault shows on the rows it affects, with words,
 * while the other rows and columns still read. Expected values are written out by hand from the
 * fixture below (a brute-force reading of four short arrays).
 */
import { readSlicesEach } from '../../reader/readSlices';
import { describe, expect, it } from 'vitest';
import type {
  AttributeInfo,
  ChildEntry,
  DataReader,
  DatasetInfo,
  DtypeInfo,
  Value,
} from '../../reader/contract';
import { describeTable } from './describeTable';
import { isCellProblem, type Cell } from './model';
import { queryRows } from './query';
import { readColumnRows } from './readColumn';
import { resolveRegionRows } from './regions';

const i64: DtypeInfo = { class: 'int', size: 8, description: 'int64' };
const f64: DtypeInfo = { class: 'float', size: 8, description: 'float64' };
const f16: DtypeInfo = { class: 'float', size: 2, description: 'float16' };
const str: DtypeInfo = { class: 'string', size: 8, description: 'utf-8 string' };

interface FakeDataset {
  values: Value[];
  dtype: DtypeInfo;
  attrs?: Record<string, Value>;
}

/** A reader over groups of 1-d datasets; tracks every readSlice so tests can see what was read. */
function fakeReader(
  tables: Record<string, { colnames: string[]; datasets: Record<string, FakeDataset> }>,
) {
  const reads: string[] = [];
  const dataset = (path: string): FakeDataset | undefined => {
    const at = path.lastIndexOf('/');
    return tables[path.slice(0, at)]?.datasets[path.slice(at + 1)];
  };
  const reader: DataReader = {
    summary: async () => ({ format: 'hdf5', name: 'fake', size: null }),
    close: async () => undefined,
    reduceMinMax: async () => {
      throw new Error('The table never asks for an envelope.');
    },
    getKind: async (path) => (tables[path] ? 'group' : dataset(path) ? 'dataset' : null),
    getAttributes: async (path): Promise<AttributeInfo[]> =>
      tables[path]
        ? [{ name: 'colnames', shape: [1], dtype: str, value: tables[path].colnames }]
        : [],
    listChildren: async (path): Promise<ChildEntry[]> =>
      Object.entries(tables[path]?.datasets ?? {}).map(([name, d]) => ({
        name,
        path: `${path}/${name}`,
        kind: 'dataset',
        attrs: d.attrs ?? {},
      })),
    describeDataset: async (path): Promise<DatasetInfo> => {
      const d = dataset(path);
      if (!d) throw new Error(`no ${path}`);
      return {
        path,
        shape: [d.values.length],
        maxshape: [d.values.length],
        dtype: d.dtype,
        chunks: null,
        filters: [],
        storedBytes: null,
        memoryBytes: d.values.length * 8,
        elementCount: d.values.length,
      };
    },
    readSlice: async (path, selection) => {
      const d = dataset(path);
      if (!d) throw new Error(`no ${path}`);
      const { start, stop } = selection[0];
      reads.push(`${path.split('/').pop()}[${start}:${stop}]`);
      return { shape: [stop - start], values: d.values.slice(start, stop) };
    },
    readSlices: (requests, options) => readSlicesEach(reader, requests, options),
  };
  return { reader, reads };
}

const plain = (cells: Cell[]) =>
  cells.map((c) => (isCellProblem(c) ? 'problem' : Array.isArray(c) ? c.map(Number) : c));

describe('bad tables', () => {
  const { reader, reads } = fakeReader({
    '/t': {
      colnames: ['x', 'short', 'spikes', 'nested', 'half', 'region', 'missing'],
      datasets: {
        id: { values: [10, 11, 12, 13], dtype: i64 },
        x: { values: [3.5, 1.5, 2.5, 0.5], dtype: f64 },
        short: { values: [1, 2], dtype: i64 },
        // Row 1 goes backwards (4 then 2); row 3 points past the data (9 > 6).
        spikes: { values: [1, 2, 3, 4, 5, 6], dtype: f64 },
        spikes_index: { values: [4, 2, 6, 9], dtype: i64 },
        // Doubly ragged: rows hold [[0,1],[2]], [[3,4,5]], [], [[6]].
        nested: { values: [0, 1, 2, 3, 4, 5, 6], dtype: i64 },
        nested_index: { values: [2, 3, 6, 7], dtype: i64 },
        nested_index_index: { values: [2, 3, 3, 4], dtype: i64 },
        half: { values: [0, 0, 0, 0], dtype: f16 },
        region: {
          values: [0, 1, 5, 0],
          dtype: i64,
          attrs: {
            neurodata_type: 'DynamicTableRegion',
            table: { kind: 'object-ref', path: '/target' },
          },
        },
      },
    },
    '/target': {
      colnames: ['location'],
      datasets: {
        id: { values: [100, 101], dtype: i64 },
        location: { values: ['CA1', 'CA3'], dtype: str },
      },
    },
  });

  it('describes each column and says what is wrong with the broken ones', async () => {
    const model = await describeTable(reader, '/t');
    expect(model.rowCount).toBe(4);
    expect(model.problems.join(' ')).toMatch(/"missing" is listed in colnames but is not/);
    const byName = Object.fromEntries(model.columns.map((c) => [c.name, c]));
    expect(byName.short.problem).toMatch(/Has 2 rows, the table has 4/);
    expect(byName.half.readable).toBe(false);
    expect(byName.half.problem).toMatch(/float16/);
    expect(byName.spikes.raggedDepth).toBe(1);
    expect(byName.nested.raggedDepth).toBe(2);
    expect(byName.region.regionTarget).toBe('/target');
    expect(byName.x.sortable).toBe(true);
    expect(byName.spikes.sortable).toBe(false);
  });

  it('reads good rows and marks bad ones, per cell', async () => {
    const model = await describeTable(reader, '/t');
    const col = (name: string) => model.columns.find((c) => c.name === name)!;
    const rows = [0, 1, 2, 3];
    expect(plain(await readColumnRows(reader, col('short'), rows))).toEqual([
      1,
      2,
      'problem',
      'problem',
    ]);
    const spikes = await readColumnRows(reader, col('spikes'), rows);
    expect(plain(spikes)).toEqual([[1, 2, 3, 4], 'problem', [3, 4, 5, 6], 'problem']);
    expect((spikes[1] as { message: string }).message).toMatch(/not monotonic/);
    expect((spikes[3] as { message: string }).message).toMatch(/past the data/);
    const nested = await readColumnRows(reader, col('nested'), rows);
    expect(nested.map((r) => (r as Value[]).map((x) => Array.from(x as number[])))).toEqual([
      [[0, 1], [2]],
      [[3, 4, 5]],
      [],
      [[6]],
    ]);
    const half = await readColumnRows(reader, col('half'), rows);
    expect(half.every(isCellProblem)).toBe(true);
  });

  it('flags region rows past the target table and labels the others', async () => {
    const labels = await resolveRegionRows(reader, '/target', [0, 1, 5]);
    expect(labels.rowCount).toBe(2);
    expect(labels.labels.get(1)).toBe('CA3');
    expect(labels.ids.get(0)).toBe(100);
    expect(labels.labels.has(5)).toBe(false);
  });

  it('filters first, then reads other columns only for the matching rows', async () => {
    const model = await describeTable(reader, '/t');
    const rows = await queryRows(reader, model, {
      filters: [{ column: 'x', op: '>', value: '1' }],
      sort: { column: 'x', desc: false },
    });
    expect(rows).toEqual([1, 2, 0]); // x = 1.5, 2.5, 3.5
    reads.length = 0;
    await readColumnRows(
      reader,
      model.columns.find((c) => c.name === 'spikes')!,
      [2],
    );
    // Row 2 only: its two index entries, then its data range.
    expect(reads).toEqual(['spikes_index[1:3]', 'spikes[2:6]']);
  });
});
