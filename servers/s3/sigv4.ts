/**
 * AWS Signature Version 4 as S3 checks it, written from AWS's published description (the
 * "Authenticating Requests (AWS Signature Version 4)" pages of the S3 API reference), so the
 * stand-in verifies what the app's signing library produced instead of trusting it.
 */
import { createHash, createHmac } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/s3/aws4_request, SignedHeaders=..., Signature=...` */
export function parseAuthorization(header: string): ParsedAuthorization | null {
  const m =
    /^AWS4-HMAC-SHA256\s+Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request,\s*SignedHeaders=([^,]+),\s*Signature=([0-9a-f]{64})$/.exec(
      header.trim(),
    );
  if (!m) return null;
  const [, accessKeyId, date, region, service, signed, signature] = m;
  return { accessKeyId, date, region, service, signedHeaders: signed.split(';'), signature };
}

const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex');
const hmac = (key: Buffer | string, data: string) =>
  createHmac('sha256', key).update(data, 'utf8').digest();

/** RFC 3986 encoding as SigV4 wants it (unreserved characters kept, everything else %XX). */
function encodeRfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function canonicalQuery(search: URLSearchParams): string {
  return [...search]
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)])
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** S3 encodes each path segment once (other services encode twice). */
function canonicalPath(rawPath: string): string {
  return rawPath
    .split('/')
    .map((segment) => encodeRfc3986(decodeURIComponent(segment)))
    .join('/');
}

export function expectedSignature(input: {
  method: string;
  rawPath: string;
  search: URLSearchParams;
  headers: IncomingHttpHeaders;
  auth: ParsedAuthorization;
  secretAccessKey: string;
}): string {
  const { method, rawPath, search, headers, auth, secretAccessKey } = input;
  const headerValue = (name: string) => {
    const value = headers[name];
    return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim().replace(/\s+/g, ' ');
  };
  const canonicalHeaders = auth.signedHeaders.map((h) => `${h}:${headerValue(h)}\n`).join('');
  const payloadHash = headerValue('x-amz-content-sha256') || 'UNSIGNED-PAYLOAD';
  const canonicalRequest = [
    method,
    canonicalPath(rawPath),
    canonicalQuery(search),
    canonicalHeaders,
    auth.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${auth.date}/${auth.region}/${auth.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    headerValue('x-amz-date'),
    scope,
    sha256Hex(canonicalRequest),
  ].join('\n');
  let key = hmac(`AWS4${secretAccessKey}`, auth.date);
  key = hmac(key, auth.region);
  key = hmac(key, auth.service);
  key = hmac(key, 'aws4_request');
  return createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
}

/** `20260101T120000Z` -> milliseconds since the epoch, or NaN. */
export function parseAmzDate(text: string): number {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}
