/**
 * The app as an offline app: its build is kept by a service worker, so with the network off (the
 * browser offline AND the app's own server stopped) a reload starts the app and a file whose
 * blocks are in the persistent cache opens again. An update of the app is picked up on the next
 * visit. Each test serves dist/ from its own server, so it can stop it and change what it serves.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startRangeServer, type RangeServer } from '../servers/range-server';
import { expect, files, openFile, requestsTo, test } from './fixtures';

const DIST = path.resolve(import.meta.dirname, '../dist');

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

/** The app (isolated, as in production) from a folder holding index.html and sw.js. */
async function serveApp(dir: string): Promise<RangeServer> {
  return startRangeServer({
    root: dir,
    mounts: { '/assets': path.join(DIST, 'assets') },
    coopCoep: true,
    spaFallback: true,
  });
}

function copyShell(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'nwbx-offline-'));
  for (const f of ['index.html', 'sw.js']) copyFileSync(path.join(DIST, f), path.join(dir, f));
  return dir;
}

/** Present only in the "new build" the update test writes. */
const buildMark = (page: Page) => page.locator('meta[name="app-build"]');

const controlled = (page: Page) =>
  page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });

test('offline: a reload starts the app from the cache and reopens a cached file', async ({
  page,
  context,
  data,
}) => {
  const dir = copyShell();
  const app = await serveApp(dir);
  try {
    await openFile(page, data.url + files.lab, {
      path: '/intervals/trials/start_time',
      base: app.url,
    });
    const info = page.getByRole('region', { name: 'Selected object' });
    await expect(info).toContainText('float64');
    await expect(info.getByRole('table').last()).toBeVisible();
    await controlled(page);
    // Blocks are written to IndexedDB in the background; give the writes a moment to land.
    await page.waitForTimeout(1500);

    // The network off: the browser offline, and the app's own server gone.
    await context.setOffline(true);
    await app.close();
    data.stats.reset();
    await page.reload();
    await expect(info).toContainText('float64');
    await expect(item(page, 'start_time')).toHaveAttribute('aria-selected', 'true');
    await expect(info.getByRole('table').last()).toBeVisible();
    // Started from the cache with its COOP/COEP headers: still cross-origin isolated.
    await expect(page.getByLabel('Status').getByText(/shared memory/i)).toBeVisible();
    expect(requestsTo(data, files.lab)).toBe(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
  } finally {
    await context.setOffline(false);
    await app.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an update of the app is picked up on the next visit, then kept offline', async ({
  page,
  context,
}) => {
  const dir = copyShell();
  const app = await serveApp(dir);
  try {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(buildMark(page)).toHaveCount(0);
    await controlled(page);

    // A new build: another index.html, and a sw.js with another version (as a build writes).
    const html = readFileSync(path.join(dir, 'index.html'), 'utf8');
    writeFileSync(
      path.join(dir, 'index.html'),
      html.replace('<title>', '<meta name="app-build" content="new" /><title>'),
    );
    const sw = readFileSync(path.join(dir, 'sw.js'), 'utf8');
    writeFileSync(path.join(dir, 'sw.js'), sw.replace(/"version":"[0-9a-f]+"/, '"version":"new"'));

    await page.goto(app.url);
    await expect(buildMark(page)).toHaveAttribute('content', 'new');
    // The visit finds the new service worker, which keeps the new build in place of the old.
    await expect
      .poll(() => page.evaluate(() => caches.keys()), { timeout: 30_000 })
      .toEqual(['nwb-explorer-shell-new']);

    await context.setOffline(true);
    await app.close();
    await page.reload();
    await expect(buildMark(page)).toHaveAttribute('content', 'new');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  } finally {
    await context.setOffline(false);
    await app.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
