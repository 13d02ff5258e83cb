/**
 * Every DynamicTable in every real test file is found (by type) and read whole through the NWB
 * layer; each column that h5py reads the same way is compared value by value with h5py's reading
 * (src/testing/h5py_tables.py), an independent implementation. Columns the app reports as
 * problems must say why; nothing throws.
 */
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Value } from '../../reader/contract';
import {
  DEBIAN_PYTHON,
  TESTDATA,
  findHdf5Files,
  openLocalReader,
  runPythonJson,
} from '../../testing/localFiles';
import { walkTypedObjects } from '../overview/walkTypedObjects';
import { isA } from '../types';
import { isNumericArray } from '../unwrap';
import { describeTable } from './describeTable';
import { isCellProblem, type Cell } from './model';
import { readColumnRows } from './readColumn';

const SCRIPT = path.resolve(__dirname, '../../testing/h5py_tables.py');

type Expected = Record<string, { rows: number; columns: Record<string, unknown[]> }>;

/** A cell as plain JSON, the way the h5py helper prints it. */
function plain(cell: Cell | Value): unknown {
  if (isCellProblem(cell)) return { problem: cell.message };
  if (isNumericArray(cell)) return Array.from(cell as ArrayLike<number | bigint>, (v) => plain(v));
  if (Array.isArray(cell)) return cell.map(plain);
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'number' && Number.isNaN(cell)) return 'NaN';
  if (cell && typeof cell === 'object' && 'kind' in cell) return cell.path;
  return cell;
}

/** Typed rows flatten the way numpy's reshape(-1) does: nested plain arrays too. */
function flat(value: unknown): unknown {
  return Array.isArray(value) && value.some(Array.isArray) ? value.flat(Infinity) : value;
}

describe.skipIf(!DEBIAN_PYTHON)('DynamicTables of the real test files, read whole', () => {
  const compared = { columns: 0, ragged: 0, doubly: 0 };
  afterAll(() => {
    // The comparison must have reached real columns of every shape, or it proves nothing.
    console.log('columns compared with h5py:', compared);
    expect(compared.columns).toBeGreaterThan(100);
    expect(compared.ragged).toBeGreaterThan(5);
  });
  for (const file of findHdf5Files()) {
    it(path.relative(TESTDATA, file), async () => {
      const expected = runPythonJson<Expected>(SCRIPT, [file]);
      const reader = await openLocalReader(file);
      try {
        const tables = (await walkTypedObjects(reader)).filter((o) => isA(o.type, 'DynamicTable'));
        const found = new Set(tables.map((t) => t.path));
        for (const tablePath of Object.keys(expected))
          expect(found, tablePath).toContain(tablePath);
        for (const table of tables) {
          const model = await describeTable(reader, table.path);
          const want = expected[table.path];
          if (want) expect(model.rowCount, table.path).toBe(want.rows);
          const rows = Array.from({ length: model.rowCount }, (_, i) => i);
          for (const column of model.columns) {
            const cells = await readColumnRows(reader, column, rows);
            expect(cells).toHaveLength(rows.length);
            if (!column.readable) {
              expect(column.problem, `${table.path}/${column.name}`).toBeTruthy();
              continue;
            }
            const wantColumn = want?.columns[column.name];
            if (!wantColumn || column.problem) continue;
            const got = cells.map((c) => plain(c));
            const label = `${table.path}/${column.name}`;
            compared.columns++;
            if (column.raggedDepth > 0) compared.ragged++;
            if (column.raggedDepth === 2) compared.doubly++;
            if (column.raggedDepth === 2 || column.shape === 'scalar') {
              expect(got, label).toEqual(wantColumn);
            } else {
              expect(got.map(flat), label).toEqual(wantColumn.map(flat));
            }
          }
        }
      } finally {
        await reader.close();
      }
    });
  }
});
