/**
 * A small S3-compatible endpoint for tests: path-style `/<bucket>/<key>`, GET and HEAD with Range,
 * private buckets that check SigV4 signatures (sigv4.ts) and refuse as S3 does: unknown key
 * (403 InvalidAccessKeyId), wrong signature (403 SignatureDoesNotMatch), clock skew over 15 minutes
 * (403 RequestTimeTooSkewed), expired session token (400 ExpiredToken), a signature for the wrong
 * region (400 AuthorizationHeaderMalformed naming the bucket's region, with x-amz-bucket-region),
 * a requester-pays bucket without `x-amz-request-payer: requester` (403 AccessDenied).
 * CORS as a bucket rule allowing any origin and the headers a signed range read needs.
 */
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseRange } from '../httpRange';
import { resolveFile } from '../staticFiles';
import { expectedSignature, parseAmzDate, parseAuthorization } from './sigv4';

export interface S3Bucket {
  root: string;
  region: string;
  /** Anonymous reads allowed (a public bucket). */
  public?: boolean;
  requesterPays?: boolean;
}

export interface S3Key {
  secretAccessKey: string;
  /** Temporary credentials: the token that must come with them, and when it expires. */
  sessionToken?: string;
  expiresAt?: number;
}

export interface S3ServerOptions {
  buckets: Record<string, S3Bucket>;
  keys: Record<string, S3Key>;
  port?: number;
  /** The server's clock (tests move it to provoke skew). */
  now?: () => number;
}

export interface S3RequestLog {
  method: string;
  path: string;
  origin: string | null;
  authorization: string | null;
  status: number;
  code: string | null;
}

export interface S3Server {
  url: string;
  log: S3RequestLog[];
  close(): Promise<void>;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const EXPOSED =
  'Content-Range, Content-Length, ETag, Last-Modified, x-amz-bucket-region, x-amz-request-id';

export async function startS3Server(opts: S3ServerOptions): Promise<S3Server> {
  const log: S3RequestLog[] = [];
  const now = opts.now ?? Date.now;

  function cors(req: IncomingMessage, res: ServerResponse) {
    const origin = req.headers.origin;
    if (!origin) return;
    res.setHeader('Access-Control-Allow-Origin', origin);
    res.setHeader('Vary', 'Origin');
    res.setHeader('Access-Control-Expose-Headers', EXPOSED);
  }

  function fail(
    res: ServerResponse,
    entry: S3RequestLog,
    status: number,
    code: string,
    message: string,
    extra = '',
  ) {
    entry.status = status;
    entry.code = code;
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/xml');
    res.end(
      `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message>${extra}</Error>`,
    );
  }

  /** Null when the request may read the bucket; otherwise the refusal has been sent. */
  function authorize(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    bucket: S3Bucket,
    entry: S3RequestLog,
  ): boolean {
    const header = req.headers.authorization;
    if (!header) {
      if (bucket.public && !bucket.requesterPays) return true;
      fail(res, entry, 403, 'AccessDenied', 'Access Denied');
      return false;
    }
    const auth = parseAuthorization(header);
    if (!auth || auth.service !== 's3') {
      fail(
        res,
        entry,
        400,
        'AuthorizationHeaderMalformed',
        'The authorization header is malformed.',
      );
      return false;
    }
    const key = opts.keys[auth.accessKeyId];
    if (!key) {
      fail(
        res,
        entry,
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
      return false;
    }
    if (auth.region !== bucket.region) {
      res.setHeader('x-amz-bucket-region', bucket.region);
      fail(
        res,
        entry,
        400,
        'AuthorizationHeaderMalformed',
        `The authorization header is malformed; the region '${auth.region}' is wrong; expecting '${bucket.region}'`,
        `<Region>${bucket.region}</Region>`,
      );
      return false;
    }
    const signedAt = parseAmzDate(String(req.headers['x-amz-date'] ?? ''));
    if (!Number.isFinite(signedAt) || Math.abs(now() - signedAt) > MAX_SKEW_MS) {
      fail(
        res,
        entry,
        403,
        'RequestTimeTooSkewed',
        'The difference between the request time and the current time is too large.',
      );
      return false;
    }
    const expected = expectedSignature({
      method: req.method ?? 'GET',
      rawPath: url.pathname,
      search: url.searchParams,
      headers: req.headers,
      auth,
      secretAccessKey: key.secretAccessKey,
    });
    if (expected !== auth.signature || !auth.signedHeaders.includes('host')) {
      fail(
        res,
        entry,
        403,
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      );
      return false;
    }
    if (key.sessionToken !== undefined) {
      if (
        req.headers['x-amz-security-token'] !== key.sessionToken ||
        !auth.signedHeaders.includes('x-amz-security-token')
      ) {
        fail(
          res,
          entry,
          403,
          'InvalidToken',
          'The provided token is malformed or otherwise invalid.',
        );
        return false;
      }
      if (key.expiresAt !== undefined && now() > key.expiresAt) {
        fail(res, entry, 400, 'ExpiredToken', 'The provided token has expired.');
        return false;
      }
    }
    if (bucket.requesterPays && req.headers['x-amz-request-payer'] !== 'requester') {
      fail(res, entry, 403, 'AccessDenied', 'Access Denied (this bucket is requester pays)');
      return false;
    }
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const entry: S3RequestLog = {
      method: req.method ?? 'GET',
      path: url.pathname,
      origin: req.headers.origin ?? null,
      authorization: req.headers.authorization ?? null,
      status: 0,
      code: null,
    };
    log.push(entry);
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD');
      res.setHeader(
        'Access-Control-Allow-Headers',
        String(req.headers['access-control-request-headers'] ?? '*'),
      );
      res.setHeader('Access-Control-Max-Age', '600');
      entry.status = 204;
      res.statusCode = 204;
      return res.end();
    }
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return fail(res, entry, 405, 'MethodNotAllowed', 'Only GET and HEAD.');
    const [, bucketName, ...rest] = url.pathname.split('/');
    const bucket = opts.buckets[decodeURIComponent(bucketName ?? '')];
    if (!bucket)
      return fail(res, entry, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!authorize(req, res, url, bucket, entry)) return;
    const key = rest.map(decodeURIComponent).join('/');
    const found = await resolveFile('/' + key, bucket.root, {});
    if (!found) return fail(res, entry, 404, 'NoSuchKey', 'The specified key does not exist.');
    const size = found.stats.size;
    const range = parseRange(req.headers.range, size);
    res.setHeader('Accept-Ranges', 'bytes');
    res.setHeader('ETag', `"${size.toString(16)}-${Math.floor(found.stats.mtimeMs).toString(16)}"`);
    res.setHeader('Last-Modified', found.stats.mtime.toUTCString());
    if (range.kind === 'unsatisfiable')
      return fail(res, entry, 416, 'InvalidRange', 'The requested range is not satisfiable');
    const [start, end] = range.kind === 'range' ? [range.start, range.end] : [0, size - 1];
    entry.status = range.kind === 'range' ? 206 : 200;
    res.statusCode = entry.status;
    if (range.kind === 'range') res.setHeader('Content-Range', `bytes ${start}-${end}/${size}`);
    res.setHeader('Content-Length', String(Math.max(0, end - start + 1)));
    if (req.method === 'HEAD' || size === 0) return res.end();
    createReadStream(found.file, { start, end }).pipe(res);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
