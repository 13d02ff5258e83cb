/**
 * A reading worker that dies (here: a real wasm trap, the error h5wasm raises when it runs out of
 * memory or its code traps) is restarted, the open file reopened from the cache, the user told,
 * and reading goes on without a reload. In both bridge modes.
 */
import type { Page, Worker } from '@playwright/test';
import { TRAP_MODULE_BYTES } from '../src/testing/wasmTrap';
import { APP_NOT_ISOLATED, expect, files, openFile, requestsTo, test } from './fixtures';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });
const readerWorkers = (page: Page) => page.workers().filter((w) => /reader\.worker/.test(w.url()));

/** Makes the worker trap outside any call, like a crash nothing catches. */
async function trapIn(worker: Worker) {
  await worker.evaluate((bytes) => {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(new Uint8Array(bytes)));
    setTimeout(() => (instance.exports.trap as () => void)());
  }, TRAP_MODULE_BYTES as number[]);
}

for (const mode of [
  { name: 'shared-memory bridge', base: '' },
  { name: 'retry-on-miss bridge', base: APP_NOT_ISOLATED },
]) {
  test(`${mode.name}: a worker killed by a wasm trap is restarted and the file reopened`, async ({
    page,
    data,
  }) => {
    await openFile(page, data.url + files.lab, {
      path: '/intervals/trials/start_time',
      base: mode.base,
    });
    const info = page.getByRole('region', { name: 'Selected object' });
    await expect(info).toContainText('float64');
    await expect(info.getByRole('table').last()).toBeVisible();
    // Blocks are written to IndexedDB in the background; give the writes a moment to land.
    await page.waitForTimeout(1500);
    const [first] = readerWorkers(page);
    expect(first).toBeDefined();

    data.stats.reset();
    await trapIn(first);
    const status = page.getByLabel('Status').getByRole('status');
    await expect(status).toContainText(/reading worker stopped \(.*unreachable.*\)/i);
    await expect(status).toContainText(/restarted and .*\.nwb reopened from the cache/i);
    await expect.poll(() => readerWorkers(page).filter((w) => w !== first).length).toBe(1);
    // The file was reopened from the persistent cache: not one request to the data server.
    expect(requestsTo(data, files.lab)).toBe(0);

    // Reading goes on in the new worker: an object not read before, without a reload.
    await item(page, 'stop_time').click();
    await expect(info.getByRole('heading', { name: '/intervals/trials/stop_time' })).toBeVisible();
    await expect(info).toContainText('float64');
    await expect(info.getByRole('table').last()).toBeVisible();
    await expect(page.getByRole('alert')).toHaveCount(0);
  });
}
