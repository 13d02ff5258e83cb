/**
 * A view that throws while rendering shows its own error with Retry; the other views, the tree and
 * the header go on. The throw is crafted: the page's number formatting fails for one value, the
 * 10,000,000,000 elements of huge_1d, which only the dataset views of that object print.
 */
import type { Page } from '@playwright/test';
import { expect, files, openFile, test } from './fixtures';

const HUGE_COUNT = 10_000_000_000;

async function breakFormattingOf(page: Page, value: number) {
  await page.addInitScript((broken) => {
    const flags = window as unknown as { breakFormatting?: boolean };
    flags.breakFormatting = true;
    // formatCount groups digits from toString (toLocaleString only past 2^53): both break.
    for (const method of ['toLocaleString', 'toString'] as const) {
      const original = Number.prototype[method] as (...args: unknown[]) => string;
      Number.prototype[method] = function (this: number, ...args: unknown[]) {
        if (flags.breakFormatting && Number(this) === broken) {
          throw new Error('crafted view failure');
        }
        return original.apply(this, args);
      };
    }
  }, value);
}

test('a view that throws shows its error with Retry, and the rest stays usable', async ({
  page,
  data,
}) => {
  await breakFormattingOf(page, HUGE_COUNT);
  await openFile(page, data.url + files.huge, { path: '/acquisition/huge_1d' });
  const info = page.getByRole('region', { name: 'Selected object' });
  const failures = info.getByRole('alert').filter({ hasText: 'crafted view failure' });

  // The dataset views failed, each on its own; the attributes view beside them did not.
  await expect(failures.filter({ hasText: 'The Dataset view failed' })).toBeVisible();
  await expect(failures.filter({ hasText: 'The Values view failed' })).toBeVisible();
  await expect(info.getByRole('heading', { name: /Attributes/ })).toBeVisible();
  // The header and the tree still work: another object can be selected and shown.
  await expect(page.getByLabel('NWB file summary')).toContainText('huge-dataset-fixture');
  const tree = page.getByRole('tree', { name: 'File contents' });
  await tree.getByRole('treeitem', { name: /^HugeSeries\b/ }).click();
  await expect(info.getByRole('heading', { name: '/acquisition/HugeSeries' })).toBeVisible();
  await expect(info).toContainText('TimeSeries');

  // Back on the dataset, once formatting works again, Retry shows the view.
  await tree.getByRole('treeitem', { name: /^huge_1d\b/ }).click();
  await expect(failures.first()).toBeVisible();
  await page.evaluate(() => {
    (window as unknown as { breakFormatting?: boolean }).breakFormatting = false;
  });
  await failures
    .filter({ hasText: 'The Dataset view failed' })
    .getByRole('button', { name: 'Retry' })
    .click();
  await expect(info.getByRole('heading', { name: 'Dataset', exact: true })).toBeVisible();
  await expect(info).toContainText('10,000,000,000 elements');
});

test.describe('a view whose code does not load', () => {
  // page.route sees what the page fetches itself, not what a service worker answers.
  test.use({ serviceWorkers: 'block' });

  test('says so in its pane, and Retry loads it once the network is back', async ({
    page,
    data,
  }) => {
    // The table view's code loads when a table is first shown (ui/views/lazyView.tsx).
    const tableCode = /\/assets\/TableView-[\w-]+\.js$/;
    let refused = 0;
    await page.route(tableCode, (route) => {
      refused++;
      return route.abort('internetdisconnected');
    });
    await openFile(page, data.url + files.ecephys, { path: '/units' });
    const info = page.getByRole('region', { name: 'Selected object' });
    const failure = info.getByRole('alert').filter({ hasText: 'The Table view failed' });
    await expect(failure).toContainText("This view's code did not load");
    expect(refused).toBeGreaterThan(0);
    // The views beside it stand.
    await expect(info.getByRole('heading', { name: /Attributes/ })).toBeVisible();

    await page.unroute(tableCode);
    await failure.getByRole('button', { name: 'Retry' }).click();
    await expect(failure).toBeHidden();
    // The table view's own grid (the attributes view's table lists the column names too).
    const grid = info.locator('.table-grid');
    await expect(grid.getByRole('columnheader', { name: /^quality/ })).toBeVisible();
    await expect(grid.getByRole('row')).not.toHaveCount(0);
  });
});
