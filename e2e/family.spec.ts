/**
 * HDF5 family files (one file split by the family driver into members) open as the one file they
 * split: by a URL pattern with `%06d`, or by dropping the members together.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { FAMILY_DIR, familyFixtures } from '../src/bytes/family/familyFixtures';
import { dropFiles } from './dropFiles';
import { expect, openFile, test } from './fixtures';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

test.beforeAll(() => {
  familyFixtures();
});

test('a URL pattern opens the members as one file', async ({ page, data }) => {
  const [fixture] = familyFixtures();
  data.stats.reset();
  await openFile(page, `${data.url}/generated/family/${fixture.pattern}`);
  await expect(page.getByRole('heading', { name: fixture.pattern })).toBeVisible();
  await expect(item(page, 'acquisition')).toBeVisible();
  await item(page, 'acquisition').click();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'ElectricalSeries')).toContainText('ElectricalSeries');
  const asked = new Set(data.stats.log.map((e) => path.basename(e.path)));
  // Only real member names reach the server, never the pattern itself.
  expect([...asked].every((name) => fixture.members.includes(name))).toBe(true);
  expect(asked.has(fixture.members[0])).toBe(true);
  expect(asked.has(fixture.members[fixture.members.length - 1])).toBe(true);
});

test('dropped members open as one file', async ({ page }) => {
  const [fixture] = familyFixtures();
  await page.goto('/');
  await dropFiles(
    page,
    fixture.members.map((name) => path.join(FAMILY_DIR, name)),
  );
  await page.getByRole('button', { name: fixture.members[0] }).click();
  await expect(page.getByRole('heading', { name: fixture.pattern })).toBeVisible();
  await expect(item(page, 'units')).toBeVisible();
  await item(page, 'units').click();
  await expect(page.getByRole('region', { name: 'Selected object' })).toContainText('Units');
});
