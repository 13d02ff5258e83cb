/**
 * Across files in Chromium: a dandiset of the DANDI stand-in with ten generated sessions (and one
 * file that is not NWB): the metadata grid, one units table across the files, a SQL query with a
 * filter (checked against h5py reading the files), the Parquet export read back with hyparquet,
 * and DuckDB's message for a bad query.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { parquetReadObjects } from 'hyparquet';
import { DEFAULT_ACROSS_DIR, makeAcrossSessions } from '../scripts/make-across-sessions';
import { IDS, startDandiStub, type DandiStub } from '../servers/dandi-stub';

const root = path.resolve(import.meta.dirname, '..');
test.setTimeout(240_000);
let stub: DandiStub;
let files: string[] = [];

test.beforeAll(async () => {
  files = await makeAcrossSessions(path.join(root, DEFAULT_ACROSS_DIR), 10);
  stub = await startDandiStub({ sessionFiles: files });
});
test.afterAll(async () => {
  await stub?.close();
});

/** Units passing the filter, per h5py (an independent reader): [file name, row, spike count]. */
function h5pyMatches(): [string, number, number][] {
  const script = `
import h5py, json, os, sys
out = []
for p in sys.argv[1:]:
    with h5py.File(p, 'r') as f:
        q = [x.decode() if isinstance(x, bytes) else x for x in f['units/quality'][:]]
        r = f['units/firing_rate'][:]
        ends = f['units/spike_times_index'][:]
        for i in range(len(q)):
            if q[i] == 'good' and float(r[i]) > 0.3:
                start = int(ends[i - 1]) if i else 0
                out.append([os.path.basename(p), i, int(ends[i]) - start])
print(json.dumps(out))
`;
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, ...files], { encoding: 'utf8' }),
  );
}

const FILTER_SQL =
  "SELECT _nwb_path, _table_index, len(spike_times) AS n FROM units WHERE quality = 'good' AND firing_rate > 0.3 ORDER BY _nwb_path, _table_index";

test('ten sessions: metadata, units across files, a filtered query, Parquet read back', async ({
  page,
}) => {
  await page.goto(`/?dandiset=${IDS.sessions}&dandiApi=${encodeURIComponent(stub.url)}`);
  await page.getByRole('button', { name: 'Across files' }).click();

  const meta = page.getByRole('table', { name: 'Session metadata' });
  await expect(meta.locator('tbody tr')).toHaveCount(11);
  for (let i = 0; i < 10; i++) await expect(meta).toContainText(`across-session-0${i}`);
  await expect(meta).toContainText('Not an NWB file');

  // The units of every file in one grid (+ one error row for the file that is not NWB).
  await page.getByRole('button', { name: 'Run' }).click();
  const result = page.getByRole('table', { name: 'Query result' });
  const units = files.reduce((n, _, i) => n + 12 + 3 * i, 0);
  // The first query loads DuckDB's 34 MB wasm: slow on a busy machine.
  await expect(result.locator('tbody tr')).toHaveCount(units + 1, { timeout: 90_000 });
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText(
    'Column depth is missing (null) in sub-01/sub-01_ses-09.nwb',
  );

  // A query with a filter: spike_times read only for the matching rows.
  await page.getByRole('textbox').fill(FILTER_SQL);
  await page.getByRole('button', { name: 'Run' }).click();
  const want = h5pyMatches();
  await expect(result.locator('tbody tr')).toHaveCount(want.length);
  await expect(page.getByLabel('Query plan')).toContainText(
    `spike_times only for the ${want.length} rows passing the filter`,
  );
  expect(decodeURIComponent(page.url())).toContain('table=/units');

  // Parquet export, read back by another implementation.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export Parquet' }).click();
  const download = await downloading;
  const bytes = readFileSync(await download.path());
  const rows = await parquetReadObjects({
    file: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
  });
  expect(
    rows.map((r) => [path.basename(String(r._nwb_path)), Number(r._table_index), Number(r.n)]),
  ).toEqual(want);
});

test("a bad query shows DuckDB's message and the last answer stays reachable", async ({ page }) => {
  await page.goto(
    `/?across=${IDS.sessions}&table=/intervals/trials&sql=${encodeURIComponent('SELECT count(*) AS n FROM trials WHERE _error IS NULL')}&dandiApi=${encodeURIComponent(stub.url)}`,
  );
  const result = page.getByRole('table', { name: 'Query result' });
  const trials = files.reduce((n, _, i) => n + 20 + 2 * i, 0);
  await expect(result.locator('tbody tr').first()).toHaveText(String(trials), { timeout: 90_000 });
  await page.getByRole('textbox').fill('SELEC n FROM trials');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alert')).toContainText('syntax error at or near "SELEC"');
  await page.getByRole('textbox').fill('SELECT nobody_has_this FROM trials');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByRole('alert')).toContainText('nobody_has_this');
});
