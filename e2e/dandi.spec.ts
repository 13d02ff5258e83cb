/**
 * DANDI browsing end to end, against the local stand-in (servers/dandi-stub.ts): from an ID to an
 * object inside an asset, paging, versions, embargo, an expired presigned URL, bad input, and a
 * shared link opened in a new page.
 */
import {
  apiGets,
  assetAt,
  dandiUrl,
  expect,
  fileTree,
  OPENED,
  previewImageMasks,
  resetCounts,
  test,
} from './dandi.fixtures';
import { TESTDATA } from './fixtures';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { IDS, VALID_KEY } from '../servers/dandi-stub';

test('typing an ID leads to the dandiset, a folder, an asset and its tree', async ({
  page,
  dandi,
}) => {
  await page.goto(dandiUrl(dandi, ''));
  await page.getByLabel('Dandiset ID or URL').fill(`DANDI:${IDS.rat}`);
  await page.getByRole('button', { name: 'Browse' }).click();

  await expect(page.getByTestId('dandiset-name')).toHaveText('Test dataset for development');
  await expect(page.getByTestId('dandiset-license')).toHaveText('CC-BY-4.0');
  // API text is shown as text, never as HTML.
  await expect(page.getByTestId('dandiset-description')).toContainText('<b>this is not bold</b>');
  await expect(page.getByTestId('dandiset-description').locator('b')).toHaveCount(0);
  await expect(page.getByTestId('dandiset-contributors')).toContainText('Sample, Eggy');
  await expect(page.getByTestId('dandiset-asset-count')).toHaveText('1');
  await expect(page.getByTestId('dandi-version')).toHaveValue('0.210831.2033');

  await page.getByRole('link', { name: 'sub-RAT123/' }).click();
  await expect(page).toHaveURL(/folder=sub-RAT123\//);
  await page.getByRole('link', { name: 'sub-RAT123.nwb' }).click();

  const tree = fileTree(page);
  await expect(tree.getByRole('treeitem', { name: /general/ })).toBeVisible();
  await expect(page).toHaveURL(/asset=838bab7b-9ab4-4d66-97b3-898a367c9c7e/);
  // The bytes came from the bucket, with no key and no API detour.
  expect(dandi.bucketRequests.some((r) => r.path.includes('/blobs/2db/af0/'))).toBe(true);

  // Back returns to the folder listing.
  await page.goBack();
  await expect(page.getByRole('link', { name: 'sub-RAT123.nwb' })).toBeVisible();
  await expect(page).toHaveURL(/folder=sub-RAT123\/$|folder=sub-RAT123\/&/);
});

test('a 10,000-asset dandiset: folders after two API requests, paging, free asset opening', async ({
  page,
  dandi,
}) => {
  resetCounts(dandi);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.large}`));
  await expect(page.getByTestId('dandi-folder')).toHaveCount(16);
  // Requests made by the time the folders show: the dandiset and one page of assets/paths.
  const atFolders = apiGets(dandi).map((r) => r.path);
  expect(atFolders.slice(0, 2)).toEqual([
    `/api/dandisets/${IDS.large}/`,
    expect.stringMatching(new RegExp(`^/api/dandisets/${IDS.large}/versions/[^/]+/assets/paths/`)),
  ]);
  // Version metadata and the version list come after, never an asset listing.
  expect(atFolders.every((p) => !/\/assets\/\?/.test(p))).toBe(true);
  expect(apiGets(dandi, /assets\/paths/)).toHaveLength(1);
  await expect(page.getByTestId('dandiset-asset-count')).toHaveText('10,000');

  // A folder of 2,500 files pages itself in as the list scrolls.
  await page.getByRole('link', { name: 'sub-big/' }).click();
  const rows = page.getByTestId('dandi-asset');
  await expect(rows).toHaveCount(1000);
  for (let i = 0; i < 10 && (await rows.count()) < 2500; i++) {
    await page.getByTestId('dandi-asset').last().scrollIntoViewIfNeeded();
    await page.waitForTimeout(300);
  }
  await expect(rows).toHaveCount(2500);
  expect(apiGets(dandi, /path_prefix=sub-big/)).toHaveLength(3);
  await expect(page.getByTestId('dandi-load-more')).toHaveCount(0);

  // Opening a listed asset costs no API request: the listing gave its S3 URL and size.
  resetCounts(dandi);
  await page.getByRole('link', { name: 'sub-big_ses-2499.nwb' }).click();
  await expect(fileTree(page).getByRole('treeitem', { name: /general/ })).toBeVisible();
  expect(apiGets(dandi)).toHaveLength(0);
  expect(dandi.bucketRequests.filter((r) => r.method === 'GET').length).toBeGreaterThan(0);
});

test('search from the opening screen pages as the list scrolls', async ({ page, dandi }) => {
  await page.goto(dandiUrl(dandi, ''));
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  await page.getByLabel('Search dandisets').fill('paging survey');
  const results = page.getByTestId('dandi-search-results').getByRole('link');
  // 40 matches arrive in pages of 25: the second page loads when the end of the list is in view
  // (at once on a tall window), by following the first page's `next` link.
  await expect(results.first()).toBeVisible();
  await results.last().scrollIntoViewIfNeeded();
  await expect(results).toHaveCount(40);
  const searches = apiGets(dandi, /search=paging/).map((r) => r.path);
  expect(searches.length).toBe(2);
  expect(searches.some((p) => /[?&]page=2\b/.test(p))).toBe(true);
  await page.getByLabel('Search dandisets').fill('mermaid');
  await expect(results).toHaveCount(1);
  await results.first().click();
  await expect(page.getByTestId('dandiset-name')).toHaveText('Brainscan of a Mermaid');
  await expect(page).toHaveURL(new RegExp(`dandiset=${IDS.draftOnly}`));
});

test('the glob filter searches across folders', async ({ page, dandi }) => {
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.large}`));
  await page.getByLabel('Filter files').fill('sub-big/*_ses-000*.nwb');
  await expect(page.getByTestId('dandi-asset')).toHaveCount(10);
  await expect(page.getByTestId('dandi-glob-list')).toContainText('sub-big/sub-big_ses-0009.nwb');
  await page.getByLabel('Filter files').fill('ses-1234');
  // Only sub-big goes past session 0499.
  await expect(page.getByTestId('dandi-asset')).toHaveCount(1);
  await expect(page.getByTestId('dandi-glob-list')).toContainText('sub-big/sub-big_ses-1234.nwb');
});

