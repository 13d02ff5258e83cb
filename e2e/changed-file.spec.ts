/**
 * A file that changed on the server since its blocks were cached: a warm reopen paints from the
 * cache with no request, then one background request notices the change; the user is told, old
 * blocks are never mixed with new bytes, and "Load the new version" reopens it on the same path.
 */
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRangeServer } from '../servers/range-server';
import { TESTDATA, expect, files, openFile, requestsTo, revalidationsOf, test } from './fixtures';

/** The new version: another session with a longer trials table (h5ls: start_time {340}, not {178}). */
const NEW_VERSION =
  '/dandi-cli/dandi/tests/data/dandifiles/sub-anm372793/sub-anm372793_ses-20170508.nwb';

test('a changed file is noticed after a warm reopen, and one click loads the new version', async ({
  page,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nwbx-changed-'));
  const file = path.join(dir, 'session.nwb');
  copyFileSync(path.join(TESTDATA, files.lab), file);
  utimesSync(file, 1_600_000_000, 1_600_000_000);
  const server = await startRangeServer({ root: dir, cors: 'full' });
  try {
    const url = `${server.url}/session.nwb`;
    const trialsPath = '/intervals/trials/start_time';
    await openFile(page, url, { path: trialsPath });
    const info = page.getByRole('region', { name: 'Selected object' });
    await expect(info.getByRole('table').last()).toBeVisible();
    await expect(info).toContainText(/\b178\b/);
    await page.waitForTimeout(1500); // background writes to IndexedDB

    // A new version on the server, with a new modification time (so a new ETag) and new content.
    copyFileSync(path.join(TESTDATA, NEW_VERSION), file);
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    server.stats.reset();
    await page.reload();
    await expect(info.getByRole('table').last()).toBeVisible();
    expect(requestsTo(server, '/session.nwb')).toBe(0); // painted from the cache
    await expect(info).toContainText(/\b178\b/); // the old version, as cached

    const status = page.getByLabel('Status').getByRole('status');
    await expect(status).toContainText(/session\.nwb changed on the server/);
    await expect(status).toContainText(/what is shown was read before/);
    // The detail says what differs (the size here), where the text is too long for the bar.
    await expect(status.locator('[title]')).toHaveAttribute(
      'title',
      /session\.nwb changed on the server \(size/,
    );
    expect(revalidationsOf(server, '/session.nwb')).toBe(1);
    expect(requestsTo(server, '/session.nwb')).toBe(0);

    // One click reads the new version from the server, on the same path, with no warning left.
    server.stats.reset();
    await status.getByRole('button', { name: 'Load the new version' }).click();
    await expect(info.getByRole('table').last()).toBeVisible();
    await expect(info).toContainText(/\b340\b/);
    await expect(info).not.toContainText(/\b178\b/);
    await expect(page).toHaveURL(new RegExp(`path=${encodeURIComponent(trialsPath)}`));
    expect(requestsTo(server, '/session.nwb')).toBeGreaterThan(0);
    await expect(page.getByLabel('Status').getByRole('status')).toHaveCount(0);

    // The new version is what the cache now holds: a reload paints it with no request, and its
    // one revalidation finds nothing to say.
    await page.waitForTimeout(1500);
    server.stats.reset();
    await page.reload();
    await expect(info).toContainText(/\b340\b/);
    expect(requestsTo(server, '/session.nwb')).toBe(0);
    await expect.poll(() => revalidationsOf(server, '/session.nwb')).toBe(1);
    await expect(page.getByLabel('Status').getByRole('status')).toHaveCount(0);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
