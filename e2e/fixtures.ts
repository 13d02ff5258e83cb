/**
 * Shared end-to-end fixtures: a range server for data on its own origin (so every read is a
 * real cross-origin request), started per Playwright worker so tests can count its requests.
 */
import { test as base, expect, type Page, type Route } from '@playwright/test';
import path from 'node:path';
import { startRangeServer, type RangeServer } from '../servers/range-server';

export const TESTDATA = path.resolve(import.meta.dirname, '../../shared/testdata');
export const GENERATED = path.resolve(import.meta.dirname, '../fixtures/generated');
export const APP_NOT_ISOLATED = `http://127.0.0.1:${Number(process.env.E2E_PORT_BASE ?? 4173) + 1}`;

export const files = {
  ecephys: '/neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb',
  lab: '/dandi-cli/dandi/tests/data/dandifiles/sub-anm369963/sub-anm369963_ses-20170228.nwb',
  notNwb: '/pynwb/tests/unit/pynwb_tests/data/empty.nwb',
  readme: '/README.md',
  huge: '/generated/edge/huge_dataset.nwb',
  ophys: '/neuroconv/ophys_testing_data/segmentation_datasets/nwb/nwb_test.nwb',
} as const;

export const test = base.extend<object, { data: RangeServer }>({
  data: [
    // eslint-disable-next-line no-empty-pattern -- Playwright fixtures take their deps as the first argument.
    async ({}, use) => {
      const server = await startRangeServer({
        root: TESTDATA,
        mounts: { '/generated': GENERATED },
        cors: 'full',
      });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
});

export { expect };

/** Opens the app on a file URL (optionally a path inside it) and waits for the tree. */
export async function openFile(
  page: Page,
  fileUrl: string,
  options?: { path?: string; base?: string },
) {
  const query = new URLSearchParams({ url: fileUrl });
  if (options?.path) query.set('path', options.path);
  await page.goto(`${options?.base ?? ''}/?${query}`);
}

/**
 * Counts data-server reads of one file path (fault prefixes included), leaving out the one
 * background revalidation of a warm reopen (the first byte; see revalidationsOf).
 */
export function requestsTo(server: RangeServer, filePath: string): number {
  return server.stats.log.filter(
    (e) => e.path.endsWith(filePath) && e.method === 'GET' && e.range !== REVALIDATION_RANGE,
  ).length;
}

/** A warm reopen checks, after painting, that the file is unchanged: one request, first byte. */
const REVALIDATION_RANGE = 'bytes=0-0';

export function revalidationsOf(server: RangeServer, filePath: string): number {
  return server.stats.log.filter((e) => e.path.endsWith(filePath) && e.range === REVALIDATION_RANGE)
    .length;
}

/** Holds the app's entry script until the returned release() is called. */
export async function holdApp(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/index-[^/]*\.js$/, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}