test('version picker lists every version and switches', async ({ page, dandi }) => {
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.versions}`));
  const picker = page.getByTestId('dandi-version');
  await expect(picker).toHaveValue('0.230629.1955');
  await expect(page.getByRole('link', { name: '9coP.nwb' })).toBeVisible();
  await expect(picker.locator('option')).toHaveText([
    '0.230629.1955 (default)',
    '0.210512.1623',
    'draft',
  ]);
  await picker.selectOption('0.210512.1623');
  await expect(page).toHaveURL(/version=0\.210512\.1623/);
  await expect(page.getByRole('link', { name: 'sub-RAT123/' })).toBeVisible();
  await expect(page.getByText('participants.tsv')).toBeVisible();
  await expect(page.getByRole('link', { name: '9coP.nwb' })).toHaveCount(0);

  // A draft-only dandiset defaults to the draft.
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.draftOnly}`));
  await expect(page.getByTestId('dandi-version')).toHaveValue('draft');
});

test('embargoed dandiset: key needed, wrong key refused, right key opens without leaking it', async ({
  page,
  dandi,
}) => {
  resetCounts(dandi);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.embargoed}`));
  await expect(page.getByTestId('dandi-auth-message')).toContainText(
    'This dandiset is embargoed: paste a DANDI API key',
  );
  // A key the archive does not know: 401 "Invalid token." (not a 403).
  await page.getByLabel('DANDI API key').fill('not-the-key');
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.getByTestId('dandi-auth-message')).toContainText('no longer valid');

  await page.getByLabel('DANDI API key').fill(VALID_KEY);
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.getByTestId('dandiset-name')).toHaveText('Embargoed ecephys session');
  await page.getByRole('link', { name: 'sub-001/' }).click();
  await page.getByRole('link', { name: 'sub-001_ecephys.nwb' }).click();
  await expect(fileTree(page).getByRole('treeitem', { name: /units/ })).toBeVisible();

  // The key went to the API only; the bytes came through presigned URLs without it.
  expect(apiGets(dandi, /\/download\//).length).toBeGreaterThan(0);
  const blobGets = dandi.bucketRequests.filter((r) => r.method === 'GET');
  expect(blobGets.length).toBeGreaterThan(0);
  expect(blobGets.every((r) => r.path.includes('X-Amz-Signature='))).toBe(true);
  expect(dandi.bucketRequests.every((r) => r.headers.authorization === undefined)).toBe(true);
  // Not remembered: nothing in localStorage.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(VALID_KEY);
});

test('an expired presigned URL is refreshed and reading goes on; a remembered key survives a reload', async ({
  page,
  dandi,
}) => {
  // Two cold opens of a 2.4 MB file and a preview of 2 MB: slow on a loaded two-core machine.
  test.setTimeout(180_000);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.embargoed}`));
  await page.getByLabel('DANDI API key').fill(VALID_KEY);
  await page.getByLabel('remember').check();
  await page.getByRole('button', { name: 'Use key' }).click();
  await page.getByRole('link', { name: 'sub-002/' }).click();
  await page.getByRole('link', { name: 'sub-002_ophys.nwb' }).click();
  const tree = fileTree(page);
  await expect(tree.locator('[data-path="/processing"]')).toBeVisible();

  // Every presigned URL handed out so far now answers 403 "Request has expired".
  dandi.expirePresigned();
  const before = dandi.bucketRequests.length;
  const resolutions = apiGets(dandi, /\/download\//).length;
  // The image masks (2 MB of the 2.4 MB file) were not read yet. The frame viewer reads one
  // frame at a time, and the first may lie in blocks the opening read; the last frame does not.
  await previewImageMasks(page);
  const frame = page.getByRole('slider', { name: 'Frame' });
  await frame.focus();
  await frame.press('End');
  await expect(page.getByTestId('frame-index')).toContainText('Frame 15 of 15', {
    timeout: 60_000,
  });
  expect(dandi.bucketRequests.length).toBeGreaterThan(before);
  // The expired URL was given up and a fresh one asked of the API (with the key).
  const later = apiGets(dandi, /\/download\//).slice(resolutions);
  expect(later.length).toBeGreaterThan(0);
  expect(later.every((r) => r.headers.authorization === `token ${VALID_KEY}`)).toBe(true);

  // Remembered: after a reload the asset opens again without asking for the key.
  expect(await page.evaluate(() => JSON.stringify(localStorage))).toContain(VALID_KEY);
  await page.reload();
  // A cold start of the workers again: slow on a loaded machine.
  await expect(fileTree(page).locator('[data-path="/processing"]')).toBeVisible({
    timeout: 60_000,
  });
  await page.evaluate(() => localStorage.clear());
});

