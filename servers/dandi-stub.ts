/**
 * A local stand-in for the DANDI API and its S3 bucket, for unit and end-to-end tests.
 *
 * Two servers on 127.0.0.1: the API (`url`, ending in /api) and the object store (`bucketUrl`),
 * on different origins like the real api.dandiarchive.org and dandiarchive.s3.amazonaws.com.
 * Content (see dandi-stub/fixtures.ts, `IDS`): a dandiset with three versions, one never
 * published, an embargoed one, an empty one, one of 10,000 assets, non-NWB and Zarr assets; the
 * blobs are real files from ../shared/testdata.
 *
 * CLI: npx tsx servers/dandi-stub.ts [--port 8787] [--bucket-port 8788] [--mode ok|slow|down|reset]
 *        [--presign-ttl 3600] [--testdata ../shared/testdata]
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createApi } from './dandi-stub/api';
import { startBlobServer, type BlobEntry } from './dandi-stub/blobServer';
import { buildArchive, IDS } from './dandi-stub/fixtures';
import type { LoggedRequest } from './dandi-stub/log';
import { afterLatency } from './dandi-stub/latency';
import { createPresigner } from './dandi-stub/presign';

export { IDS } from './dandi-stub/fixtures';
export type { LoggedRequest } from './dandi-stub/log';

/**
 * 'ok': normal. 'slow': every API answer waits `slowMs` (for client timeouts). 'down': the API
 * answers 503. 'reset': the API drops connections without answering.
 */
export type StubMode = 'ok' | 'slow' | 'down' | 'reset';

export interface DandiStubOptions {
  port?: number;
  bucketPort?: number;
  mode?: StubMode;
  /** Delay of the 'slow' mode; default 30 s (past the client's 15 s timeout). */
  slowMs?: number;
  /**
   * A network's round trip: every request to the API and the object store (preflights too) is
   * answered this much later. Default none; the browser benchmark sets it.
   */
  latencyMs?: number;
  /** Lifetime of presigned URLs from the download endpoint; default one hour. */
  presignTtlSeconds?: number;
  /** The key the embargoed dandiset accepts; default VALID_KEY. */
  validKey?: string;
  /** A valid key of a user who owns nothing; default OTHER_KEY. */
  otherKey?: string;
  /** Folder of the shared test files; default ../shared/testdata from the repository. */
  testdataDir?: string;
  /** NWB files served as dandiset IDS.sessions (with one non-NWB file), for the across-files view. */
  sessionFiles?: readonly string[];
}

export interface DandiStub {
  /** API base, e.g. http://127.0.0.1:40123/api */
  url: string;
  /** Object store origin (blobs and Zarr stores, presigned URLs). */
  bucketUrl: string;
  /** API requests in arrival order (preflights included). */
  requests: LoggedRequest[];
  /** Object store requests in arrival order. */
  bucketRequests: LoggedRequest[];
  validKey: string;
  setMode(mode: StubMode): void;
  setPresignTtl(seconds: number): void;
  /** Every presigned URL handed out so far answers 403 "Request has expired" from now on. */
  expirePresigned(): void;
  close(): Promise<void>;
}

/** 40 hex digits, the shape of a real DANDI API key; its user owns the embargoed dandiset. */
export const VALID_KEY = '0123456789abcdef0123456789abcdef01234567';
/** A valid key of another user, who owns no dandiset (embargoed ones answer 403). */
export const OTHER_KEY = 'fedcba9876543210fedcba9876543210fedcba98';
/** A key no user has: every endpoint answers 401 "Invalid token." (a stale or mistyped key). */
export const STALE_KEY = '0000000000000000000000000000000000000000';

const API_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept, Range',
  'Access-Control-Max-Age': '600',
};

const defaultTestdata = () =>
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared/testdata');

export async function startDandiStub(opts: DandiStubOptions = {}): Promise<DandiStub> {
  const archive = buildArchive(opts.testdataDir ?? defaultTestdata(), opts.sessionFiles);
  const presigner = createPresigner();
  let mode: StubMode = opts.mode ?? 'ok';
  let ttl = opts.presignTtlSeconds ?? 3600;
  const validKey = opts.validKey ?? VALID_KEY;

  const blobs = new Map<string, BlobEntry>();
  const zarrs = new Map<string, string>();
  for (const d of archive) {
    for (const v of [d.draft, ...d.published]) {
      for (const a of v.assets) {
        if (a.blobId) blobs.set(a.blobId, { file: a.file, embargoed: d.embargoed });
        if (a.zarrId) zarrs.set(a.zarrId, a.file);
      }
    }
  }
  const bucket = await startBlobServer({
    port: opts.bucketPort,
    blobs,
    zarrs,
    presigner,
    latencyMs: opts.latencyMs,
  });

  const requests: LoggedRequest[] = [];
  const urls = { api: '', bucket: bucket.origin };
  const api = createApi({
    archive,
    urls,
    presigner,
    validKey,
    otherKey: opts.otherKey ?? OTHER_KEY,
    presignTtlSeconds: () => ttl,
  });

  const handle: http.RequestListener = (req, res) => {
    const url = new URL(req.url ?? '/', urls.api || 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: { ...req.headers },
    });
    if (req.method === 'OPTIONS') {
      res.writeHead(204, API_CORS);
      res.end();
      return;
    }
    if (mode === 'reset') {
      req.socket.destroy();
      return;
    }
    const answer = () => {
      if (res.destroyed) return;
      if (mode === 'down') {
        res.writeHead(503, { ...API_CORS, 'Content-Type': 'text/html' });
        res.end('<h1>503 Service Unavailable</h1>');
        return;
      }
      if (!url.pathname.startsWith('/api/')) {
        res.writeHead(404, { ...API_CORS, 'Content-Type': 'application/json' });
        res.end('{"detail":"Not found."}');
        return;
      }
      const reply = api.handle(
        new URL(url.pathname + url.search, urls.api.replace(/\/api$/, '')),
        req,
      );
      const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
      res.writeHead(reply.status, {
        ...API_CORS,
        ...(body ? { 'Content-Type': 'application/json' } : {}),
        'Cache-Control': 'no-store',
        ...reply.headers,
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (mode === 'slow') setTimeout(answer, opts.slowMs ?? 30_000);
    else answer();
  };
  const server = http.createServer(afterLatency(opts.latencyMs, handle));

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  urls.api = `http://127.0.0.1:${port}/api`;

  return {
    url: urls.api,
    bucketUrl: bucket.origin,
    requests,
    bucketRequests: bucket.requests,
    validKey,
    setMode: (m) => {
      mode = m;
    },
    setPresignTtl: (s) => {
      ttl = s;
    },
    expirePresigned: () => presigner.revokeAll(),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bucket.close();
    },
  };
}

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const num = (name: string) => (argValue(args, name) ? Number(argValue(args, name)) : undefined);
  const stub = await startDandiStub({
    port: num('--port'),
    bucketPort: num('--bucket-port'),
    mode: argValue(args, '--mode') as StubMode | undefined,
    presignTtlSeconds: num('--presign-ttl'),
    testdataDir: argValue(args, '--testdata'),
  });
  console.log(`DANDI stand-in API: ${stub.url}`);
  console.log(`Object store:       ${stub.bucketUrl}`);
  console.log(`Embargoed ${IDS.embargoed} accepts key ${stub.validKey}`);
  console.log(
    `Dandisets: ${Object.entries(IDS)
      .map(([k, v]) => `${v} (${k})`)
      .join(', ')}`,
  );
  const stop = () => void stub.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
