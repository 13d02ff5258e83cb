/**
 * The DANDI stand-in for end-to-end tests: one per Playwright worker, on free ports, so tests
 * can count its requests and switch its modes without disturbing each other. Pages point the
 * app at it with the `dandiApi` parameter.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { startDandiStub, type DandiStub } from '../servers/dandi-stub';

export const test = base.extend<object, { dandi: DandiStub }>({
  dandi: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as the first argument.
    async ({}, use) => {
      const stub = await startDandiStub({ slowMs: 20_000 });
      await use(stub);
      await stub.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/**
 * Opening a file starts the reading worker (WebAssembly); on a loaded two-core machine that alone
 * can take longer than the default 20 s.
 */
export const OPENED = { timeout: 60_000 };

/** The asset at `path`, asked of the stand-in directly (not through the page). */
export async function assetAt(
  stub: DandiStub,
  dandiset: string,
  path: string,
  key?: string,
  version = 'draft',
) {
  const r = await fetch(
    `${stub.url}/dandisets/${dandiset}/versions/${version}/assets/?path=${path}`,
    {
      headers: key ? { Authorization: `token ${key}` } : {},
    },
  );
  // `blob` is null for a Zarr asset and `zarr` for a blob: the callers know which they asked for.
  const body = (await r.json()) as { results: { asset_id: string; blob: string; zarr: string }[] };
  return body.results[0];
}

/** `?<query>&dandiApi=<stub>`: the app's address for a view against the stand-in. */
export function dandiUrl(stub: DandiStub, query: string): string {
  const sep = query ? '&' : '';
  return `/?${query}${sep}dandiApi=${encodeURIComponent(stub.url)}`;
}

/** API requests the page made (preflights excluded), optionally only those matching `pattern`. */
export function apiGets(stub: DandiStub, pattern?: RegExp) {
  return stub.requests.filter((r) => r.method !== 'OPTIONS' && (!pattern || pattern.test(r.path)));
}

export function resetCounts(stub: DandiStub): void {
  stub.requests.length = 0;
  stub.bucketRequests.length = 0;
}

/** The file tree of an opened asset. */
export function fileTree(page: Page) {
  return page.getByRole('tree', { name: 'File contents' });
}

/**
 * Expands an ophys file's tree down to its image masks and previews them: 2 MB of the 2.4 MB
 * test file, so this reads bytes well past what opening read.
 */
export async function previewImageMasks(page: Page, options?: { timeout: number }) {
  const tree = fileTree(page);
  const group = '/processing/ophys/ImageSegmentation/PlaneSegmentation';
  for (const path of [
    '/processing',
    '/processing/ophys',
    '/processing/ophys/ImageSegmentation',
    group,
  ]) {
    const node = tree.locator(`[data-path="${path}"]`);
    if ((await node.getAttribute('aria-expanded')) !== 'true')
      await node.locator('.tree-node__twisty').click();
  }
  await tree.locator(`[data-path="${group}/image_mask"]`).click();
  await expect(page.locator('#preview-heading')).toBeVisible(options);
  await expect(page.locator('.info-section table').last()).toBeVisible();
  await expect(page.locator('.error-message')).toHaveCount(0);
}
