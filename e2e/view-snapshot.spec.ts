/**
 * A return visit to a file link paints the picture of the view that address last showed, before
 * the app's script has run (here the entry script is held back, so nothing but index.html can
 * paint), and the app's own view replaces it once its tree is there. The picture is shown only
 * for the version of the file whose blocks are kept, and it is built from data: markup in it
 * stays text, and nothing in it runs, loads or navigates.
 *
 * The app opens the picture's shadow root closed; here it is opened (init script) so the test can
 * look inside it.
 */
import type { Page } from '@playwright/test';
import { expect, files, holdApp, openFile, test } from './fixtures';
import { keptPictures, openShadowRoots, picture } from './viewPicture';

// The entry script is held through a page route, which a service worker's answer would bypass.
test.use({ serviceWorkers: 'block' });

const DATASET = '/processing/ophys/Fluorescence/RoiResponseSeries/data';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const preview = (page: Page) => page.locator('section[aria-labelledby="preview-heading"] table');

test.beforeEach(({ page }) => openShadowRoots(page));

/** How many elements the app itself has put on the page (none while its script is held). */
const appElements = (page: Page) =>
  page.evaluate(() => document.getElementById('root')?.childElementCount ?? -1);

/** Rewrites the picture kept under `key`, as a damaged or hostile store could have it. */
async function editPicture(
  page: Page,
  key: string,
  edit: (shot: { identity: { size: number }; nodes: unknown[] }) => void,
) {
  const shot = JSON.parse((await page.evaluate((k) => localStorage.getItem(k), key)) ?? 'null');
  edit(shot);
  await page.evaluate(([k, text]) => localStorage.setItem(k, text), [key, JSON.stringify(shot)]);
}

/** A first visit of the link, left alone until its picture is kept; its rows and preview. */
async function firstVisit(page: Page, url: string) {
  await openFile(page, url, { path: DATASET });
  await expect(preview(page)).toBeVisible();
  await expect(tree(page).getByRole('treeitem', { name: /^data\b/ })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const rows = await tree(page).getByRole('treeitem').allInnerTexts();
  const firstRow = await preview(page).locator('tbody tr:first-child td').allTextContents();
  await expect.poll(() => keptPictures(page), { timeout: 20_000 }).toHaveLength(1);
  return { rows, firstRow, key: (await keptPictures(page))[0]!.key };
}

test('a return visit paints the view it last showed before the app runs, then the app takes over', async ({
  page,
  data,
}) => {
  const { rows, firstRow } = await firstVisit(page, `${data.url}${files.ophys}`);
  expect(rows.length).toBeGreaterThan(3);
  expect(firstRow.length).toBeGreaterThan(3);

  const release = await holdApp(page);
  await page.reload({ waitUntil: 'commit' });
  // Only index.html has run: the app has put nothing on the page, the picture shows the view.
  await expect(picture(page)).toBeAttached();
  expect(await appElements(page)).toBe(0);
  await expect.poll(() => picture(page).locator('[role="treeitem"]').allInnerTexts()).toEqual(rows);
  // Its preview shows the same values (the rows below the window are left out of a picture).
  expect(
    await picture(page)
      .locator('section[aria-labelledby="preview-heading"] tbody tr:first-child td')
      .allTextContents(),
  ).toEqual(firstRow);
  // A picture: hidden from assistive technology, out of the keyboard's way.
  await expect(picture(page)).toHaveAttribute('aria-hidden', 'true');
  await expect(tree(page)).toHaveCount(0);

  // The app runs: its own tree replaces the picture, and answers to clicks.
  release();
  await expect(picture(page)).toHaveCount(0);
  await expect.poll(() => tree(page).getByRole('treeitem').allInnerTexts()).toEqual(rows);
  const acquisition = tree(page).getByRole('treeitem', { name: /^acquisition\b/ });
  await acquisition.click();
  await expect(acquisition).toHaveAttribute('aria-selected', 'true');
});

test('a picture of another version of the file is taken away and forgotten', async ({
  page,
  data,
}) => {
  const { key } = await firstVisit(page, `${data.url}${files.ophys}`);
  // The picture says it was taken of a file of another size than the one whose blocks are kept.
  await editPicture(page, key, (shot) => (shot.identity.size += 1));

  const release = await holdApp(page);
  await page.reload({ waitUntil: 'commit' });
  // Found out as soon as the kept version is read, with the app still held.
  await expect.poll(() => keptPictures(page)).toEqual([]);
  await expect(picture(page)).toHaveCount(0);
  expect(await appElements(page)).toBe(0);
  release();
  await expect(tree(page).getByRole('treeitem', { name: /^data\b/ })).toBeVisible();
});

test('a picture is built from data: markup stays text, and nothing that runs or loads is built', async ({
  page,
  data,
}) => {
  const { key } = await firstVisit(page, `${data.url}${files.ophys}`);
  // Written into the kept picture as a damaged or hostile store could have it.
  await editPicture(page, key, (shot) => {
    shot.nodes.push(
      { t: 'p', a: [['class', 'hostile']], c: ['<img src=x onerror="window.__ran=1">'] },
      { t: 'script', c: ['window.__ran=2'] },
      {
        t: 'img',
        a: [
          ['src', 'x'],
          ['onerror', 'window.__ran=3'],
        ],
      },
      { t: 'iframe', a: [['src', 'javascript:window.parent.__ran=4']] },
      {
        t: 'div',
        a: [
          ['class', 'hostile-div'],
          ['onclick', 'window.__ran=5'],
          ['title', '<b>t</b>'],
        ],
      },
    );
  });

  const release = await holdApp(page);
  await page.reload({ waitUntil: 'commit' });
  await expect(picture(page)).toBeAttached();
  await expect(picture(page).locator('p.hostile')).toHaveText(
    '<img src=x onerror="window.__ran=1">',
  );
  await expect(picture(page).locator('script, img, iframe')).toHaveCount(0);
  const div = picture(page).locator('div.hostile-div');
  await expect(div).toHaveAttribute('title', '<b>t</b>');
  expect(await div.getAttribute('onclick')).toBeNull();
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __ran?: number }).__ran)).toBeUndefined();
  release();
  await expect(picture(page)).toHaveCount(0);
});
