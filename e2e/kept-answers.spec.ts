/**
 * A first visit paints the root of the tree from the file's opening blocks, read without h5wasm
 * (h5wasm's wasm held back here), and that answer is kept for the next visit. A return visit
 * paints the tree, and a dataset's preview, from answers kept for that very version of the file,
 * before h5wasm is ready: here the file's network is cut and h5wasm's wasm held back (an honest
 * slow network for it), and they still show. Once the file is found changed on the server the kept
 * answers are never used again: not for a listing asked after the change was noticed (it waits
 * for the real reader), and not on the next visit (the new version is read).
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { startRangeServer, type RangeServer } from '../servers/range-server';
import { APP_NOT_ISOLATED, TESTDATA, expect, files, openFile, test } from './fixtures';

// Requests of the app's workers go through page routes, not a service worker's cache.
test.use({ serviceWorkers: 'block' });

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

/** Holds h5wasm's wasm until released: the reading worker cannot open a file meanwhile. */
async function holdWasm(context: BrowserContext) {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  let requested = 0;
  await context.route(/hdf5_util[^/]*\.wasm$/, async (route) => {
    requested++;
    await released;
    await route.continue().catch(() => undefined);
  });
  return {
    requested: () => requested,
    release: async () => {
      release();
      await context.unroute(/hdf5_util[^/]*\.wasm$/);
    },
  };
}

/**
 * Runs `run` with a copy of a test file served on its own origin (so it can be changed on the
 * server), then stops the routes the test added, the server and the copy.
 */
async function withServedCopy(
  context: BrowserContext,
  file: string,
  run: (served: { url: string; target: string; server: RangeServer }) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'nwbx-kept-'));
  const target = path.join(dir, 'session.nwb');
  copyFileSync(path.join(TESTDATA, file), target);
  const server = await startRangeServer({ root: dir, cors: 'full' });
  try {
    await run({ url: `${server.url}/session.nwb`, target, server });
  } finally {
    await context.unrouteAll({ behavior: 'ignoreErrors' });
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The root's link names as h5py reads them (an independent reader). */
function rootNames(file: string): string[] {
  const script =
    'import h5py, json, sys; print(json.dumps(list(h5py.File(sys.argv[1], "r").keys())))';
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' }));
}

for (const [bridge, base] of [
  ['shared memory', undefined],
  ['retry on miss', APP_NOT_ISOLATED],
] as const) {
  test(`${bridge}: a first visit paints the root from the opening blocks before h5wasm`, async ({
    page,
    context,
  }) => {
    await withServedCopy(context, files.lab, async ({ url, target, server }) => {
      const wasm = await holdWasm(context);
      await openFile(page, url, { base });
      const names = rootNames(target);
      for (const name of names) await expect(item(page, name)).toBeVisible();
      // The file itself, then its root's children, no more.
      await expect(tree(page).getByRole('treeitem')).toHaveCount(names.length + 1);
      expect(wasm.requested()).toBeGreaterThan(0); // asked for, still held: h5wasm is not ready
      expect(server.stats.requests).toBeLessThanOrEqual(2); // the probe and the tail

      // The real reader takes over: a group opens below the root.
      await wasm.release();
      await item(page, 'intervals').click();
      await item(page, 'intervals').press('ArrowRight');
      await expect(item(page, 'trials')).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
      await page.waitForTimeout(1500); // background writes to IndexedDB

      // The root's answer was kept: with the file's network cut and h5wasm held, it paints.
      await context.route(url, (route) => route.abort());
      const again = await holdWasm(context);
      await page.reload();
      for (const name of names) await expect(item(page, name)).toBeVisible();
      expect(again.requested()).toBeGreaterThan(0);
      await again.release();
    });
  });

  test(`${bridge}: a return visit paints the tree from kept answers before h5wasm`, async ({
    page,
    context,
  }) => {
    await withServedCopy(context, files.lab, async ({ url }) => {
      await openFile(page, url, { path: '/intervals/trials/start_time', base });
      const info = page.getByRole('region', { name: 'Selected object' });
      const preview = page.locator('section[aria-labelledby="preview-heading"] table');
      await expect(preview).toBeVisible();
      const values = await preview.innerText();
      expect(values).toMatch(/\d/);
      await expect(item(page, 'start_time')).toBeVisible();
      await page.waitForTimeout(1500); // background writes to IndexedDB

      // The file's network cut and h5wasm held back: only kept answers can paint the tree, and
      // the preview the real reader showed.
      await context.route(url, (route) => route.abort());
      const wasm = await holdWasm(context);
      await page.reload();
      await expect(item(page, 'intervals')).toBeVisible();
      await expect(item(page, 'trials')).toBeVisible();
      await expect(item(page, 'start_time')).toHaveAttribute('aria-selected', 'true');
      await expect.poll(() => preview.innerText()).toBe(values);
      expect(wasm.requested()).toBeGreaterThan(0); // asked for, still held: h5wasm is not ready

      // The real reader takes over once h5wasm is ready (blocks from IndexedDB, no network).
      await wasm.release();
      await expect(info.getByRole('table').last()).toBeVisible();
      await expect(page.getByRole('alert')).toHaveCount(0);
    });
  });
}

test('kept answers of a file that changed on the server are never used again', async ({
  page,
  context,
}) => {
  await withServedCopy(context, files.lab, async ({ url, target }) => {
    await openFile(page, url);
    await item(page, 'general').dblclick();
    await expect(item(page, 'experimenter')).toBeVisible(); // /general's listing is now kept
    await item(page, 'general').dblclick();
    await expect(item(page, 'experimenter')).toHaveCount(0);
    await page.waitForTimeout(1500);

    // Another file at the same URL (another size, another ETag).
    copyFileSync(path.join(TESTDATA, files.ecephys), target);
    const wasm = await holdWasm(context);
    await page.reload();
    // A warm reopen paints what was read before, as the block cache does, then checks the file.
    await expect(item(page, 'intervals')).toBeVisible();
    const status = page.getByLabel('Status').getByRole('status');
    await expect(status).toContainText(/session\.nwb changed on the server/);

    // Noticed: /general's kept listing is not handed out any more: with h5wasm still held the
    // listing waits for the real reader (kept, it would show at once).
    await item(page, 'general').dblclick();
    await expect(item(page, 'general')).toHaveAttribute('aria-busy', 'true');
    await page.waitForTimeout(500);
    await expect(item(page, 'experimenter')).toHaveCount(0);
    await expect(item(page, 'general')).toHaveAttribute('aria-busy', 'true');
    await wasm.release();
    await expect(item(page, 'general')).not.toHaveAttribute('aria-busy', 'true');

    // The next visit reads the new version: its root has no /intervals.
    await page.reload();
    await expect(item(page, 'acquisition')).toBeVisible();
    await expect(item(page, 'units')).toBeVisible();
    await expect(item(page, 'intervals')).toHaveCount(0);
  });
});
