/**
 * What the user typed in the URL field, turned into a URL the browser can fetch.
 * s3://bucket/key means the bucket's public virtual-hosted endpoint (what the AWS CLI means too).
 */

/**
 * `endpoint` names an S3-compatible service (MinIO, Ceph, a university store): buckets are then
 * addressed by path, `<endpoint>/<bucket>/<key>`, as such services expect.
 */
export function s3ToHttps(s3Url: string, endpoint?: string): string | null {
  const match = /^s3:\/\/([^/]+)\/(.+)$/i.exec(s3Url.trim());
  if (!match) return null;
  const [, bucket, key] = match;
  // Keys keep their slashes; every segment is encoded so spaces and '+' survive.
  const encodedKey = key
    .split('/')
    .map((segment) => encodeURIComponent(decodeURIComponentSafe(segment)))
    .join('/');
  if (endpoint)
    return `${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(bucket)}/${encodedKey}`;
  return `https://${bucket}.s3.amazonaws.com/${encodedKey}`;
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

export type ResolvedUrl = { ok: true; url: string } | { ok: false; message: string };

/** Accepts https, http (for local servers), s3:// and same-origin paths starting with '/'. */
export function resolveFileUrl(input: string, options?: { s3Endpoint?: string }): ResolvedUrl {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Enter a URL.' };
  if (/^s3:\/\//i.test(text)) {
    const url = s3ToHttps(text, options?.s3Endpoint);
    return url
      ? { ok: true, url }
      : { ok: false, message: 'An s3:// address needs a bucket and a key: s3://bucket/key.' };
  }
  if (text.startsWith('/')) return { ok: true, url: text };
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return {
        ok: false,
        message: `Unsupported address type "${url.protocol}"; use https:// or s3://.`,
      };
    }
    return { ok: true, url: url.href };
  } catch {
    return { ok: false, message: 'That is not a valid URL; use https://… or s3://bucket/key.' };
  }
}

/** The last path segment of a URL, for display: the app's one URL-to-name helper. */
export { urlFileName as urlDisplayName } from '../common/urlFileName';