test('a shared link reopens the same asset and object in a new page', async ({
  page,
  context,
  dandi,
}) => {
  test.setTimeout(150_000);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.versions}`));
  await page.getByRole('link', { name: 'OK.nwb' }).click();
  const tree = fileTree(page);
  await tree.getByRole('treeitem', { name: /session_description/ }).click();
  await expect(page).toHaveURL(/path=\/session_description/);
  const link = page.url();

  const other = await context.newPage();
  await other.goto(link);
  await expect(
    fileTree(other).getByRole('treeitem', { name: /session_description/ }),
  ).toHaveAttribute('aria-selected', 'true', { timeout: 60_000 });
  await expect(other.getByText('OK.nwb').first()).toBeVisible();
  await other.close();
});

test('bad input: unknown dandiset, unknown version, empty dandiset, non-NWB and Zarr assets', async ({
  page,
  dandi,
}) => {
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.unknown}`));
  await expect(page.getByRole('alert')).toContainText(`Dandiset ${IDS.unknown} does not exist`);

  await page.goto(dandiUrl(dandi, `dandiset=${IDS.versions}&version=0.999999.9999`));
  await expect(page.getByText('has no version "0.999999.9999"').first()).toBeVisible();
  await page.getByRole('button', { name: /Open the default version/ }).click();
  await expect(page.getByTestId('dandi-version')).toHaveValue('0.230629.1955');

  await page.goto(dandiUrl(dandi, `dandiset=${IDS.empty}`));
  await expect(page.getByTestId('dandi-empty')).toHaveText('This dandiset version has no assets.');

  await page.goto(dandiUrl(dandi, `dandiset=${IDS.draftOnly}`));
  await expect(page.getByText('dataset_description.json')).toBeVisible();
  await expect(page.getByRole('link', { name: 'dataset_description.json' })).toHaveCount(0);
  // A valid HDF5 file that is not NWB opens, and says so.
  await page.getByRole('link', { name: 'not-nwb/' }).click();
  await page.getByRole('link', { name: 'empty.nwb' }).click();
  await expect(page.getByText('not an NWB file')).toBeVisible();

  // A Zarr asset opens without a download request: see the test below for what it shows.
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.versions}`));
  resetCounts(dandi);
  await page.getByRole('link', { name: 'b.zarr' }).click();
  await expect(page).toHaveURL(/asset=9bb35766-4d95-48d7-88df-68a23cd43b74/);
  expect(apiGets(dandi, /\/download\//)).toHaveLength(0);
  await page.goBack();
  await expect(page.getByRole('link', { name: 'b.zarr' })).toBeVisible();
});

test("a DANDI Zarr asset opens its store (the API's zarr field) in the tree and the table pane", async ({
  page,
  dandi,
}) => {
  test.setTimeout(150_000);
  // The units ids as zarr-python reads them from the same store (an independent reading).
  const ids = JSON.parse(
    execFileSync(
      '/usr/bin/python3',
      [
        '-c',
        'import json, sys, zarr; print(json.dumps(zarr.open_group(sys.argv[1], mode="r")["units/id"][:].tolist()))',
        path.join(TESTDATA, 'hdmf-zarr/ecephys_tutorial.nwb.zarr'),
      ],
      { encoding: 'utf8' },
    ),
  ) as number[];
  const asset = await assetAt(dandi, IDS.versions, 'b.zarr', undefined, '0.230629.1955');
  expect(asset.zarr).toMatch(/^[0-9a-f-]{36}$/);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.versions}`));
  resetCounts(dandi);
  await page.getByRole('link', { name: 'b.zarr' }).click();

  const tree = fileTree(page);
  await expect(tree.locator('[data-path="/units"]')).toBeVisible(OPENED);
  await expect(page.getByRole('alert').filter({ hasText: 'Zarr support is coming' })).toHaveCount(
    0,
  );
  // The store's objects came from the bucket under the asset's zarr id; no download request.
  const bucket = dandi.bucketRequests.filter((r) => r.method !== 'OPTIONS');
  expect(bucket.some((r) => r.path.startsWith(`/zarr/${asset.zarr}/`))).toBe(true);
  expect(bucket.every((r) => r.path.startsWith(`/zarr/${asset.zarr}/`))).toBe(true);
  expect(apiGets(dandi, /\/download\//)).toHaveLength(0);

  // The same table pane as an HDF5 file's: the units table, its ids as zarr-python reads them.
  await tree.locator('[data-path="/units"]').click();
  const grid = page.getByRole('table').first();
  await expect(grid.getByRole('columnheader', { name: /quality/ })).toBeVisible(OPENED);
  const rows = grid.locator('.table-grid__body [role="row"]');
  await expect(rows).toHaveCount(ids.length, OPENED);
  const shown = (await rows.locator('[role="cell"]:first-child').allTextContents()).map(Number);
  expect(shown).toEqual(ids);
});

