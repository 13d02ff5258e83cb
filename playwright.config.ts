import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './e2e/chromium';

/**
 * End-to-end tests run the built app (dist/) in Debian's Chromium against servers on
 * 127.0.0.1 only: the app itself twice (with and without cross-origin isolation, to cover both
 * bridge modes), a range-capable data server on another origin (real CORS), and the DANDI stand-in.
 * `npm test` builds dist/ before Playwright starts.
 */
/** E2E_PORT_BASE moves every server, so two runs on one machine do not meet. */
const portBase = Number(process.env.E2E_PORT_BASE ?? 4173);

export const ports = {
  app: portBase,
  appNotIsolated: portBase + 1,
  dandi: 8790,
} as const;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 90_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${ports.app}`,
    browserName: 'chromium',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
    viewport: { width: 1280, height: 800 },
  },
  webServer: [
    {
      command: `npx tsx servers/range-server.ts --root dist --port ${ports.app} --coop-coep --spa`,
      url: `http://127.0.0.1:${ports.app}/`,
      reuseExistingServer: !process.env.CI,
    },
    {
      command: `npx tsx servers/range-server.ts --root dist --port ${ports.appNotIsolated} --spa`,
      url: `http://127.0.0.1:${ports.appNotIsolated}/`,
      reuseExistingServer: !process.env.CI,
    },
  ],
});
