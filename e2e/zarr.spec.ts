/**
 * Zarr NWB and LINDI in the browser: a store by URL (without and with consolidated metadata, in
 * both bridge modes), a store folder dropped on the page, and a LINDI file by URL. They open in
 * the same tree and panes as HDF5 files.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { APP_NOT_ISOLATED, expect, files, GENERATED, openFile, TESTDATA, test } from './fixtures';

const tree = (page: Page) => page.getByRole('tree', { name: 'File contents' });
const item = (page: Page, name: string) =>
  tree(page).getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });

const STORE = 'hdmf-zarr/ecephys_tutorial.nwb.zarr';
/** Workers start h5wasm before answering: on a loaded machine that alone can take many seconds. */
const OPENING = { timeout: 60_000 };
const CONSOLIDATED = path.join(GENERATED, 'zarr-e2e/tutorial-consolidated.nwb.zarr');

let SESSION_DESCRIPTION = '';
let FIRST_ROW: string[] = [];

/** What zarr-python (an independent reader) finds in the tutorial store. */
function zarrPython(expression: string): string {
  const script = `import zarr; g = zarr.open(${JSON.stringify(path.join(TESTDATA, STORE))}, 'r'); print(${expression})`;
  return execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }).trim();
}

test.beforeAll(() => {
  SESSION_DESCRIPTION = zarrPython("g['session_description'][0]");
  FIRST_ROW = zarrPython(
    `' '.join('%.6g' % v for v in g['acquisition/ElectricalSeries/data'][0])`,
  ).split(' ');
  if (!existsSync(path.join(CONSOLIDATED, '.zmetadata'))) {
    mkdirSync(path.dirname(CONSOLIDATED), { recursive: true });
    cpSync(path.join(TESTDATA, STORE), CONSOLIDATED, { recursive: true });
    execFileSync('/usr/bin/python3', [
      '-c',
      `import zarr; zarr.consolidate_metadata(${JSON.stringify(CONSOLIDATED)})`,
    ]);
  }
});

async function expandAndSee(page: Page, parent: string, child: string) {
  await item(page, parent).click();
  await page.keyboard.press('ArrowRight');
  // Without consolidated metadata a level is probed name by name: slow on a loaded machine.
  await expect(item(page, child)).toBeVisible(OPENING);
}

for (const [mode, base] of [
  ['shared-memory app', ''],
  ['retry-on-miss app', APP_NOT_ISOLATED],
] as const) {
  test(`a Zarr store URL without .zmetadata opens in the tree and says what is missing (${mode})`, async ({
    page,
    data,
  }) => {
    await openFile(page, `${data.url}/${STORE}`, { base });
    await expect(item(page, 'acquisition')).toBeVisible(OPENING);
    await expect(page.getByRole('heading', { name: 'ecephys_tutorial.nwb.zarr' })).toBeVisible();
    await expect(page.getByTestId('file-warning')).toContainText(/no consolidated metadata/);
    await expandAndSee(page, 'units', 'spike_times');
    await expect(item(page, 'units')).toContainText('Units');
    await expandAndSee(page, 'acquisition', 'ElectricalSeries');
  });
}

test('a consolidated Zarr store opens from one request for its metadata', async ({
  page,
  data,
}) => {
  data.stats.reset();
  await openFile(page, `${data.url}/generated/zarr-e2e/tutorial-consolidated.nwb.zarr`);
  await expect(item(page, 'processing')).toBeVisible(OPENING);
  await expandAndSee(page, 'general', 'extracellular_ephys');
  const store = data.stats.log.filter((e) => e.path.includes('tutorial-consolidated'));
  // Metadata: only .zmetadata; the rest are chunks the summary header reads.
  expect(store.filter((e) => /\.z(group|array|attrs)$|zarr\.json$/.test(e.path))).toEqual([]);
  expect(store.filter((e) => e.path.endsWith('.zmetadata'))).toHaveLength(1);
  await expect(page.getByTestId('file-warning')).toHaveCount(0);
  // Blosc-LZ4 chunks decoded in the page: the summary's text as zarr-python reads it.
  await expect(page.getByLabel('NWB file summary')).toContainText(SESSION_DESCRIPTION, OPENING);
  // Values read through the panes: the units table's spike times.
  await item(page, 'general').click();
  await page.goto(
    `/?${new URLSearchParams({
      url: `${data.url}/generated/zarr-e2e/tutorial-consolidated.nwb.zarr`,
      path: '/acquisition/ElectricalSeries/data',
    })}`,
  );
  await expect(page.getByLabel('Selected object')).toContainText('float64', OPENING);
  // Its one chunk is Blosc-LZ4 with shuffle, decoded in the page: the first row as zarr-python
  // reads it (6 significant digits, as the preview shows numbers).
  for (const value of FIRST_ROW) {
    await expect(page.getByLabel('Selected object')).toContainText(value, OPENING);
  }
});

