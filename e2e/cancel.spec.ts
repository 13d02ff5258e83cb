/**
 * Per-call cancel in the browser, in both bridge modes: a large "Read all" is cancelled while a
 * group of the same file is being expanded; the read stops downloading and the listing completes.
 * The data server is slow (1 Mbit/s per response; the loader sends the 16 MB read as up to six
 * parallel pieces, ~0.75 MB/s together), so the read takes over 20 s: time enough to expand and
 * cancel on a loaded machine.
 */
import type { Page } from '@playwright/test';
import { startRangeServer, type RangeServer } from '../servers/range-server';
import { APP_NOT_ISOLATED, expect, GENERATED, openFile, test } from './fixtures';

const FILE = '/cancel/two_reads.nwb';
const BIG_BYTES = 16_000_000;

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

function rangeLength(range: string | null): number {
  const match = /^bytes=(\d+)-(\d+)$/.exec(range ?? '');
  return match ? Number(match[2]) - Number(match[1]) + 1 : 0;
}

for (const mode of [
  { name: 'shared-memory bridge', base: '', label: /shared memory/i },
  { name: 'retry-on-miss bridge', base: APP_NOT_ISOLATED, label: /retry-on-miss/i },
]) {
  test(`${mode.name}: cancelling a large read leaves a listing of the same file whole`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    let slow: RangeServer | null = null;
    try {
      slow = await startRangeServer({ root: GENERATED, cors: 'full', mbps: 1, latencyMs: 50 });
      const server = slow;
      await openFile(page, slow.url + FILE, { base: mode.base, path: '/acquisition/big' });
      await expect(page.getByLabel('Status').getByText(mode.label)).toBeVisible();
      const info = page.getByRole('region', { name: 'Selected object' });
      await info.getByRole('button', { name: 'Read all' }).click();
      // The read's large request is on the wire.
      await expect
        .poll(() => server.stats.log.some((e) => rangeLength(e.range) > 1_000_000))
        .toBe(true);

      // Expand (not select: the read belongs to the selected dataset) a group whose metadata is
      // not loaded yet, then cancel the read.
      await item(page, 'middle').locator('.tree-node__twisty').click();
      await expect(item(page, 'middle')).toHaveAttribute('aria-expanded', 'true');
      const sentOf = () =>
        server.stats.log.filter((e) => e.path.endsWith(FILE)).reduce((n, e) => n + e.bytes, 0);
      const sentAtCancel = sentOf();
      await info.getByRole('button', { name: 'Cancel' }).click();

      await expect(info.getByRole('status').filter({ hasText: /Read cancelled/ })).toBeVisible();
      await expect(item(page, 'item_00')).toBeVisible();
      await expect(item(page, 'item_39')).toBeVisible();
      await expect(tree(page).getByRole('alert')).toHaveCount(0);

      // The cancelled read stopped downloading.
      await expect.poll(() => server.stats.active, { timeout: 5_000 }).toBe(0);
      // Well short of the whole read, and not much past what had come when Cancel was clicked
      // (the click, the message to the worker and the abort take a moment on a loaded machine).
      const sent = sentOf();
      expect(sent).toBeLessThan(BIG_BYTES / 2);
      expect(sent - sentAtCancel).toBeLessThan(BIG_BYTES / 4);
    } finally {
      await slow?.close();
    }
  });
}
