/**
 * DANDI as the real archive behaves (issue 11), end to end against the stand-in, which answers as
 * dandi-archive does (see the file and line beside each rule in servers/dandi-stub/): neurosift
 * links and bare API or S3 URLs of large and embargoed files, search operators, embargoed
 * dandisets in search, a stale key, and a folder link that names a file.
 */
import type { Page } from '@playwright/test';
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
import { IDS, STALE_KEY, VALID_KEY, type DandiStub } from '../servers/dandi-stub';

const KEY_STORAGE = 'nwb-explorer:dandi-api-key:';

test.describe.configure({ timeout: 150_000 });

/** A key remembered in this browser from an earlier visit. */
async function rememberKey(page: Page, stub: DandiStub, key: string) {
  await page.addInitScript(
    ([name, value]) => {
      if (!sessionStorage.getItem('seeded')) {
        localStorage.setItem(name, value);
        sessionStorage.setItem('seeded', '1');
      }
    },
    [KEY_STORAGE + stub.url, key],
  );
}

test('a neurosift link to a 2.4 MB file opens through the asset metadata, one API request', async ({
  page,
  dandi,
}) => {
  const asset = await assetAt(dandi, IDS.ophys, 'sub-003/sub-003_ophys.nwb');
  resetCounts(dandi);
  // As neurosift writes them: the API download URL, the dandiset beside it. No dandiApi setting:
  // the archive is the one the URL names.
  const link = `${dandi.url}/assets/${asset.asset_id}/download/`;
  await page.goto(
    `/?url=${encodeURIComponent(link)}&dandisetId=${IDS.ophys}&dandisetVersion=draft`,
  );
  await expect(fileTree(page).locator('[data-path="/processing"]')).toBeVisible(OPENED);
  await previewImageMasks(page, OPENED);

  // One API request, the metadata (size and S3 URL); never the download redirect.
  expect(apiGets(dandi).map((r) => r.path)).toEqual([`/api/assets/${asset.asset_id}/`]);
  // The bytes came from the public S3 URL by GET only (a HEAD there would not be needed).
  const bucket = dandi.bucketRequests.filter((r) => r.method !== 'OPTIONS');
  expect(bucket.length).toBeGreaterThan(1);
  const blobPath = `/blobs/${asset.blob.slice(0, 3)}/${asset.blob.slice(3, 6)}/${asset.blob}`;
  expect(bucket.every((r) => r.method === 'GET' && r.path === blobPath)).toBe(true);
  // The address still holds the link, so it can be shared as it came.
  expect(new URL(page.url()).searchParams.get('url')).toBe(link);
});

