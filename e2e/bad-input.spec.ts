/**
 * Bad input: each case ends in a clear message, the app stays usable, and nothing the user did
 * is lost. Faults come from the range server's /_fault/<spec>/ URL prefix.
 */
import type { Page } from '@playwright/test';
import { startRangeServer } from '../servers/range-server';
import { expect, files, openFile, TESTDATA, test } from './fixtures';

const fault = (server: { url: string }, spec: string, file: string) =>
  `${server.url}/_fault/${spec}${file}`;

const alert = (page: Page) => page.getByRole('alert').first();
const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

async function expectOpenError(page: Page, code: string, text: RegExp) {
  await expect(alert(page)).toBeVisible();
  await expect(alert(page)).toHaveAttribute('data-error-code', code);
  await expect(alert(page)).toContainText(text);
  // The way out is always there.
  await expect(
    page.getByRole('button', { name: /retry|back to the start/i }).first(),
  ).toBeVisible();
}

test('404 says the file was not found', async ({ page, data }) => {
  await openFile(page, fault(data, 'status=404', files.ecephys));
  await expectOpenError(page, 'not-found', /not found|404/i);
});

test('403 says access was refused', async ({ page, data }) => {
  await openFile(page, fault(data, 'status=403', files.ecephys));
  await expectOpenError(page, 'forbidden', /403|refused|denied|forbidden/i);
});

test('a CORS refusal is told apart from a host that is down, and never retried', async ({
  page,
  data,
}) => {
  data.stats.reset();
  const url = fault(data, 'cors=none', files.ecephys);
  await openFile(page, url);
  await expectOpenError(page, 'cors', /Access-Control-Allow-Origin/);
  // The message names the URL and the setting the server lacks, for this page's origin.
  await expect(alert(page)).toContainText(url);
  await expect(alert(page)).toContainText(
    `Access-Control-Allow-Origin: ${new URL(page.url()).origin}`,
  );
  // One refused attempt and one no-cors HEAD that the host answered: a retried refusal would
  // have sent the Range request again after a backoff.
  const toFile = data.stats.log.filter((e) => e.path.endsWith(files.ecephys));
  expect(toFile.filter((e) => e.method === 'HEAD')).toHaveLength(1);
  expect(toFile.filter((e) => e.method !== 'HEAD' && e.method !== 'OPTIONS').length).toBeLessThan(
    2,
  );
  expect(toFile.filter((e) => e.method === 'OPTIONS').length).toBeLessThan(2);
});

test('a host that is down is named as unreachable, not as CORS', async ({ page }) => {
  const gone = await startRangeServer({ root: TESTDATA });
  const url = gone.url + files.ecephys;
  await gone.close();
  await openFile(page, url);
  await expectOpenError(page, 'network', /Could not reach/);
  await expect(alert(page)).toContainText(url);
});

test('a server that ignores Range is stopped, not downloaded whole', async ({ page }) => {
  // A slow link (8 Mbit/s: 2.4 s for this 2.4 MB file), so loopback socket buffers cannot
  // swallow the whole body before the reader hangs up.
  const slow = await startRangeServer({ root: TESTDATA, cors: 'full', mbps: 8 });
  try {
    await openFile(page, fault(slow, 'norange', files.ophys));
    await expectOpenError(page, 'no-range-support', /range/i);
    await page.waitForTimeout(500);
    const sent = slow.stats.log
      .filter((e) => e.path.endsWith(files.ophys))
      .reduce((n, e) => n + e.bytes, 0);
    expect(sent).toBeLessThan(2_394_856 / 2);
  } finally {
    await slow.close();
  }
});

test('a truncated file says so', async ({ page, data }) => {
  await openFile(page, fault(data, 'truncate=100000', files.lab));
  await expectOpenError(page, 'truncated', /truncated/i);
});

test('a file that is not HDF5 says so', async ({ page, data }) => {
  await openFile(page, data.url + files.readme);
  await expectOpenError(page, 'not-hdf5', /not an HDF5 file/i);
});

test('an HDF5 file that is not NWB opens as plain HDF5 and says so', async ({ page, data }) => {
  await openFile(page, data.url + files.notNwb);
  await expect(page.getByRole('status').filter({ hasText: /not an NWB file/i })).toBeVisible();
  await expect(tree(page)).toBeVisible();
});

test('the network dropping mid-read: retries, a clear error, the tree still usable', async ({
  page,
  data,
}) => {
  // Opening costs two requests (head and tail); every later request is cut mid-body. The image
  // masks sit in the middle of the file, so previewing them needs the network.
  await openFile(page, fault(data, 'dropafter=2', files.ophys), {
    path: '/processing/ophys/ImageSegmentation/PlaneSegmentation/image_mask',
  });
  const info = page.getByRole('region', { name: 'Selected object' });
  const error = info.getByRole('alert').first();
  await expect(error).toBeVisible({ timeout: 60_000 });
  await expect(error).toContainText(/network|connection|reach|failed/i);
  expect(data.stats.log.filter((e) => e.dropped).length).toBeGreaterThan(1);
  // The rest of the tree still answers from what was loaded.
  await item(page, 'identifier').click();
  await expect(info.getByRole('heading', { name: '/identifier' })).toBeVisible();
  await expect(info).toContainText('9a593bca-60bf-4657-8e83-3ae66ce7a123');
});

test('a dataset of billions of elements is described, previewed, never read whole', async ({
  page,
  data,
}) => {
  data.stats.reset();
  await openFile(page, data.url + files.huge, { path: '/acquisition/huge_1d' });
  const info = page.getByRole('region', { name: 'Selected object' });
  await expect(info).toContainText(/10,000,000,000|1\.0+e\+?10|10 billion/);
  // A preview of the first values, and reading everything is refused with the reason.
  await expect(info).toContainText(/first 1,000 of 10,000,000,000/);
  await expect(info).toContainText(/more than a browser tab can hold/);
  const bytes = data.stats.log
    .filter((e) => e.path.endsWith(files.huge))
    .reduce((n, e) => n + e.bytes, 0);
  expect(bytes).toBeLessThan(1_000_000);
});

test('an IndexedDB quota error evicts, warns and carries on', async ({ page, data, baseURL }) => {
  // A real quota: Chromium refuses IndexedDB writes past it with QuotaExceededError.
  const cdp = await page.context().newCDPSession(page);
  await page.goto('/');
  await cdp.send('Storage.overrideQuotaForOrigin', {
    origin: new URL(baseURL!).origin,
    quotaSize: 64 * 1024,
  });
  await openFile(page, data.url + files.ophys);
  await expect(item(page, 'processing')).toBeVisible();
  await item(page, 'processing').click();
  await page.keyboard.press('ArrowRight');
  await expect(item(page, 'ophys')).toBeVisible();
  // The file stays readable, and the user is told that caching is limited.
  await expect(page.getByLabel('Status').getByRole('status')).toContainText(
    /persistent cache is full/i,
  );
});
