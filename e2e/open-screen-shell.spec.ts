/**
 * The opening screen written into index.html at build time (src/app/openScreenShell.tsx): it is on
 * the page before any of the app's scripts has run, a link to anything else never shows it, and
 * what is done on it before the app starts (text typed, a section opened, the focus, Enter) is
 * carried over to the app's own screen (src/app/shellHandOver.ts).
 */
import type { Page } from '@playwright/test';
import { expect, files, holdApp, test } from './fixtures';

const shell = (page: Page) => page.locator('[data-shell]');
const appScreen = (page: Page) => page.locator('.app:not([data-shell])');

test('the opening screen is on the page before any script of the app runs', async ({ page }) => {
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  await page.goto('/');
  await expect(shell(page).getByRole('heading', { name: 'Open a URL' })).toBeVisible();
  await expect(shell(page).getByRole('textbox', { name: 'File URL' })).toBeVisible();
  await expect(shell(page).getByRole('button', { name: /Open ecephys_tutorial/ })).toBeVisible();
  // Styled by the app's stylesheet: the cards are laid out side by side.
  const url = await shell(page).locator('section[aria-labelledby="open-url"]').boundingBox();
  const dandi = await shell(page).locator('section[aria-labelledby="open-dandi"]').boundingBox();
  expect(url && dandi && Math.abs(url.y - dandi.y) < 2 && dandi.x > url.x + url.width).toBe(true);
});

test('a link to a file or a dandiset never shows the static opening screen', async ({
  page,
  data,
}) => {
  await page.route(/\/assets\/.*\.js$/, (route) => route.abort());
  for (const query of [`url=${data.url}${files.ecephys}`, 'dandiset=000017', 'across=urls']) {
    await page.goto(`/?${query}`);
    await expect(page.locator('#root')).toBeEmpty();
  }
  // A setting alone still shows it: it names no view.
  await page.goto('/?bridge=retry');
  await expect(shell(page)).toHaveCount(1);
});

test('a URL typed and sent on the static screen opens once the app starts', async ({
  page,
  data,
}) => {
  const release = await holdApp(page);
  // Not waiting for the page's load event: that waits for the held script.
  await page.goto('/', { waitUntil: 'commit' });
  const field = shell(page).getByRole('textbox', { name: 'File URL' });
  await field.fill(data.url + files.ecephys);
  await field.press('Enter');
  // Held, not sent as a plain form (which would reload the page and lose it).
  await expect(page).toHaveURL(/\/$/);
  release();
  await expect(page).toHaveURL(/\?url=/);
  await expect(page.getByRole('tree', { name: 'File contents' })).toBeVisible();
  await expect(
    page.getByRole('treeitem', { name: /^units\b/ }),
    'the file typed before the app started is the one opened',
  ).toBeVisible();
});

test('text, an opened section and the focus on the static screen are kept', async ({ page }) => {
  const release = await holdApp(page);
  // Not waiting for the page's load event: that waits for the held script.
  await page.goto('/', { waitUntil: 'commit' });
  await shell(page).getByText('Private S3 bucket…').click();
  await shell(page).getByLabel('Access key ID').fill('AKIAEXAMPLE');
  await shell(page)
    .getByRole('checkbox', { name: /Requester pays/ })
    .check();
  const dandi = shell(page).getByRole('textbox', { name: 'Dandiset ID or URL' });
  await dandi.fill('000017');
  release();
  await expect(shell(page)).toHaveCount(0);
  await expect(appScreen(page).getByLabel('Access key ID')).toHaveValue('AKIAEXAMPLE');
  await expect(appScreen(page).getByRole('checkbox', { name: /Requester pays/ })).toBeChecked();
  const live = appScreen(page).getByRole('textbox', { name: 'Dandiset ID or URL' });
  await expect(live).toHaveValue('000017');
  await expect(live).toBeFocused();
  // The app's own state has them: sending the form goes to the dandiset typed on the shell
  // (the archive itself is not asked here: only the address is checked).
  await page.route(/^https:/, (route) => route.abort());
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/dandiset=000017/);
});
