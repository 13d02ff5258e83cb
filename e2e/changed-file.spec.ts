/**
 * A file that changed on the server since its blocks were cached: a warm reopen paints from the
 * cache with no request, then one background request notices the change; the user is told, old
 * blocks are never mixed with new bytes, and a reload reads the new version.
 */
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startRangeServer } from '../servers/range-server';
import { TESTDATA, expect, files, openFile, requestsTo, revalidationsOf, test } from './fixtures';

test('a changed file is noticed after a warm reopen, and a reload reads the new version', async ({
  page,
}) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nwbx-changed-'));
  const file = path.join(dir, 'session.nwb');
  copyFileSync(path.join(TESTDATA, files.lab), file);
  utimesSync(file, 1_600_000_000, 1_600_000_000);
  const server = await startRangeServer({ root: dir, cors: 'full' });
  try {
    const url = `${server.url}/session.nwb`;
    await openFile(page, url, { path: '/intervals/trials/start_time' });
    const info = page.getByRole('region', { name: 'Selected object' });
    await expect(info.getByRole('table').last()).toBeVisible();
    await page.waitForTimeout(1500); // background writes to IndexedDB

    // A new version on the server: same size, new modification time, so a new ETag.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    server.stats.reset();
    await page.reload();
    await expect(info.getByRole('table').last()).toBeVisible();
    expect(requestsTo(server, '/session.nwb')).toBe(0); // painted from the cache

    const status = page.getByLabel('Status').getByRole('status');
    await expect(status).toContainText(/session\.nwb changed on the server/);
    await expect(status).toContainText(/reload the page to read the new version/);
    expect(revalidationsOf(server, '/session.nwb')).toBe(1);
    expect(requestsTo(server, '/session.nwb')).toBe(0);

    // A reload reads the new version from the server, with no warning left.
    server.stats.reset();
    await page.reload();
    await expect(info.getByRole('table').last()).toBeVisible();
    expect(requestsTo(server, '/session.nwb')).toBeGreaterThan(0);
    await expect(page.getByLabel('Status').getByRole('status')).toHaveCount(0);
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
