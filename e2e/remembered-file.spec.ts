/**
 * Local files remembered on this device: a picked file's File System Access handle is kept in
 * IndexedDB and, after a reload, the file reopens from it with no drop and no network request.
 *
 * The native picker cannot be driven and a scripted drop carries no handles, so the picker is
 * replaced (init script) by one that returns a real FileSystemFileHandle from the Origin Private
 * File System, where the test first writes a real NWB file: IndexedDB stores that handle as it
 * would one from the picker. OPFS handles are always readable, so the permission prompt is
 * reached by making the browser's answers 'prompt' and then granted or denied (a headless browser
 * shows no prompt to click).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, TESTDATA, test } from './fixtures';

const LAB = path.join(
  TESTDATA,
  'dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
);
const NAME = path.basename(LAB);

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

/** Writes files into the page origin's private file system (folder `dir`, or its root). */
async function writeToOpfs(page: Page, files: string[], dir?: string) {
  await writeTreeToOpfs(
    page,
    files.map((p) => ({ rel: dir ? `${dir}/${path.basename(p)}` : path.basename(p), from: p })),
  );
}

/** Writes each file at its path ("store/acquisition/.zattrs") in the private file system. */
async function writeTreeToOpfs(page: Page, files: { rel: string; from: string }[]) {
  const items = files.map(({ rel, from }) => ({
    rel,
    bytes: readFileSync(from).toString('base64'),
  }));
  await page.evaluate(async (items) => {
    for (const { rel, bytes } of items) {
      const parts = rel.split('/');
      const name = parts.pop() ?? '';
      let folder = await navigator.storage.getDirectory();
      for (const part of parts) folder = await folder.getDirectoryHandle(part, { create: true });
      const handle = await folder.getFileHandle(name, { create: true });
      const writable = await handle.createWritable();
      await writable.write(Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0)));
      await writable.close();
    }
  }, items);
}

/** Every file under `dir`, with its path from the folder's own name on. */
function treeOf(dir: string): { rel: string; from: string }[] {
  const out: { rel: string; from: string }[] = [];
  const walk = (at: string, rel: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else out.push({ rel: `${rel}/${name}`, from: full });
    }
  };
  walk(dir, path.basename(dir));
  return out;
}

/** The native pickers, replaced by ones that hand out handles from the private file system. */
async function pickersFromOpfs(page: Page, pick: { file?: string; folder?: string }) {
  await page.addInitScript((pick) => {
    const w = window as unknown as Record<string, unknown>;
    w.showOpenFilePicker = async () => {
      const root = await navigator.storage.getDirectory();
      return [await root.getFileHandle(pick.file ?? '')];
    };
    w.showDirectoryPicker = async () => {
      const root = await navigator.storage.getDirectory();
      return root.getDirectoryHandle(pick.folder ?? '');
    };
  }, pick);
}

/**
 * The browser's permission answers: 'prompt' until asked, then what sessionStorage says (it
 * survives reloads, so a test can change the answer between them).
 */
async function permissionPrompt(page: Page) {
  await page.addInitScript(() => {
    const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    proto.queryPermission = async () => 'prompt';
    proto.requestPermission = async () => sessionStorage.getItem('test:answer') ?? 'granted';
  });
}

/** Requests for NWB bytes (there must be none: the file is read in place); the page's own
 * address names the file too, so only paths count. */
function nwbRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (/\.nwb/i.test(new URL(r.url()).pathname)) seen.push(r.url());
  });
  return seen;
}

async function pickAndOpen(page: Page) {
  await page.goto('/');
  await writeToOpfs(page, [LAB]);
  await page.getByRole('button', { name: 'Choose file…' }).click();
  await expect(item(page, 'intervals')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`local=${NAME.replace(/\./g, '\\.')}`));
}

test('a picked file reopens after a reload from its remembered handle, on the same path', async ({
  page,
}) => {
  const requests = nwbRequests(page);
  await pickersFromOpfs(page, { file: NAME });
  await pickAndOpen(page);
  await item(page, 'intervals').click();
  await page.keyboard.press('ArrowRight');
  await item(page, 'trials').click();
  await expect(page).toHaveURL(/path=(%2F|\/)intervals(%2F|\/)trials/);

  await page.reload();
  // No drop, no click: the browser still grants access, so the file opens again by itself, on
  // the object selected before.
  await expect(item(page, 'trials')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Selected object' })).toContainText(
    '/intervals/trials',
  );
  expect(requests).toEqual([]);

  // The opening screen lists it as remembered on this device.
  await page.goto('/');
  await expect(page.getByText('Remembered on this device')).toBeVisible();
  await expect(page.getByText(/Only this browser on this device keeps them/)).toBeVisible();
  await page.getByRole('button', { name: `Reopen ${NAME}` }).click();
  await expect(item(page, 'intervals')).toBeVisible();
  expect(requests).toEqual([]);
});

