/**
 * Across files in Chromium: a dandiset of the DANDI stand-in with ten generated sessions (and one
 * file that is not NWB): the metadata grid, one units table across the files, a SQL query with a
 * filter (checked against h5py reading the files), the Parquet export read back with hyparquet,
 * DuckDB's message for a bad query; a picked folder and dropped files read in place; progress over
 * files and bytes and Cancel over a slow server; the virtualised result grid scrolling to its end.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { expect, test } from '@playwright/test';
import { parquetReadObjects } from 'hyparquet';
import { DEFAULT_ACROSS_DIR, makeAcrossSessions } from '../scripts/make-across-sessions';
import { IDS, startDandiStub, type DandiStub } from '../servers/dandi-stub';
import { startRangeServer } from '../servers/range-server';
import { dropFiles } from './dropFiles';
import { GENERATED } from './fixtures';

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
  // Rows are counted by aria-rowcount (the grid is virtualised; the header is one of them).
  await expect(meta).toHaveAttribute('aria-rowcount', String(11 + 1));
  for (let i = 0; i < 10; i++) await expect(meta).toContainText(`across-session-0${i}`);
  await expect(meta).toContainText('Not an NWB file');

  // The units of every file in one grid (+ one error row for the file that is not NWB).
  await page.getByRole('button', { name: 'Run' }).click();
  const result = page.getByRole('table', { name: 'Query result' });
  const units = files.reduce((n, _, i) => n + 12 + 3 * i, 0);
  // The first query loads DuckDB's 34 MB wasm: slow on a busy machine.
  await expect(result).toHaveAttribute('aria-rowcount', String(units + 1 + 1), {
    timeout: 90_000,
  });
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText(
    'Column depth is missing (null) in sub-01/sub-01_ses-09.nwb',
  );

  // A query with a filter: spike_times read only for the matching rows.
  await page.getByRole('textbox').fill(FILTER_SQL);
  await page.getByRole('button', { name: 'Run' }).click();
  const want = h5pyMatches();
  await expect(result).toHaveAttribute('aria-rowcount', String(want.length + 1));
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

test('a picked folder of NWB files is read in place, and a long answer scrolls to its end', async ({
  page,
}) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'across-folder-'));
  try {
    const chosen = files.slice(0, 4);
    for (const f of chosen) copyFileSync(f, path.join(dir, path.basename(f)));
    writeFileSync(path.join(dir, 'notes.txt'), 'not a session');
    const requests: string[] = [];
    page.on('request', (r) => {
      if (/\.nwb/.test(r.url())) requests.push(r.url());
    });
    // From the opening screen, as a user finds it.
    await page.goto('/');
    await page.getByRole('button', { name: 'Across files…' }).click();
    await expect(page).toHaveURL(/[?&]across=urls/);
    await page.getByLabel('Choose a local folder').setInputFiles(dir);

    const meta = page.getByRole('table', { name: 'Session metadata' });
    await expect(meta).toHaveAttribute('aria-rowcount', String(chosen.length + 1));
    for (let i = 0; i < chosen.length; i++)
      await expect(meta).toContainText(`across-session-0${i}`);
    await expect(page.getByText('Local files, read in place')).toBeVisible();

    // Units of the four files, as many as h5py counts (12 + 3 i units in session i).
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByRole('table', { name: 'Query result' });
    const units = chosen.reduce((n, _, i) => n + 12 + 3 * i, 0);
    await expect(result).toHaveAttribute('aria-rowcount', String(units + 1), { timeout: 90_000 });

    // A long answer: only the rows on screen exist, and scrolling reaches the last one.
    await page.getByRole('textbox').fill('SELECT i FROM range(5000) t(i)');
    await page.getByRole('button', { name: 'Run' }).click();
    await expect(result).toHaveAttribute('aria-rowcount', String(5000 + 1));
    expect(await result.locator('tbody tr').count()).toBeLessThan(200);
    await expect(result.getByRole('cell', { name: '4999', exact: true })).toHaveCount(0);
    await result.evaluate((table) => {
      const scroller = table.parentElement!;
      scroller.scrollTop = scroller.scrollHeight;
    });
    await expect(result.getByRole('cell', { name: '4999', exact: true })).toBeVisible();
    expect(requests).toEqual([]);

    // Other files, dropped this time.
    await page.getByRole('button', { name: 'Choose other files' }).click();
    await dropFiles(page, files.slice(4, 6));
    await expect(meta).toHaveAttribute('aria-rowcount', String(2 + 1));
    await expect(meta).toContainText('across-session-04');
    await expect(meta).toContainText('across-session-05');
    expect(requests).toEqual([]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('progress over files and bytes, and Cancel, over a slow server', async ({ page }) => {
  // Every request waits 300 ms; the 300 MB synthetic session makes the units query long.
  const server = await startRangeServer({
    mounts: { '/a': path.join(root, DEFAULT_ACROSS_DIR), '/g': GENERATED },
    latencyMs: 300,
    cors: 'full',
  });
  try {
    const urls = [
      ...files.map((f) => `${server.url}/a/${path.basename(f)}`),
      `${server.url}/g/synthetic_session.nwb`,
    ];
    const query = new URLSearchParams([['across', 'urls'], ...urls.map((u) => ['u', u])]);
    await page.goto(`/?${query}`);
    const progress = page.getByRole('status', { name: 'Progress' });
    await expect(progress).toContainText(/Reading metadata: \d+ of 11 files/);
    await expect(progress).toContainText(/[1-9][\d.]* (KiB|MiB) read/);
    await expect(page.getByLabel('Files read')).toHaveAttribute('max', '11');
    const meta = page.getByRole('table', { name: 'Session metadata' });
    await expect(meta).toHaveAttribute('aria-rowcount', String(11 + 1), { timeout: 90_000 });

    await page.getByRole('textbox').fill('SELECT _nwb_path, len(spike_times) AS n FROM units');
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert')).toHaveText('Cancelled.');
    await expect(page.getByRole('button', { name: 'Cancel' })).toHaveCount(0);

    // The view goes on: the next query answers.
    await page.getByRole('textbox').fill('SELECT count(*) AS n FROM sessions');
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByRole('table', { name: 'Query result' });
    await expect(result.getByRole('cell', { name: '11', exact: true })).toBeVisible({
      timeout: 90_000,
    });
  } finally {
    await server.close();
  }
});
