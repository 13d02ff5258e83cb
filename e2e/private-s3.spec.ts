/**
 * A private S3 object opened with keys typed into the opening screen: requests to the bucket's
 * endpoint are signed (the stand-in verifies each signature), nothing else ever sees the keys,
 * and the shareable address never holds them.
 */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startS3Server, type S3Server } from '../servers/s3/s3Server';
import { expect, TESTDATA, test } from './fixtures';

const KEY = 'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb';
let s3: S3Server;

test.beforeAll(async () => {
  s3 = await startS3Server({
    buckets: { lab: { root: path.resolve(TESTDATA), region: 'eu-west-1' } },
    keys: { AKIDE2E: { secretAccessKey: 'e2e-secret' } },
  });
});
test.afterAll(() => s3.close());

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });

async function openWithKeys(page: Page, secret: string) {
  await page.goto('/');
  await page.getByLabel('File URL').fill(`s3://lab/${KEY}`);
  await page.getByText('Private S3 bucket…').click();
  await page.getByLabel('Access key ID').fill('AKIDE2E');
  await page.getByLabel('Secret access key').fill(secret);
  await page.getByLabel('Endpoint (S3-compatible services)').fill(s3.url);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
}

test('keys open a private object; only the bucket sees them; the link holds none', async ({
  page,
}) => {
  const leaked: string[] = [];
  page.on('request', async (request) => {
    // A request still starting as the test ends has no headers to give: not a leak seen here.
    const headers = await request.allHeaders().catch(() => null);
    const auth = headers?.['authorization'];
    if (auth && !request.url().startsWith(s3.url)) leaked.push(request.url());
  });
  s3.log.length = 0;
  await openWithKeys(page, 'e2e-secret');
  await expect(tree(page).getByRole('treeitem', { name: /^acquisition\b/ })).toBeVisible();
  const gets = s3.log.filter((e) => e.method === 'GET');
  expect(gets.length).toBeGreaterThan(0);
  // The region was found from the bucket's answer, then every read was signed and accepted.
  expect(gets.filter((e) => e.status === 206).length).toBeGreaterThan(0);
  expect(gets.every((e) => e.authorization?.startsWith('AWS4-HMAC-SHA256'))).toBe(true);
  expect(gets.every((e) => e.status === 206 || e.code === 'AuthorizationHeaderMalformed')).toBe(
    true,
  );
  expect(leaked).toEqual([]);
  expect(page.url()).not.toMatch(/AKIDE2E|e2e-secret/);
  const stored = await page.evaluate(() => JSON.stringify(localStorage));
  expect(stored).not.toMatch(/e2e-secret/);
});

test('a wrong secret is refused with S3’s reason and what to do', async ({ page }) => {
  await openWithKeys(page, 'not-the-secret');
  await expect(page.getByRole('alert')).toContainText(/SignatureDoesNotMatch/);
  await expect(page.getByRole('alert')).toContainText(/secret access key/);
});
