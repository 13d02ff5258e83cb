/**
 * A static file server with single-range support, throttling and fault injection, for unit tests,
 * benchmarks and Playwright. It mimics the parts of S3 the byte layer depends on (206 +
 * Content-Range, 416, ETag, the DANDI bucket's CORS policy) and breaks them on demand through
 * `/_fault/<spec>/<path>` URLs (see faults.ts).
 *
 * CLI: npx tsx servers/range-server.ts --root DIR --port N [--latency-ms 50] [--mbps 100]
 *        [--coop-coep] [--cors [full|dandi-bucket|none]] [--mount /url=DIR] [--spa]
 */
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { open } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { parseFaultPath, type FaultSpec } from './faults';
import { parseRange } from './httpRange';
import { contentTypeOf, resolveFile } from './staticFiles';

export type CorsMode = 'dandi-bucket' | 'full' | 'none';

export interface RangeServerOptions {
  /** Directory served at '/'. */
  root?: string;
  /** Extra directories by URL prefix, e.g. { '/testdata': '/work/shared/testdata' }. */
  mounts?: Record<string, string>;
  /** 0 (default) picks a free port. */
  port?: number;
  /** Delay before every answer, like a network round trip. */
  latencyMs?: number;
  /** Body bandwidth cap per response in Mbit/s. */
  mbps?: number;
  /** Default 'full'. */
  cors?: CorsMode;
  /** Send COOP/COEP so a page served from here is crossOriginIsolated. */
  coopCoep?: boolean;
  /** Unknown extension-less paths serve root/index.html (a single-page app). */
  spaFallback?: boolean;
  /**
   * Cache-Control on file answers. Default 'no-store' so browser caching never hides requests. A
   * function picks one per URL path (the browser benchmark caches hashed app assets like a CDN).
   */
  cacheControl?: string | null | ((urlPath: string) => string | null);
}

export interface RequestLogEntry {
  method: string;
  /** URL path as requested, fault prefix included. */
  path: string;
  /** The query string ('' or '?…'), so tests can tell their own requests from late strays. */
  query: string;
  /** The Range header, or null. */
  range: string | null;
  status: number;
  /** Body bytes written for this request. */
  bytes: number;
  /** The socket was destroyed mid-body on purpose. */
  dropped?: boolean;
  /** Request headers, so tests can check which headers reached which server. */
  headers: Record<string, string | string[] | undefined>;
}

export interface RangeServerStats {
  /** Requests received (preflights included; see log for methods). */
  requests: number;
  /** Body bytes written to sockets. */
  bytes: number;
  /** Requests being answered now, and the most at once since the last reset. */
  active: number;
  maxConcurrent: number;
  log: RequestLogEntry[];
  reset(): void;
}

export interface RangeServer {
  url: string;
  port: number;
  close(): Promise<void>;
  stats: RangeServerStats;
}

