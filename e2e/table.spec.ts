/**
 * The table pane and the session overview in Chromium, on real files served by the range server.
 * Expected values come from h5py (Debian's python3-h5py), never from the app's own output.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { GENERATED, TESTDATA, expect, openFile, test } from './fixtures';

const LAB =
  '/hdmf-zarr/docs/gallery/resources/sub_anm00239123_ses_20170627T093549_ecephys_and_ogen.nwb';
const SYNTHETIC = '/generated/synthetic_session.nwb';

function h5py<T>(file: string, code: string): T {
  const script = `import h5py, json, sys\nf = h5py.File(sys.argv[1], 'r')\n${code}`;
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }),
  ) as T;
}

interface Units {
  id: number[];
  unit_x: number[];
  cell_type: string[];
  spikes: number[];
  electrodes: number[];
  electrode_ids: number[];
  locations: string[];
}

const units = h5py<Units>(
  path.join(TESTDATA, LAB),
  `u = f['units']; e = f['general/extracellular_ephys/electrodes']
idx = list(u['spike_times_index'][:])
print(json.dumps({'id': [int(x) for x in u['id'][:]], 'unit_x': [float(x) for x in u['unit_x'][:]],
  'cell_type': [x.decode() for x in u['cell_type'][:]],
  'spikes': [int(b - a) for a, b in zip([0] + idx[:-1], idx)],
  'electrodes': [int(x) for x in u['electrodes'][:]],
  'electrode_ids': [int(x) for x in e['id'][:]],
  'locations': [x.decode() if isinstance(x, bytes) else str(x) for x in e['location'][:]]}))`,
);

const grid = (page: Page) => page.getByRole('table').first();
const bodyRows = (page: Page) => grid(page).locator('.table-grid__body [role="row"]');
const idsShown = async (page: Page) =>
  (await bodyRows(page).locator('[role="cell"]:first-child').allTextContents()).map(Number);

test('units table: sort, filter, ragged column, export, shared link, region to electrodes', async ({
  page,
  data,
}) => {
  await openFile(page, data.url + LAB, { path: '/units' });
  await expect(grid(page)).toBeVisible();
  await expect(grid(page).getByRole('columnheader', { name: /unit_x/ })).toBeVisible();
  await expect(bodyRows(page)).toHaveCount(units.id.length);
  await expect.poll(() => idsShown(page)).toEqual(units.id);

  // Sort by unit_x, descending (two clicks).
  const sortButton = grid(page)
    .getByRole('columnheader', { name: /unit_x/ })
    .getByRole('button');
  await sortButton.click();
  await sortButton.click();
  const byX = units.id
    .map((id, i) => ({ id, x: units.unit_x[i] }))
    .sort((a, b) => b.x - a.x || a.id - b.id)
    .map((u) => u.id);
  await expect.poll(() => idsShown(page)).toEqual(byX);

  // Filter on a text column.
  const narrow = 'Narrow width spiking';
  await page.getByLabel('Filter column').selectOption('cell_type');
  await page.getByLabel('Filter operator').selectOption('=');
  await page.getByLabel('Filter value').fill(narrow);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  const matching = byX.filter((id) => units.cell_type[units.id.indexOf(id)] === narrow);
  await expect(page.getByTestId('matching-rows')).toHaveText(String(matching.length));
  await expect.poll(() => idsShown(page)).toEqual(matching);

  // Show the ragged spike_times column: each row says how many spikes it holds.
  await page.getByText(/^Columns \(/).click();
  await page.getByRole('checkbox', { name: /spike_times/ }).check();
  const first = units.id.indexOf(matching[0]);
  await expect(bodyRows(page).first()).toContainText(`${units.spikes[first]} values`);

  // Export CSV: the downloaded file holds the filtered rows in order, with the shown columns.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\n');
  expect(csv[0].split(',').slice(0, 2)).toEqual(['id', 'sampling_rate']);
  expect(csv[0]).toContain('spike_times');
  expect(csv.slice(1).map((line) => Number(line.split(',')[0]))).toEqual(matching);

  // The address holds the view: a reload shows the same rows, columns and order.
  const url = page.url();
  expect(url).toContain('sort=-unit_x');
  expect(url).toContain('filter=cell_type');
  await page.reload();
  await expect.poll(() => idsShown(page)).toEqual(matching);
  await expect(grid(page).getByRole('columnheader', { name: /spike_times/ })).toBeVisible();

  // Follow the region of the first shown unit to its electrode.
  await page.getByText(/^Columns \(/).click();
  await page.getByRole('checkbox', { name: /^electrodes/ }).check();
  const electrodeRow = units.electrodes[first];
  const link = bodyRows(page)
    .first()
    .getByRole('button', { name: new RegExp(`^${electrodeRow}\\b`) });
  await expect(link).toContainText(units.locations[electrodeRow]);
  await link.click();
  await expect(page).toHaveURL(/path=\/general\/extracellular_ephys\/electrodes/);
  await expect(page.getByTestId('matching-rows')).toHaveText('1');
  await expect.poll(() => idsShown(page)).toEqual([units.electrode_ids[electrodeRow]]);
});

test('the session overview of the synthetic session lists every series and table', async ({
  page,
  data,
}) => {
  const expected = h5py<string[]>(
    path.join(GENERATED, 'synthetic_session.nwb'),
    `out = []
def visit(name, obj):
    if name.startswith('specifications'): return
    if isinstance(obj, h5py.Group) and 'neurodata_type' in obj.attrs and ('data' in obj or 'colnames' in obj.attrs):
        out.append('/' + name)
f.visititems(visit)
print(json.dumps(out))`,
  );
  expect(expected.length).toBeGreaterThan(5);
  await openFile(page, data.url + SYNTHETIC);
  const overview = page.getByRole('region', { name: 'Session overview' });
  await expect(overview).toBeVisible({ timeout: 60_000 });
  for (const objectPath of expected) {
    await expect(overview.getByRole('button', { name: objectPath, exact: true })).toBeVisible();
  }
  // One click from the overview to the object's own view.
  await overview.getByRole('button', { name: '/units', exact: true }).click();
  await expect(page).toHaveURL(/path=\/units/);
  await expect(grid(page).getByRole('columnheader', { name: /firing_rate/ })).toBeVisible();
});