test('after a reload the browser asks first: granted reopens, denied says so', async ({ page }) => {
  await pickersFromOpfs(page, { file: NAME });
  await permissionPrompt(page);
  await pickAndOpen(page);

  await page.reload();
  const reopen = page.getByRole('button', { name: `Reopen ${NAME}` }).first();
  await expect(reopen).toBeVisible();
  await expect(tree(page)).toHaveCount(0); // nothing read before the click
  await reopen.click();
  await expect(item(page, 'intervals')).toBeVisible();

  await page.evaluate(() => sessionStorage.setItem('test:answer', 'denied'));
  await page.reload();
  await page
    .getByRole('button', { name: `Reopen ${NAME}` })
    .first()
    .click();
  await expect(page.getByRole('alert')).toContainText(`Reading ${NAME} was not allowed`);
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(tree(page)).toHaveCount(0);
});

test('a remembered file that was deleted says so and is forgotten', async ({ page }) => {
  await pickersFromOpfs(page, { file: NAME });
  await pickAndOpen(page);
  await page.evaluate(async (name) => {
    const root = await navigator.storage.getDirectory();
    await root.removeEntry(name);
  }, NAME);

  await page.reload();
  await expect(page.getByRole('alert')).toContainText(`${NAME} is no longer where it was`);
  await expect(page.getByTestId('drop-zone')).toBeVisible();
  await expect(page.getByRole('button', { name: `Reopen ${NAME}` })).toHaveCount(0);
});

test('forget: a forgotten file must be dropped again', async ({ page }) => {
  await pickersFromOpfs(page, { file: NAME });
  await pickAndOpen(page);
  await page.goto('/');
  await page.getByRole('button', { name: `Forget ${NAME}` }).click();
  await expect(page.getByRole('button', { name: `Reopen ${NAME}` })).toHaveCount(0);

  await page.goto(`/?local=${encodeURIComponent(NAME)}`);
  await expect(page.getByText(/again to reopen/i)).toBeVisible();
  await expect(page.getByText(/not remembered on this device/)).toBeVisible();
});

test('a picked folder is remembered: its external links still resolve after a reload', async ({
  page,
}) => {
  const requests = nwbRequests(page);
  await pickersFromOpfs(page, { folder: 'session' });
  await page.goto('/');
  await writeToOpfs(
    page,
    [
      path.join(TESTDATA, 'matnwb/link_test.nwb'),
      path.join(TESTDATA, 'matnwb/ecephys_tutorial.nwb'),
    ],
    'session',
  );
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  await page.getByRole('button', { name: /link_test\.nwb/ }).click();
  await expect(item(page, 'general')).toBeVisible();

  await page.reload();
  await expect(item(page, 'general')).toBeVisible();
  await item(page, 'general').click();
  await page.keyboard.press('ArrowRight');
  const subject = item(page, 'subject');
  await expect(subject).toContainText('ecephys_tutorial.nwb');
  await subject.click();
  await expect(page.getByRole('region', { name: 'Selected object' })).toContainText(
    'neurodata_type',
  );
  expect(requests).toEqual([]);
});

test('a picked Zarr store folder is remembered and reopens as a store', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (/\.zarr/.test(new URL(r.url()).pathname)) requests.push(r.url());
  });
  const store = path.join(TESTDATA, 'hdmf-zarr/ecephys_tutorial.nwb.zarr');
  await pickersFromOpfs(page, { folder: path.basename(store) });
  await page.goto('/');
  await writeTreeToOpfs(page, treeOf(store));
  await page.getByRole('button', { name: 'Choose folder…' }).click();
  const heading = page.getByRole('heading', { name: 'ecephys_tutorial.nwb.zarr' });
  await expect(heading).toBeVisible({ timeout: 60_000 });
  await expect(item(page, 'acquisition')).toBeVisible();
  await expect(page).toHaveURL(/local=ecephys_tutorial\.nwb\.zarr/);

  await page.reload();
  await expect(heading).toBeVisible({ timeout: 60_000 });
  await expect(item(page, 'acquisition')).toBeVisible();
  expect(requests).toEqual([]);
});

test('without the File System Access API the app says so and asks for the file as before', async ({
  page,
}) => {
  // As in Firefox and Safari: no pickers that hand out handles, no handles from drops.
  await page.addInitScript(() => {
    for (const name of ['showOpenFilePicker', 'showDirectoryPicker']) {
      delete (Window.prototype as unknown as Record<string, unknown>)[name];
      delete (window as unknown as Record<string, unknown>)[name];
    }
    delete (DataTransferItem.prototype as unknown as Record<string, unknown>).getAsFileSystemHandle;
  });
  await page.goto(`/?local=${encodeURIComponent(NAME)}`);
  await expect(page.getByText(/again to reopen/i)).toBeVisible();
  await expect(page.getByText(/this browser cannot remember them/)).toBeVisible();
  await expect(page.getByTestId('remember-unsupported')).toContainText(
    'lacks the File System Access API',
  );
  // The plain file input still opens a file.
  await page.getByLabel('Choose a local NWB file').setInputFiles(LAB);
  await expect(item(page, 'intervals')).toBeVisible();
});
