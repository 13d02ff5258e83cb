/**
 * The browser's own floor for the browser benchmark: a static page of one heading and no script,
 * served like the app (same server, COOP/COEP, revalidated) and timed by the same observer, in a
 * fresh profile and after a relaunch. What the app takes beyond it is the app's; what it takes
 * itself (starting a renderer, committing the navigation, the first paint) no app can take back.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startRangeServer } from '../servers/range-server';
import { MILESTONES } from './browserVisit';

/** The one element the page has: what the 'open-screen' milestone looks for. */
const PAGE = `<!doctype html>
<html lang="en">
  <head><meta charset="UTF-8" /><title>Floor</title></head>
  <body><section aria-labelledby="open-url"><h1 id="open-url">A static page</h1></section></body>
</html>
`;

export interface FloorPage {
  url: string;
  close(): Promise<void>;
}

export async function startFloorPage(): Promise<FloorPage> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'nwbe-floor-'));
  await writeFile(path.join(dir, 'index.html'), PAGE);
  const server = await startRangeServer({
    root: dir,
    coopCoep: true,
    cors: 'none',
    cacheControl: 'no-cache',
  });
  return {
    url: `${server.url}/`,
    close: async () => {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The milestone the floor page is timed by (kept in step with PAGE above). */
export const FLOOR_MILESTONE = 'open-screen' satisfies keyof typeof MILESTONES;