test('a pasted API asset URL of an embargoed file, without its dandiset: key asked, then opened', async ({
  page,
  dandi,
}) => {
  const asset = await assetAt(dandi, IDS.embargoed, 'sub-002/sub-002_ophys.nwb', VALID_KEY);
  resetCounts(dandi);
  await page.goto(dandiUrl(dandi, ''));
  await page.getByLabel('Dandiset ID or URL').fill(`${dandi.url}/assets/${asset.asset_id}/`);
  await page.getByRole('button', { name: 'Browse' }).click();
  await expect(page.getByTestId('dandi-auth-message')).toContainText('embargoed');

  await page.getByLabel('DANDI API key').fill(VALID_KEY);
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(fileTree(page).locator('[data-path="/processing"]')).toBeVisible(OPENED);
  // The presigned URLs expire; reading on (the image masks, not read yet) asks for a fresh one.
  dandi.expirePresigned();
  const resolutions = apiGets(dandi, /\/download\//).length;
  await previewImageMasks(page, OPENED);
  expect(apiGets(dandi, /\/download\//).length).toBeGreaterThan(resolutions);

  // The metadata said it is embargoed: the bytes come through the download redirect, signed.
  const api = apiGets(dandi);
  expect(api.filter((r) => r.path === `/api/assets/${asset.asset_id}/`)).toHaveLength(2);
  expect(apiGets(dandi, /\/download\//).length).toBeGreaterThan(0);
  expect(
    apiGets(dandi, /\/download\//).every((r) => r.headers.authorization === `token ${VALID_KEY}`),
  ).toBe(true);
  const blobGets = dandi.bucketRequests.filter((r) => r.method !== 'OPTIONS');
  expect(blobGets.length).toBeGreaterThan(0);
  expect(blobGets.every((r) => r.method === 'GET' && r.path.includes('X-Amz-Signature='))).toBe(
    true,
  );
  expect(dandi.bucketRequests.every((r) => r.headers.authorization === undefined)).toBe(true);
});

test('S3 blob URLs: a public one opens (size from one HEAD), an embargoed one says why not', async ({
  page,
  dandi,
}) => {
  const publicAsset = await assetAt(dandi, IDS.ophys, 'sub-003/sub-003_ophys.nwb');
  const blob = publicAsset.blob;
  const url = `${dandi.bucketUrl}/blobs/${blob.slice(0, 3)}/${blob.slice(3, 6)}/${blob}`;
  resetCounts(dandi);
  await page.goto(`/?url=${encodeURIComponent(url)}`);
  await expect(fileTree(page).locator('[data-path="/processing"]')).toBeVisible(OPENED);
  const methods = dandi.bucketRequests.filter((r) => r.method !== 'OPTIONS').map((r) => r.method);
  expect(methods[0]).toBe('HEAD');
  expect(methods.slice(1).every((m) => m === 'GET')).toBe(true);
  expect(apiGets(dandi)).toHaveLength(0);

  const secret = await assetAt(dandi, IDS.embargoed, 'sub-001/sub-001_ecephys.nwb', VALID_KEY);
  const b = secret.blob;
  await page.goto(
    `/?url=${encodeURIComponent(`${dandi.bucketUrl}/blobs/${b.slice(0, 3)}/${b.slice(3, 6)}/${b}`)}`,
  );
  await expect(page.getByRole('alert')).toContainText('belongs to an embargoed dandiset');
});

test("search: IDs, DOIs and URLs are opened, not searched; the archive's own 400 message", async ({
  page,
  dandi,
}) => {
  await page.goto(dandiUrl(dandi, ''));
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  const search = page.getByLabel('Search dandisets');
  resetCounts(dandi);

  await search.fill(`dandi:${IDS.rat}`);
  await expect(page.getByTestId('dandi-search-opens')).toContainText(`dandiset ${IDS.rat}`);
  await search.fill('10.48324/dandi.000001/0.210512.1623');
  await expect(page.getByTestId('dandi-search-opens')).toContainText(
    'dandiset 000001 version 0.210512.1623',
  );
  await search.fill(`${dandi.url}/dandisets/${IDS.draftOnly}/`);
  await expect(page.getByTestId('dandi-search-opens')).toContainText(`dandiset ${IDS.draftOnly}`);
  // None of them was sent as a search (the archive would answer 400).
  expect(apiGets(dandi, /search=/)).toHaveLength(0);
  await page.getByRole('button', { name: 'Open it' }).click();
  await expect(page.getByTestId('dandiset-name')).toHaveText('Brainscan of a Mermaid');

  await page.goto(dandiUrl(dandi, ''));
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  // Enter opens too.
  await page.getByLabel('Search dandisets').fill('DANDI:000001/0.210512.1623');
  await page.getByLabel('Search dandisets').press('Enter');
  await expect(page.getByTestId('dandi-version')).toHaveValue('0.210512.1623');

  await page.goto(dandiUrl(dandi, ''));
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  await page.getByLabel('Search dandisets').fill('specie:mouse');
  await expect(page.getByTestId('dandi-search-refused')).toContainText(
    'Unknown search operator "specie". Did you mean "species"?',
  );
  // A known operator works.
  await page.getByLabel('Search dandisets').fill('species:mouse mermaid');
  await expect(page.getByTestId('dandi-search-results').getByRole('link')).toHaveCount(1);
});

test("embargoed dandisets are searched only with a key, and then the user's own show", async ({
  page,
  dandi,
}) => {
  const results = page.getByTestId('dandi-search-results').getByRole('link');
  await page.goto(dandiUrl(dandi, ''));
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  await page.getByLabel('Search dandisets').fill('session');
  await expect(results.first()).toBeVisible();
  await expect(results.filter({ hasText: 'Embargoed ecephys session' })).toHaveCount(0);
  expect(apiGets(dandi, /search=session/).every((r) => !r.path.includes('embargoed='))).toBe(true);

  await rememberKey(page, dandi, VALID_KEY);
  await page.goto(dandiUrl(dandi, ''));
  resetCounts(dandi);
  await page.getByRole('button', { name: /Search dandisets by keyword/ }).click();
  await page.getByLabel('Search dandisets').fill('session');
  const embargoed = results.filter({ hasText: 'Embargoed ecephys session' });
  await expect(embargoed).toHaveCount(1);
  await expect(page.locator('.dandi-search__result .dandi-tag--embargoed')).toHaveCount(1);
  const sent = apiGets(dandi, /search=session/);
  expect(sent[0].path).toContain('embargoed=true');
  expect(sent[0].headers.authorization).toBe(`token ${VALID_KEY}`);
  await embargoed.click();
  await expect(page.getByTestId('dandiset-name')).toHaveText('Embargoed ecephys session');
});

test('a stale remembered key: public browsing goes on, the user is told and can forget it', async ({
  page,
  dandi,
}) => {
  await rememberKey(page, dandi, STALE_KEY);
  resetCounts(dandi);
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.rat}`));
  await expect(page.getByTestId('dandiset-name')).toHaveText('Test dataset for development');
  const notice = page.getByTestId('dandi-stale-key');
  await expect(notice).toContainText('remembered in this browser is no longer valid');
  await expect(notice).toContainText('Invalid token.');
  // Refused once, then never sent again.
  const withKey = apiGets(dandi).filter((r) => r.headers.authorization === `token ${STALE_KEY}`);
  expect(withKey).toHaveLength(1);
  await page.getByRole('link', { name: 'sub-RAT123/' }).click();
  await expect(page.getByRole('link', { name: 'sub-RAT123.nwb' })).toBeVisible();
  expect(apiGets(dandi).filter((r) => r.headers.authorization !== undefined)).toHaveLength(1);

  await notice.getByRole('button', { name: 'Forget the key' }).click();
  await expect(notice).toHaveCount(0);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(STALE_KEY);

  // An embargoed dandiset with a stale key: the key form says the key is no longer valid.
  await rememberKey(page, dandi, STALE_KEY);
  await page.evaluate(() => sessionStorage.clear());
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.embargoed}`));
  await expect(page.getByTestId('dandi-auth-message')).toContainText('no longer valid');
  await page.getByLabel('DANDI API key').fill(VALID_KEY);
  await page.getByRole('button', { name: 'Use key' }).click();
  await expect(page.getByTestId('dandiset-name')).toHaveText('Embargoed ecephys session');
  await expect(page.getByTestId('dandi-stale-key')).toHaveCount(0);
});

test('a folder link that names a file opens the file; Back does not loop', async ({
  page,
  dandi,
}) => {
  await page.goto(dandiUrl(dandi, ''));
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.rat}&folder=sub-RAT123/sub-RAT123.nwb/`));
  await expect(fileTree(page).getByRole('treeitem', { name: /general/ })).toBeVisible(OPENED);
  await expect(page).toHaveURL(/asset=838bab7b-9ab4-4d66-97b3-898a367c9c7e/);
  await expect(page).toHaveURL(/folder=sub-RAT123\/(&|$)/);
  await expect(page.getByTestId('dandi-empty')).toHaveCount(0);
  await page.goBack();
  await expect(page.getByLabel('Dandiset ID or URL')).toBeVisible();

  // A file the explorer does not open says so, instead of "This folder is empty".
  await page.goto(
    dandiUrl(dandi, `dandiset=${IDS.versions}&version=0.210512.1623&folder=participants.tsv`),
  );
  await expect(page.getByTestId('dandi-file-not-folder')).toContainText(
    '“participants.tsv” is a file, not a folder',
  );
  // A folder that really is empty cannot exist in DANDI; an unknown one is a clear 404.
  await page.goto(dandiUrl(dandi, `dandiset=${IDS.rat}&folder=nope/`));
  await expect(page.getByRole('alert')).toContainText('There is no folder "nope/"');
});
