/**
 * The stand-in's object store: serves blobs at `/blobs/{b[0:3]}/{b[3:6]}/{blob}` and Zarr stores
 * at `/zarr/{zarr}/{key}` with the DANDI bucket's CORS policy (any origin, GET/HEAD, the Range
 * header allowed, only ETag exposed). Embargoed blobs answer only to valid presigned URLs; an
 * expired one gets S3's 403.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseRange } from '../httpRange';
import type { Presigner } from './presign';
import type { LoggedRequest } from './log';

export interface BlobEntry {
  file: string;
  embargoed: boolean;
}

export interface BlobServer {
  origin: string;
  requests: LoggedRequest[];
  close(): Promise<void>;
}

const BUCKET_CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD',
  'Access-Control-Expose-Headers': 'ETag',
  'Access-Control-Max-Age': '3000',
};

const etags = new Map<string, string>();
/** S3 ETags of single-part uploads are the MD5 of the body. */
function etagOf(file: string): string {
  let etag = etags.get(file);
  if (!etag) {
    etag = `"${createHash('md5').update(readFileSync(file)).digest('hex')}"`;
    etags.set(file, etag);
  }
  return etag;
}

function s3Error(res: ServerResponse, status: number, code: string, message: string) {
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  res.writeHead(status, { ...BUCKET_CORS, 'Content-Type': 'application/xml' });
  res.end(body);
}

/** Allowed request headers on preflight: only Range, like the real bucket (so a stray Authorization fails). */
function preflight(req: IncomingMessage, res: ServerResponse) {
  const asked = String(req.headers['access-control-request-headers'] ?? '')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  const allowed = asked.every((h) => h === 'range');
  res.writeHead(allowed ? 204 : 403, {
    ...BUCKET_CORS,
    ...(asked.length && allowed ? { 'Access-Control-Allow-Headers': asked.join(', ') } : {}),
  });
  res.end();
}

function sendFile(req: IncomingMessage, res: ServerResponse, file: string) {
  const size = statSync(file).size;
  const range = parseRange(req.headers.range, size);
  const common = {
    ...BUCKET_CORS,
    'Accept-Ranges': 'bytes',
    ETag: etagOf(file),
    'Content-Type': 'application/octet-stream',
    'Cache-Control': 'no-store',
  };
  if (range.kind === 'unsatisfiable') {
    res.writeHead(416, { ...common, 'Content-Range': `bytes */${size}` });
    res.end();
    return;
  }
  const [start, end] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1];
  const headers = {
    ...common,
    'Content-Length': String(Math.max(0, end - start + 1)),
    ...(range.kind === 'range' ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  };
  res.writeHead(range.kind === 'range' ? 206 : 200, headers);
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  createReadStream(file, { start, end }).pipe(res);
}

export async function startBlobServer(opts: {
  port?: number;
  blobs: Map<string, BlobEntry>;
  zarrs: Map<string, string>;
  presigner: Presigner;
}): Promise<BlobServer> {
  const requests: LoggedRequest[] = [];

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({
      method: req.method ?? 'GET',
      path: url.pathname + url.search,
      headers: { ...req.headers },
    });
    if (req.method === 'OPTIONS') return preflight(req, res);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return s3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed.');
    }
    // S3 refuses a presigned URL that also carries an Authorization header.
    if (req.headers.authorization && url.searchParams.has('X-Amz-Signature')) {
      return s3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed.');
    }

    const blob = /^\/blobs\/([0-9a-f]{3})\/([0-9a-f]{3})\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (blob) {
      const entry = opts.blobs.get(blob[3]);
      if (!entry || !blob[3].startsWith(blob[1] + blob[2])) {
        return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const signed = url.searchParams.has('X-Amz-Signature');
      if (entry.embargoed || signed) {
        const verdict = opts.presigner.check(url.pathname, url.searchParams);
        if (verdict === 'expired') return s3Error(res, 403, 'AccessDenied', 'Request has expired');
        if (verdict !== 'ok') return s3Error(res, 403, 'AccessDenied', 'Access Denied');
      }
      return sendFile(req, res, entry.file);
    }

    const zarr = /^\/zarr\/([0-9a-f-]{36})\/(.*)$/.exec(url.pathname);
    if (zarr) {
      const dir = opts.zarrs.get(zarr[1]);
      const key = decodeURIComponent(zarr[2]);
      const file = dir ? path.resolve(dir, key) : null;
      if (!dir || !file || !file.startsWith(dir + path.sep) || !isFile(file)) {
        return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      return sendFile(req, res, file);
    }
    return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
  });

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function isFile(p: string): boolean {
  try {
    return statSync(p).isFile();
  } catch {
    return false;
  }
}