test('the API down, then back: an error with Retry', async ({ page, dandi }) => {
  dandi.setMode('down');
  try {
    await page.goto(dandiUrl(dandi, `dandiset=${IDS.rat}`));
    await expect(page.getByRole('alert')).toContainText('503');
    dandi.setMode('ok');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('dandiset-name')).toHaveText('Test dataset for development');
  } finally {
    dandi.setMode('ok');
  }
});

test('the API too slow: a timeout with Retry', async ({ page, dandi }) => {
  // The page's clock is Playwright's: once the API request is out, the client's 15 s deadline is
  // reached by moving the clock, not by waiting (this test used to spend 15 s of its 20 s idle).
  await page.clock.install();
  dandi.setMode('slow');
  try {
    resetCounts(dandi);
    await page.goto(dandiUrl(dandi, `dandiset=${IDS.rat}`));
    await expect.poll(() => apiGets(dandi).length).toBeGreaterThan(0);
    await page.clock.fastForward('00:16');
    await expect(page.getByRole('alert')).toContainText('did not answer within 15 s');
    dandi.setMode('ok');
    await page.getByRole('button', { name: 'Retry' }).click();
    await expect(page.getByTestId('dandiset-name')).toHaveText('Test dataset for development');
  } finally {
    dandi.setMode('ok');
  }
});
