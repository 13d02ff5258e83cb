/**
 * A return visit to a DANDI asset's link paints the picture of its view before the app runs, as a
 * file link's does (view-snapshot.spec.ts), though the link does not name the file's address:
 * its bytes are read and kept under the object store's address, which the archive gives only
 * once asked. The picture is kept with that address, and index.html reads the file's kept
 * version by it, before the app (and any request to the archive) has run.
 *
 * The app opens the picture's shadow root closed; here it is opened (init script) so the test can
 * look inside it.
 */
import type { Page } from '@playwright/test';
import { IDS, type DandiStub } from '../servers/dandi-stub';
import {
  apiGets,
  assetAt,
  dandiUrl,
  expect,
  fileTree,
  OPENED,
  resetCounts,
  test,
} from './dandi.fixtures';
import { holdApp } from './fixtures';
import { keptPictures, openShadowRoots, picture } from './viewPicture';

// The entry script is held through a page route, which a service worker's answer would bypass.
test.use({ serviceWorkers: 'block' });

const ASSET_PATH = 'sub-003/sub-003_ophys.nwb';
const DATASET = '/processing/ophys/Fluorescence/RoiResponseSeries/data';

test.beforeEach(({ page }) => openShadowRoots(page));

/**
 * Opens `link`, leaves it alone until its picture is kept, then visits it again with the app's
 * script held: the picture alone shows the view, before any request to the archive.
 */
async function pictureOnReturn(page: Page, link: string, dandi: DandiStub) {
  await page.goto(link);
  const tree = fileTree(page);
  await expect(tree.locator(`[data-path="${DATASET}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
    OPENED,
  );
  await expect(page.locator('section[aria-labelledby="preview-heading"] table')).toBeVisible();
  const rows = await tree.getByRole('treeitem').allInnerTexts();
  expect(rows.length).toBeGreaterThan(3);
  await expect.poll(() => keptPictures(page), { timeout: 20_000 }).toHaveLength(1);
  // Kept with the object store's address the bytes were read from, not the link's.
  const [{ fileKey }] = await keptPictures(page);
  expect(fileKey.startsWith(`${dandi.bucketUrl}/`)).toBe(true);

  const release = await holdApp(page);
  resetCounts(dandi);
  await page.reload({ waitUntil: 'commit' });
  await expect.poll(() => picture(page).locator('[role="treeitem"]').allInnerTexts()).toEqual(rows);
  expect(await page.evaluate(() => document.getElementById('root')?.childElementCount)).toBe(0);
  expect(apiGets(dandi)).toHaveLength(0);

  // The app runs, asks the archive again, and its own tree replaces the picture.
  release();
  await expect(picture(page)).toHaveCount(0, OPENED);
  await expect.poll(() => fileTree(page).getByRole('treeitem').allInnerTexts()).toEqual(rows);
  await expect(fileTree(page).locator(`[data-path="${DATASET}"]`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
}

test("a DANDI asset's link paints its view's picture on a return visit, before the archive is asked", async ({
  page,
  dandi,
}) => {
  const asset = await assetAt(dandi, IDS.ophys, ASSET_PATH);
  const query = new URLSearchParams({
    dandiset: IDS.ophys,
    version: 'draft',
    asset: asset.asset_id,
    assetPath: ASSET_PATH,
    path: DATASET,
  });
  await pictureOnReturn(page, dandiUrl(dandi, query.toString()), dandi);
});

test("a neurosift link (the archive's download URL) paints its view's picture on a return visit", async ({
  page,
  dandi,
}) => {
  const asset = await assetAt(dandi, IDS.ophys, ASSET_PATH);
  const query = new URLSearchParams({
    url: `${dandi.url}/assets/${asset.asset_id}/download/`,
    dandisetId: IDS.ophys,
    path: DATASET,
  });
  await pictureOnReturn(page, `/?${query}`, dandi);
});
