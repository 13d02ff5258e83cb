/**
 * Opening a remote HDF5 NWB file by URL: the tree, attributes, previews, shareable links and the
 * persistent cache, in both bridge modes. The data server is another origin (real CORS).
 */
import {
  APP_NOT_ISOLATED,
  expect,
  files,
  openFile,
  requestsTo,
  revalidationsOf,
  test,
} from './fixtures';
import type { Page } from '@playwright/test';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

for (const mode of [
  { name: 'shared-memory bridge', base: '', label: /shared memory/i },
  { name: 'retry-on-miss bridge', base: APP_NOT_ISOLATED, label: /retry-on-miss/i },
]) {
  test.describe(mode.name, () => {
    test('opens a URL, expands groups, shows attributes and a preview', async ({ page, data }) => {
      await openFile(page, data.url + files.ecephys, { base: mode.base });
      await expect(page.getByLabel('Status').getByText(mode.label)).toBeVisible();
      await expect(item(page, 'units')).toBeVisible();
      // neurodata_type beside the group
      await expect(item(page, 'units')).toContainText('Units');

      await item(page, 'units').click();
      await page.keyboard.press('ArrowRight');
      await expect(item(page, 'spike_times')).toBeVisible();
      await item(page, 'spike_times').click();

      const info = page.getByRole('region', { name: 'Selected object' });
      await expect(info).toContainText('float64');
      await expect(info).toContainText('195');
      // First values of /units/spike_times, as h5dump prints them.
      await expect(info).toContainText('0.00555');
      await expect(info).toContainText('0.10668');
      // Attributes of the dataset.
      await expect(info).toContainText('the spike times for each unit');
      // The address names the selected path.
      await expect(page).toHaveURL(/path=(%2F|\/)units(%2F|\/)spike_times/);
      const requests = await page
        .getByLabel('Status')
        .locator('[data-stat="requests"]')
        .innerText();
      expect(Number.parseInt(requests, 10)).toBeGreaterThan(0);
    });
  });
}

test('keyboard: arrows move, Right expands, Left collapses, Home/End jump, Enter selects', async ({
  page,
  data,
}) => {
  await openFile(page, data.url + files.ecephys);
  await expect(item(page, 'acquisition')).toBeVisible();
  await item(page, 'acquisition').click();
  // The tree keeps focus on itself and points at the focused row (aria-activedescendant).
  const focusedName = () =>
    tree(page).evaluate((el) => {
      const id = el.getAttribute('aria-activedescendant');
      return id ? (document.getElementById(id)?.dataset.path ?? null) : null;
    });
  await page.keyboard.press('End');
  await expect.poll(focusedName).toBe('/units');
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'units')).toHaveAttribute('aria-expanded', 'true');
  // /units is the last row: ArrowDown has somewhere to go once its children are listed.
  await expect(tree(page).locator('[data-path^="/units/"]').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect.poll(focusedName).not.toBe('/units');
  await page.keyboard.press('Enter');
  await expect(tree(page).locator('[aria-selected="true"]')).toHaveAttribute(
    'data-path',
    /^\/units\//,
  );
  await page.keyboard.press('ArrowLeft');
  await expect.poll(focusedName).toBe('/units');
  await page.keyboard.press('ArrowLeft');
  await expect(item(page, 'units')).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Home');
  await expect.poll(focusedName).toBe('/');
  await page.keyboard.press('ArrowUp');
  await expect.poll(focusedName).toBe('/');
});

test('a shared link reopens the same selected object', async ({ page, data }) => {
  await openFile(page, data.url + files.ecephys, { path: '/units/spike_times_index' });
  await expect(item(page, 'spike_times_index')).toHaveAttribute('aria-selected', 'true');
  const info = page.getByRole('region', { name: 'Selected object' });
  await expect(info).toContainText('uint8');
  // The object reference attribute is shown as the path it points to.
  await expect(info).toContainText('/units/spike_times');
});

test('a reload shows the same view with no request for what was seen', async ({ page, data }) => {
  await openFile(page, data.url + files.lab, { path: '/intervals/trials/start_time' });
  const info = page.getByRole('region', { name: 'Selected object' });
  await expect(info).toContainText('float64');
  await expect(info.getByRole('table').last()).toBeVisible();
  expect(requestsTo(data, files.lab)).toBeGreaterThan(0);
  // Blocks are written to IndexedDB in the background; give the writes a moment to land.
  await page.waitForTimeout(1500);

  data.stats.reset();
  await page.reload();
  await expect(info).toContainText('float64');
  await expect(item(page, 'start_time')).toHaveAttribute('aria-selected', 'true');
  await expect(info.getByRole('table').last()).toBeVisible();
  expect(requestsTo(data, files.lab)).toBe(0);
  // Then, in the background, one request checks the file has not changed; nothing else.
  await expect.poll(() => revalidationsOf(data, files.lab)).toBe(1);
  await expect(page.getByLabel('Status').locator('[data-stat="requests"]')).toHaveText(
    /^1 requests?/,
  );
  expect(requestsTo(data, files.lab)).toBe(0);
});
