/**
 * References as the info pane shows them: region references with the indices they select
 * (matnwb's legacy spike_times_index), object references inside compound records
 * (TimeIntervals.timeseries), and the stored size HDF5 reports for a chunk larger than its data.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, GENERATED, openFile, test } from './fixtures';

const info = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'Selected object' });

test('a region reference shows its target and the indices it selects', async ({ page, data }) => {
  await openFile(page, data.url + '/matnwb/ecephys_tutorial.nwb', {
    path: '/units/spike_times_index',
  });
  // h5dump: REGION_TYPE BLOCK (0)-(3), (4)-(7), (8)-(9)
  await expect(info(page)).toContainText('→ region of /units/spike_times: 0–3');
  await expect(info(page)).toContainText('→ region of /units/spike_times: 4–7');
  await expect(info(page)).toContainText('→ region of /units/spike_times: 8–9');
});

test.describe('h5py edge cases', () => {
  test.beforeAll(() => {
    const file = path.join(GENERATED, 'fidelity-edge-cases.h5');
    if (existsSync(file)) return;
    const python = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
    execFileSync(python, [
      path.resolve(import.meta.dirname, '../scripts/make-fidelity-fixtures.py'),
      GENERATED,
    ]);
  });

  test('object references inside compound records', async ({ page, data }) => {
    await openFile(page, data.url + '/generated/fidelity-edge-cases.h5', {
      path: '/intervals/trials/timeseries',
    });
    await expect(info(page)).toContainText('→ /acquisition/other');
    await expect(info(page)).toContainText('→ /acquisition/ts/data');
  });

  test('the stored size HDF5 reports', async ({ page, data }) => {
    await openFile(page, data.url + '/generated/fidelity-edge-cases.h5', {
      path: '/storage/partial_chunk',
    });
    // h5dump -p: CHUNKED ( 2048 ) SIZE 16384, for 10 float64 values.
    await expect(info(page)).toContainText('16.0 KiB');
  });
});
