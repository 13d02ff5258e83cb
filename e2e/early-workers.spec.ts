/**
 * A link to a file: index.html's own script starts the fetcher worker with the file in its
 * name (scripts/vite-early-workers.ts, src/workers/earlyOpen.ts), so the file's first bytes
 * are asked for before the app's script has even arrived; the app then takes the worker and the
 * file over, and reads nothing twice. A worker that failed to start is replaced, not taken.
 */
import type { Page } from '@playwright/test';
import { expect, files, holdApp, requestsTo, test } from './fixtures';

// The app's scripts come through page routes here (held, refused), not a service worker.
test.use({ serviceWorkers: 'block' });

/** The name the page's fetcher worker runs under (index.html names the link's file in it). */
async function fetcherName(page: Page): Promise<string> {
  const fetcher = page.workers().find((w) => /fetcher\.worker/.test(w.url()));
  return (await fetcher!.evaluate('self.name')) as string;
}

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

test('the file is read while the app script is held, then taken over: two reads', async ({
  page,
  data,
}) => {
  const release = await holdApp(page);
  const fileUrl = data.url + files.ophys;
  const before = requestsTo(data, files.ophys);
  await page.goto(`/?${new URLSearchParams({ url: fileUrl })}`, { waitUntil: 'commit' });
  // The app has not run, and the fetcher worker, started by index.html, already reads the file.
  await expect.poll(() => requestsTo(data, files.ophys) - before).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.querySelector('.app'))).toBeNull();
  expect(await fetcherName(page)).toBe(`fetcher#open=${encodeURIComponent(fileUrl)}`);

  release();
  await expect(item(page, 'processing')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  // Taken over: the probe (with the head) and the tail, not read again by the app's own open.
  expect(requestsTo(data, files.ophys) - before).toBe(2);
  // A preview needs the reading worker (h5wasm) and the fetcher's blocks: both are wired.
  await item(page, 'processing').click();
  await item(page, 'processing').press('ArrowRight');
  await expect(item(page, 'ophys')).toBeVisible();
});

test('a link the app opens otherwise gets no early file; a Zarr store opens as one', async ({
  page,
  data,
}) => {
  const store = `${data.url}/hdmf-zarr/ecephys_tutorial.nwb.zarr`;
  await page.goto(`/?${new URLSearchParams({ url: store })}`);
  await expect(page.getByRole('tree', { name: 'File contents' })).toBeVisible();
  expect(await fetcherName(page)).toBe('fetcher');
});

test('an early worker that failed to load is replaced, and the file opens', async ({
  page,
  data,
}) => {
  let refused = 0;
  // The first fetcher script (index.html's) is refused; the app's own start is let through.
  await page.route(/\/assets\/fetcher\.worker-[^/]*\.js/, async (route) => {
    if (refused++ === 0) return route.abort();
    return route.continue();
  });
  const release = await holdApp(page);
  await page.goto(`/?${new URLSearchParams({ url: data.url + files.ecephys })}`, {
    waitUntil: 'commit',
  });
  await expect.poll(() => refused).toBe(1);
  // Let the failure reach index.html's watch before the app looks at the worker.
  await page.waitForTimeout(200);
  release();
  await expect(item(page, 'acquisition')).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(refused).toBe(2);
});
