/**
 * Local files: dropped on the page or picked, read in place (never uploaded), with external links
 * followed among the files of a dropped folder.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { dropFiles } from './dropFiles';
import { expect, TESTDATA, test } from './fixtures';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

test('a dropped file opens in place and makes no network request for its bytes', async ({
  page,
}) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('data:') && /\.nwb/.test(r.url())) requests.push(r.url());
  });
  await page.goto('/');
  await dropFiles(page, [
    path.join(
      TESTDATA,
      'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
    ),
  ]);
  await expect(item(page, 'intervals')).toBeVisible();
  await expect(page).toHaveURL(/local=sub-anm369963_ses-20170228\.nwb/);
  await item(page, 'intervals').click();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'trials')).toBeVisible();
  await expect(item(page, 'trials')).toContainText('TimeIntervals');
  expect(requests).toEqual([]);

  // After a reload the file is gone (it was never uploaded, and a scripted drop carries no File
  // System Access handle to remember; see remembered-file.spec.ts): the app asks for it again.
  await page.reload();
  await expect(page.getByText(/again to reopen/i)).toBeVisible();
});

test('a file chosen with the picker opens', async ({ page }) => {
  await page.goto('/');
  await page
    .getByLabel('Choose a local NWB file')
    .setInputFiles(
      path.join(TESTDATA, 'nwb-explorer/test/nwb_files/pynwb_test_files/test_Units.nwb'),
    );
  await expect(page.getByRole('heading', { name: 'test_Units.nwb' })).toBeVisible();
  await expect(item(page, 'processing')).toBeVisible();
  await expect(page.getByLabel('NWB file summary')).toContainText('TEST_Units');
});

test('a dropped folder lets external links be followed', async ({ page }) => {
  await page.goto('/');
  await dropFiles(page, [
    path.join(TESTDATA, 'matnwb/link_test.nwb'),
    path.join(TESTDATA, 'matnwb/ecephys_tutorial.nwb'),
  ]);
  // Two files: the app asks which one to open.
  await page.getByRole('button', { name: /link_test\.nwb/ }).click();
  await expect(item(page, 'general')).toBeVisible();
  await item(page, 'general').click();
  await page.keyboard.press('ArrowRight');
  const subject = item(page, 'subject');
  await expect(subject).toBeVisible();
  await expect(subject).toContainText('ecephys_tutorial.nwb');
  await subject.click();
  await expect(page.getByRole('region', { name: 'Selected object' })).toContainText(
    'neurodata_type',
  );
});
