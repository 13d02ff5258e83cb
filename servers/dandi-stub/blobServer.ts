/**
 * The stand-in's object store: serves blobs at `/blobs/{b[0:3]}/{b[3:6]}/{blob}` and Zarr stores
 * at `/zarr/{zarr}/{key}` as the DANDI bucket does. Its CORS rule (dandi/dandi-infrastructure at
 * 5d9b9bdb, terraform/modules/dandiset_bucket/main.tf:36-58): any origin, GET and HEAD (among
 * write methods), any request header, and only `ETag` exposed. So a page cannot read
 * `Content-Range`; `Content-Length` is readable (a CORS-safelisted response header) but on a
 * 206 it is the length of the part, not of the file. Embargoed objects are tagged and denied to
 * everyone but the API (main.tf:161-186): they answer only to presigned URLs, which are signed
 * for GET, so a HEAD on one is refused (403) like S3 refuses a request whose method is not the
 * one signed.
 */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { parseRange } from '../httpRange';
import type { Presigner } from './presign';
import { afterLatency } from './latency';
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
  'Access-Control-Allow-Methods': 'PUT, POST, GET, HEAD, DELETE',
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

/** main.tf:50-52 allows every request header (S3 echoes the ones asked for). */
function preflight(req: IncomingMessage, res: ServerResponse) {
  const asked = String(req.headers['access-control-request-headers'] ?? '').trim();
  res.writeHead(204, {
    ...BUCKET_CORS,
    ...(asked ? { 'Access-Control-Allow-Headers': asked } : {}),
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
  /** Every request is answered this much later (a network's round trip). */
  latencyMs?: number | undefined;
}): Promise<BlobServer> {
  const requests: LoggedRequest[] = [];

  const handle: http.RequestListener = (req, res) => {
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
    // S3 reads Authorization as an AWS signature: a DANDI token there is refused, and so is a
    // presigned URL that also carries the header. Either way the key must never come here.
    if (req.headers.authorization) {
      return url.searchParams.has('X-Amz-Signature')
        ? s3Error(res, 400, 'InvalidArgument', 'Only one auth mechanism allowed.')
        : s3Error(res, 400, 'InvalidArgument', 'Unsupported Authorization Type');
    }

    const blob = /^\/blobs\/([0-9a-f]{3})\/([0-9a-f]{3})\/([0-9a-f-]{36})$/.exec(url.pathname);
    if (blob) {
      const entry = opts.blobs.get(blob[3]);
      if (!entry || !blob[3].startsWith(blob[1] + blob[2])) {
        return s3Error(res, 404, 'NoSuchKey', 'The specified key does not exist.');
      }
      const signed = url.searchParams.has('X-Amz-Signature');
      if (entry.embargoed || signed) {
        // The signature covers the method: a URL signed for GET is not valid for HEAD.
        if (signed && req.method !== 'GET') {
          return s3Error(
            res,
            403,
            'SignatureDoesNotMatch',
            'The request signature we calculated does not match the signature you provided.',
          );
        }
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
  };
  const server = http.createServer(afterLatency(opts.latencyMs, handle));

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
