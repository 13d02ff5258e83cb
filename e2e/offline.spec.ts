/**
 * The app as an offline app: its build is kept by a service worker, so with the network off (the
 * browser offline AND the app's own server stopped) a reload starts the app and a file whose
 * blocks are in the persistent cache opens again. An update of the app is picked up on the next
 * visit. Each test serves dist/ from its own server, so it can stop it and change what it serves.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
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

/**
 * Runs a test against the app served from a folder of its own (which it may change, and whose
 * server it may stop); afterwards the browser is online again and the folder gone.
 */
async function withOwnApp(
  context: BrowserContext,
  body: (app: RangeServer, dir: string) => Promise<void>,
): Promise<void> {
  const dir = copyShell();
  const app = await serveApp(dir);
  try {
    await body(app, dir);
  } finally {
    await context.setOffline(false);
    await app.close().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
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
  await withOwnApp(context, async (app) => {
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
  });
});

/** How the service worker's static routes served this page (Resource Timing, Chromium 123+). */
const pageRouting = (page: Page) =>
  page.evaluate(() => {
    const entry = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming & {
      workerMatchedSourceType?: string;
      workerFinalSourceType?: string;
    };
    return { matched: entry.workerMatchedSourceType, final: entry.workerFinalSourceType };
  });

test('a page is asked of the network at once, not after the service worker starts; offline, the worker answers', async ({
  page,
  context,
}) => {
  await withOwnApp(context, async (app) => {
    await page.goto(app.url);
    await controlled(page);
    // Installed: the next visit's page is raced (appShellPlan.ts STATIC_ROUTES), and the network,
    // up, wins; the worker's own fetch of it is not a second request.
    app.stats.reset();
    await page.goto(app.url);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await pageRouting(page)).toEqual({
      matched: 'race-network-and-fetch-handler',
      final: 'network',
    });
    expect(app.stats.log.filter((e) => e.path === '/').length).toBe(1);

    await context.setOffline(true);
    await app.close();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await pageRouting(page)).toEqual({
      matched: 'race-network-and-fetch-handler',
      final: 'fetch-event',
    });
  });
});

test('an update of the app is picked up on the next visit, then kept offline', async ({
  page,
  context,
}) => {
  await withOwnApp(context, async (app, dir) => {
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
  });
});
