/**
 * The synthetic session (written when missing) served by the range server at a chosen latency
 * and bandwidth, as the table and time-series benchmarks read it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { startRangeServer, type RangeServer } from '../servers/range-server';

export async function serveThrottledSession(
  file: string,
  throttle: { latencyMs: number; mbps: number },
): Promise<{ server: RangeServer; url: string }> {
  if (!existsSync(file)) await (await generator()).makeSyntheticSession({ out: file, scale: 1 });
  const server = await startRangeServer({
    mounts: { '/f': path.dirname(file) },
    ...throttle,
    cors: 'full',
  });
  return { server, url: `${server.url}/f/${encodeURIComponent(path.basename(file))}` };
}

/** The generator, loaded only when a session must be written (see scripts/synthetic/paths.ts). */
export function generator(): Promise<typeof import('../scripts/make-synthetic-session')> {
  return import('../scripts/make-synthetic-session');
}
