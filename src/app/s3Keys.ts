/**
 * S3 keys the user gave, one set per endpoint origin. Like DANDI keys (the same store, under its
 * own storage prefix): in memory for the tab, in localStorage only when "remember" is ticked.
 * They travel inside the open request to the worker, which signs requests to that origin only.
 */
import type { S3Credentials } from '../bytes/s3/signedS3Fetch';
import { createApiKeyStore } from '../dandi/apiKeyStore';

const store = createApiKeyStore(undefined, 'nwb-explorer:s3-keys:');

export function saveS3Keys(origin: string, keys: S3Credentials, remember: boolean): void {
  store.set(origin, JSON.stringify(keys), remember);
}

export function s3KeysFor(url: string): S3Credentials | undefined {
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return undefined;
  }
  const text = store.get(origin);
  if (!text) return undefined;
  try {
    const keys = JSON.parse(text) as S3Credentials;
    return keys.accessKeyId && keys.secretAccessKey ? keys : undefined;
  } catch {
    return undefined;
  }
}
