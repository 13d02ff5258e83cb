/**
 * The browser benchmark's own harness, in Debian's Chromium: a visit through the DevTools pipe sees
 * its milestone (the init script runs in the new document, and the benchmark reads what it noted)
 * and the page's own timeline, and a visit that cannot load says so instead of waiting it out.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFloorPage, FLOOR_MILESTONE, type FloorPage } from './browserFloor';
import { launchProfile, visit } from './browserVisit';
import type { PipedBrowser } from './devtoolsPipe';

/** A port nothing listens on: one the system gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('browser benchmark harness (DevTools pipe)', () => {
  let floor: FloorPage;
  let dir: string;
  let browser: PipedBrowser;

  beforeAll(async () => {
    floor = await startFloorPage();
    dir = await mkdtemp(path.join(os.tmpdir(), 'nwbe-harness-'));
    browser = await launchProfile(dir);
  });

  afterAll(async () => {
    await browser?.close();
    await floor?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sees the milestone the page noted and reads the page timeline', async () => {
    const result = await visit(browser, floor.url, [FLOOR_MILESTONE], 'http://127.0.0.1:1');
    const seen = result.seen[FLOOR_MILESTONE];
    expect(seen).toBeGreaterThan(0);
    // The HTML's arrival comes from the page's own navigation entry, before the element.
    expect(result.marks.html).toBeGreaterThan(0);
    expect(result.marks.html).toBeLessThanOrEqual(seen!);
    expect(result.dataReads).toEqual([]);
    // The page's size the figures were taken at, whatever the headless window's own.
    expect(await browser.page.evaluate('[innerWidth, innerHeight]')).toEqual([1280, 800]);
  });

  it('fails a visit whose page does not load, with the reason', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/`;
    await expect(visit(browser, url, [FLOOR_MILESTONE], url)).rejects.toThrow(
      /did not open: net::ERR_CONNECTION_REFUSED/,
    );
  });
});