/** Lists files with their paths relative to the dropped folder's parent. */
function folderPayload(dir: string) {
  const out: { rel: string; bytes: string }[] = [];
  const walk = (at: string, rel: string) => {
    for (const name of readdirSync(at)) {
      const full = path.join(at, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else out.push({ rel: `${rel}/${name}`, bytes: readFileSync(full).toString('base64') });
    }
  };
  walk(dir, path.basename(dir));
  return out;
}

test('a dropped .nwb.zarr folder opens as a store, read in place', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('.zarr')) requests.push(r.url());
  });
  await page.goto('/');
  const payload = folderPayload(path.join(TESTDATA, STORE));
  // A drop of a folder hands the page directory entries (File and Directory Entries API):
  // build them from the files, as Chromium does for a real drop.
  const transfer = await page.evaluateHandle((items) => {
    type Node = { name: string; file?: File; children: Map<string, Node> };
    const root: Node = { name: '', children: new Map() };
    for (const { rel, bytes } of items) {
      const parts = rel.split('/');
      let at = root;
      for (const part of parts.slice(0, -1)) {
        if (!at.children.has(part)) at.children.set(part, { name: part, children: new Map() });
        at = at.children.get(part)!;
      }
      const raw = Uint8Array.from(atob(bytes), (c) => c.charCodeAt(0));
      const name = parts[parts.length - 1];
      at.children.set(name, { name, file: new File([raw], name), children: new Map() });
    }
    const entry = (node: Node): unknown =>
      node.file
        ? {
            isFile: true,
            isDirectory: false,
            name: node.name,
            file: (ok: (f: File) => void) => ok(node.file!),
          }
        : {
            isFile: false,
            isDirectory: true,
            name: node.name,
            createReader: () => {
              let done = false;
              return {
                readEntries: (ok: (entries: unknown[]) => void) => {
                  ok(done ? [] : [...node.children.values()].map(entry));
                  done = true;
                },
              };
            },
          };
    const top = [...root.children.values()][0];
    const dt = new DataTransfer();
    dt.items.add(new File(['x'], top.name));
    const original = DataTransferItem.prototype.webkitGetAsEntry;
    DataTransferItem.prototype.webkitGetAsEntry = function () {
      return (this.kind === 'file' ? entry(top) : original.call(this)) as FileSystemEntry;
    };
    return dt;
  }, payload);
  const zone = page.getByTestId('drop-zone');
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(item(page, 'acquisition')).toBeVisible(OPENING);
  await expect(page.getByRole('heading', { name: 'ecephys_tutorial.nwb.zarr' })).toBeVisible();
  // A folder is listed completely: free-named groups too, and no warning.
  await expandAndSee(page, 'general', 'extracellular_ephys');
  await expandAndSee(page, 'extracellular_ephys', 'shank0');
  await expect(page.getByTestId('file-warning')).toHaveCount(0);
  expect(requests).toEqual([]);
});

test('a LINDI file by URL opens the HDF5 file it describes, reading its bytes by range', async ({
  page,
  data,
}) => {
  const dir = path.join(GENERATED, 'zarr-e2e');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'ecephys_tutorial.nwb.lindi.json');
  execFileSync('/usr/bin/python3', [
    path.resolve(import.meta.dirname, '../scripts/zarr/write_lindi.py'),
    path.join(TESTDATA, files.ecephys),
    `${data.url}${files.ecephys}`,
    out + '.tmp',
  ]);
  writeFileSync(out, readFileSync(out + '.tmp'));
  data.stats.reset();
  await openFile(page, `${data.url}/generated/zarr-e2e/ecephys_tutorial.nwb.lindi.json`);
  await expect(item(page, 'acquisition')).toBeVisible(OPENING);
  await expandAndSee(page, 'processing', 'ecephys');
  await expect(page.getByLabel('NWB file summary')).toBeVisible();
  await expect(page.locator('.explorer__title > .muted')).toHaveText(/^LINDI/);
  const paths = data.stats.log.map((e) => e.path);
  // One request for the JSON; everything else is byte ranges of the HDF5 file it describes.
  expect(paths.filter((p) => p.endsWith('.lindi.json'))).toHaveLength(1);
  expect(paths.filter((p) => !p.endsWith('.lindi.json')).every((p) => p === files.ecephys)).toBe(
    true,
  );
  expect(data.stats.log.filter((e) => e.path === files.ecephys).every((e) => e.range)).toBe(true);
});

test('a LINDI file whose HDF5 file cannot be reached: the table says so, with Retry', async ({
  page,
  data,
}) => {
  const dir = path.join(GENERATED, 'zarr-e2e');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, 'unreachable.nwb.lindi.json');
  // Port 9 (discard) on this machine: nothing listens, so every byte range is refused.
  execFileSync('/usr/bin/python3', [
    path.resolve(import.meta.dirname, '../scripts/zarr/write_lindi.py'),
    path.join(TESTDATA, files.ecephys),
    'http://127.0.0.1:9/gone.nwb',
    out + '.tmp',
  ]);
  writeFileSync(out, readFileSync(out + '.tmp'));
  // The table's shape comes from the JSON; its cells are ranges of the unreachable file.
  await openFile(page, `${data.url}/generated/zarr-e2e/unreachable.nwb.lindi.json`, {
    path: '/units',
  });
  const info = page.getByRole('region', { name: 'Selected object' });
  const failure = info.getByRole('alert').filter({ hasText: 'Could not read these rows' });
  await expect(failure).toBeVisible(OPENING);
  await expect(failure.getByRole('button', { name: 'Retry' })).toBeVisible();
  // Nothing else is lost: the tree still lists the file.
  await expect(item(page, 'acquisition')).toBeVisible();
});
