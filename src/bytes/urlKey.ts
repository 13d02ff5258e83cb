/**
 * The identity key of a URL: the URL without parts that change between requests for the same
 * bytes (presigned signatures and expiry times), so a refreshed presigned URL hits the same cache.
 */

/** Query parameters of presigned URLs (AWS S3 v2/v4, Google Cloud Storage, CloudFront, Azure SAS). */
const VOLATILE = [
  /^x-amz-/i,
  /^x-goog-/i,
  /^(awsaccesskeyid|signature|expires|key-pair-id|policy)$/i,
  /^(sig|se|st|sp|sv|sr|skoid|sktid|skt|ske|sks|skv)$/,
];

export function identityKeyForUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url;
  }
  u.hash = '';
  const keep = [...u.searchParams].filter(([name]) => !VOLATILE.some((re) => re.test(name)));
  u.search = '';
  for (const [name, value] of keep) u.searchParams.append(name, value);
  return u.toString();
}
