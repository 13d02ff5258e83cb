/**
 * SQL over one table stacked across the generated sessions, in DuckDB-wasm (Node build): the
 * answer equals a brute-force computation over each file read alone; the plan reads only named
 * columns and reads spike_times only for rows passing a scalar filter; bad queries give DuckDB's
 * message before anything is read.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeAcrossSessions } from '../../scripts/make-across-sessions';
import { describeTable, readColumnRows } from '../nwb/table';
import type { DataReader } from '../reader/contract';
import { openLocalReader } from '../testing/localFiles';
import { runAcrossQuery } from './acrossQuery';
import { SqlSession } from './sqlSession';
import { openNodeDuckdb } from './testing/nodeDuckdb';
import type { AcrossFile } from '../nwb/across';
import { isNumericArray } from '../nwb/unwrap';

const GENERATED = path.resolve(__dirname, '../../fixtures/generated/across');

let paths: string[] = [];
const readers = new Map<string, DataReader>();
/** Which column datasets each file was asked to read, and for how many rows. */
const reads: { file: string; path: string }[] = [];

function countingFiles(): AcrossFile[] {
  return paths.map((file) => ({
    name: path.basename(file),
    open: async () => {
      let reader = readers.get(file);
      if (!reader) readers.set(file, (reader = await openLocalReader(file)));
      const inner = reader;
      return new Proxy(inner, {
        get(target, key) {
          if (key === 'readSlice')
            return (
              p: string,
              ...rest: Parameters<DataReader['readSlice']> extends [string, ...infer R] ? R : never
            ) => {
              reads.push({ file: path.basename(file), path: p });
              return target.readSlice(p, ...rest);
            };
          const v = target[key as keyof DataReader];
          return typeof v === 'function' ? v.bind(target) : v;
        },
      });
    },
  }));
}

let session: SqlSession;
beforeAll(async () => {
  paths = await makeAcrossSessions(GENERATED, 10);
  session = new SqlSession(await openNodeDuckdb());
}, 120_000);
afterAll(async () => {
  await Promise.all([...readers.values()].map((r) => r.close()));
});

/** Every unit of every file, read alone through the table layer. */
async function bruteUnits() {
  const out: { file: string; row: number; rate: number; quality: string; spikes: number }[] = [];
  for (const file of paths) {
    const reader = await openLocalReader(file);
    const model = await describeTable(reader, '/units');
    const rows = Array.from({ length: model.rowCount }, (_, i) => i);
    const col = (n: string) =>
      readColumnRows(
        reader,
        model.columns.find((c) => c.name === n)!,
        rows,
      );
    const [rate, quality, spikes] = await Promise.all([
      col('firing_rate'),
      col('quality'),
      col('spike_times'),
    ]);
    for (const r of rows) {
      const s = spikes[r];
      out.push({
        file: path.basename(file),
        row: r,
        rate: Number(rate[r]),
        quality: String(quality[r]),
        spikes: isNumericArray(s) ? s.length : -1,
      });
    }
    await reader.close();
  }
  return out;
}

describe('runAcrossQuery', () => {
  it('filters units on scalar columns, then reads spike_times of the matches only', async () => {
    reads.length = 0;
    const answer = await runAcrossQuery(session, {
      files: countingFiles(),
      tablePath: '/units',
      sql: "SELECT _nwb_path, _table_index, len(spike_times) AS n FROM units WHERE firing_rate > 0.3 AND quality = 'good' ORDER BY _nwb_path, _table_index",
    });
    const brute = (await bruteUnits()).filter((u) => u.rate > 0.3 && u.quality === 'good');
    brute.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.row - b.row));
    expect(answer.rows).toEqual(brute.map((u) => [u.file, u.row, u.spikes]));
    expect(brute.length).toBeGreaterThan(5);
    expect(answer.plan.columns.sort()).toEqual(['firing_rate', 'quality', 'spike_times']);
    expect(answer.plan.listsAfterFilter).toEqual(['spike_times']);
    expect(answer.plan.rowsPassingFilter).toBe(brute.length);
    // depth was never read; spike_times_index was read only around passing rows.
    expect(reads.some((r) => r.path === '/units/depth')).toBe(false);
  });

  it('gives the same counts as the files read alone', async () => {
    const answer = await runAcrossQuery(session, {
      files: countingFiles(),
      tablePath: '/units',
      sql: 'SELECT quality, count(*) AS n FROM units GROUP BY quality ORDER BY quality',
    });
    const brute = await bruteUnits();
    const want = ['good', 'mua'].map((q) => [q, brute.filter((u) => u.quality === q).length]);
    expect(answer.rows).toEqual(want);
  });

  it("shows DuckDB's message for bad SQL and for a column nobody has, before reading values", async () => {
    reads.length = 0;
    await expect(
      runAcrossQuery(session, { files: countingFiles(), tablePath: '/units', sql: 'SELEC 1' }),
    ).rejects.toThrow(/syntax error at or near "SELEC"/);
    await expect(
      runAcrossQuery(session, {
        files: countingFiles(),
        tablePath: '/units',
        sql: 'SELECT no_such FROM units',
      }),
    ).rejects.toThrow(/no_such/);
    expect(reads.filter((r) => r.path.startsWith('/units/'))).toEqual([]);
  });
});