interface PathCounters {
  requests: number;
  successes: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function corsHeaders(mode: CorsMode, req: IncomingMessage): Record<string, string> {
  if (mode === 'none') return {};
  const h: Record<string, string> = {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, HEAD',
  };
  if (mode === 'dandi-bucket') {
    // Like the DANDI S3 bucket: Range may be sent, only ETag is readable by the page.
    h['Access-Control-Allow-Headers'] = 'Range';
    h['Access-Control-Expose-Headers'] = 'ETag';
  } else {
    const asked = req.headers['access-control-request-headers'];
    h['Access-Control-Allow-Headers'] = typeof asked === 'string' && asked ? asked : 'Range';
    h['Access-Control-Expose-Headers'] =
      'Content-Range, Content-Length, ETag, Accept-Ranges, Last-Modified';
  }
  return h;
}

/** Writes one chunk; false when the client went away (no 'drain' would ever come). */
async function writeChunk(res: ServerResponse, chunk: Buffer): Promise<boolean> {
  if (res.destroyed) return false;
  if (res.write(chunk)) return true;
  return new Promise<boolean>((resolve) => {
    const done = (ok: boolean) => {
      res.off('drain', onDrain);
      res.off('close', onClose);
      resolve(ok);
    };
    const onDrain = () => done(true);
    const onClose = () => done(false);
    res.on('drain', onDrain);
    res.on('close', onClose);
  });
}

export async function startRangeServer(opts: RangeServerOptions = {}): Promise<RangeServer> {
  const mounts = opts.mounts ?? {};
  const counters = new Map<string, PathCounters>();
  const stats: RangeServerStats = {
    requests: 0,
    bytes: 0,
    active: 0,
    maxConcurrent: 0,
    log: [],
    reset() {
      stats.requests = 0;
      stats.bytes = 0;
      stats.maxConcurrent = stats.active;
      // Fault counters survive a reset: a test may reset between phases of one fault.
      stats.log = [];
    },
  };

  async function sendBody(
    res: ServerResponse,
    file: string,
    start: number,
    length: number,
    dropAt: number | null,
    entry: RequestLogEntry,
  ): Promise<boolean> {
    const bytesPerSec = opts.mbps ? (opts.mbps * 1e6) / 8 : 0;
    // Throttled bodies go out in ~20 ms slices so the rate is smooth at any speed.
    const chunkSize = bytesPerSec ? Math.max(1024, Math.floor(bytesPerSec / 50)) : 64 * 1024;
    const fh = await open(file, 'r');
    try {
      let sent = 0;
      while (sent < length) {
        let n = Math.min(chunkSize, length - sent);
        if (dropAt !== null) n = Math.min(n, dropAt - sent);
        if (n <= 0) break;
        const buf = Buffer.alloc(n);
        const { bytesRead } = await fh.read(buf, 0, n, start + sent);
        if (bytesRead === 0) break;
        const chunk = buf.subarray(0, bytesRead);
        const began = Date.now();
        if (!(await writeChunk(res, chunk))) return false;
        sent += bytesRead;
        stats.bytes += bytesRead;
        entry.bytes += bytesRead;
        if (bytesPerSec) {
          const wait = (bytesRead / bytesPerSec) * 1000 - (Date.now() - began);
          if (wait > 0) await sleep(wait);
        }
        if (dropAt !== null && sent >= dropAt) break;
      }
      if (dropAt !== null) {
        entry.dropped = true;
        res.socket?.destroy();
        return false;
      }
      return true;
    } finally {
      await fh.close();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const entry: RequestLogEntry = {
      method,
      path: url.pathname,
      query: url.search,
      range: req.headers.range ?? null,
      status: 0,
      bytes: 0,
      headers: req.headers,
    };
    stats.log.push(entry);

    let urlPath: string;
    let spec: FaultSpec = {};
    let counterKey: string;
    try {
      const faulted = parseFaultPath(url.pathname);
      urlPath = decodeURIComponent(faulted ? faulted.path : url.pathname);
      if (faulted) spec = faulted.spec;
      counterKey = url.pathname;
    } catch (e) {
      entry.status = 400;
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end(String(e));
      return;
    }
    const counter = counters.get(counterKey) ?? { requests: 0, successes: 0 };
    counters.set(counterKey, counter);

    const headers: Record<string, string> = {
      ...corsHeaders(spec.cors ?? opts.cors ?? 'full', req),
    };
    if (opts.coopCoep) {
      headers['Cross-Origin-Opener-Policy'] = 'same-origin';
      headers['Cross-Origin-Embedder-Policy'] = 'credentialless';
      headers['Cross-Origin-Resource-Policy'] = 'cross-origin';
    }

    if (method === 'OPTIONS') {
      entry.status = 204;
      res.writeHead(204, headers).end();
      return;
    }
    if (method !== 'GET' && method !== 'HEAD') {
      entry.status = 405;
      res.writeHead(405, { ...headers, Allow: 'GET, HEAD, OPTIONS' }).end();
      return;
    }

    const n = counter.requests++;
    const latency = (opts.latencyMs ?? 0) + (spec.latency ?? 0);
    if (latency > 0) await sleep(latency);

    if (spec.status !== undefined) {
      entry.status = spec.status;
      res.writeHead(spec.status, { ...headers, 'Content-Type': 'text/plain' });
      res.end(method === 'HEAD' ? undefined : `injected status ${spec.status}\n`);
      return;
    }
    if (spec.fail5xx !== undefined && n < spec.fail5xx) {
      entry.status = 503;
      if (spec.retryafter !== undefined) headers['Retry-After'] = String(spec.retryafter);
      res.writeHead(503, { ...headers, 'Content-Type': 'text/plain' });
      res.end(method === 'HEAD' ? undefined : 'injected 503\n');
      return;
    }

    let found = await resolveFile(urlPath, opts.root, mounts);
    if (!found && opts.spaFallback && opts.root && !path.extname(urlPath)) {
      found = await resolveFile('/index.html', opts.root, {});
    }
    if (!found) {
      entry.status = 404;
      res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
      res.end(method === 'HEAD' ? undefined : 'not found\n');
      return;
    }

    const size = Math.min(found.stats.size, spec.truncate ?? Infinity);
    const mtime = found.stats.mtimeMs;
    headers['ETag'] = `"${size.toString(16)}-${Math.floor(mtime * 1000).toString(16)}"`;
    headers['Last-Modified'] = new Date(mtime).toUTCString();
    headers['Content-Type'] = contentTypeOf(found.file);
    const cacheControl =
      typeof opts.cacheControl === 'function' ? opts.cacheControl(urlPath) : opts.cacheControl;
    if (cacheControl !== null) headers['Cache-Control'] = cacheControl ?? 'no-store';
    if (!spec.norange) headers['Accept-Ranges'] = 'bytes';

    const range = spec.norange ? { kind: 'none' as const } : parseRange(req.headers.range, size);
    if (range.kind === 'unsatisfiable') {
      entry.status = 416;
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` }).end();
      return;
    }
    const start = range.kind === 'range' ? range.start : 0;
    const length = range.kind === 'range' ? range.end - range.start + 1 : size;
    const status = range.kind === 'range' ? 206 : 200;
    if (range.kind === 'range') headers['Content-Range'] = `bytes ${start}-${range.end}/${size}`;
    if (!spec.nolength) headers['Content-Length'] = String(length);
    entry.status = status;
    res.writeHead(status, headers);
    if (method === 'HEAD') {
      res.end();
      return;
    }

    const drop =
      (spec.dropfirst !== undefined && n < spec.dropfirst) ||
      (spec.dropafter !== undefined && counter.successes >= spec.dropafter);
    // Half the body (at least one byte) reaches the client before the connection dies.
    const dropAt = drop ? Math.max(1, Math.floor(length / 2)) : null;
    if (drop && length <= 1) {
      entry.dropped = true;
      res.socket?.destroy();
      return;
    }
    const complete = await sendBody(res, found.file, start, length, dropAt, entry);
    if (complete) {
      counter.successes++;
      res.end();
    }
  }

  const server = http.createServer((req, res) => {
    stats.requests++;
    stats.active++;
    stats.maxConcurrent = Math.max(stats.maxConcurrent, stats.active);
    let counted = true;
    const finish = () => {
      if (counted) stats.active--;
      counted = false;
    };
    res.on('close', finish);
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(String(e));
    });
  });
  // Keep-alive sockets would hold close() open for their timeout.
  server.keepAliveTimeout = 1000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** Parses CLI arguments into options. Exported for its test. */
export function parseArgs(argv: string[]): RangeServerOptions {
  const opts: RangeServerOptions = { mounts: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--root':
        opts.root = path.resolve(next());
        break;
      case '--port':
        opts.port = Number(next());
        break;
      case '--latency-ms':
        opts.latencyMs = Number(next());
        break;
      case '--mbps':
        opts.mbps = Number(next());
        break;
      case '--coop-coep':
        opts.coopCoep = true;
        break;
      case '--spa':
        opts.spaFallback = true;
        break;
      case '--cors': {
        // A bare --cors means 'full'; a mode may follow.
        const v = argv[i + 1];
        if (v === 'full' || v === 'dandi-bucket' || v === 'none') {
          opts.cors = v;
          i++;
        } else {
          opts.cors = 'full';
        }
        break;
      }
      case '--mount': {
        const [prefix, dir] = next().split('=', 2);
        if (!prefix || !dir) throw new Error('--mount wants /prefix=DIR');
        opts.mounts![prefix] = path.resolve(dir);
        break;
      }
      default:
        throw new Error(`unknown argument: ${arg}`);
    }
  }
  // Without --cors the CLI serves no CORS headers, like a plain static server.
  opts.cors ??= 'none';
  return opts;
}

const isMain = process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href;
if (isMain) {
  const opts = parseArgs(process.argv.slice(2));
  startRangeServer(opts).then(
    (s) => console.log(`range server on ${s.url} (root ${opts.root ?? '-'}, cors ${opts.cors})`),
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
