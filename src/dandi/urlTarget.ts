/**
 * A URL given to open as a file that is in fact a DANDI asset: an API download or asset URL (as
 * neurosift writes them: `?url=<api>/assets/<id>/download/`), or an S3 blob of an archive's
 * bucket. Read as a plain URL these fail on the real archive: the download endpoint redirects to
 * a presigned S3 URL signed for GET (a HEAD on it is refused), and the bucket exposes only `ETag`
 * to pages (not `Content-Range`, and `Content-Length` is the length of the part), so the byte
 * layer could never learn the size. They are resolved here instead: an asset through its
 * metadata (one request: `contentSize`, the S3 URL, whether it is embargoed), a blob through a
 * HEAD on its unsigned URL (allowed to pages, and there `Content-Length` is the whole object's).
 */
import type { SourceDescriptor } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { DEFAULT_TIMEOUT_MS, fetchWithTimeout } from './http';
import { parseDandiInput } from './parseInput';

export type DandiUrlTarget =
  | { kind: 'asset'; assetId: string; apiBase: string; dandiset?: string; version?: string }
  | { kind: 'blob'; blobId: string; url: string };

/** The DANDI asset a URL names, or null for any other URL (Zarr store URLs open as they are). */
export function dandiUrlTarget(url: string): DandiUrlTarget | null {
  let target;
  try {
    target = /^https?:\/\//i.test(url.trim()) ? parseDandiInput(url) : null;
  } catch {
    return null;
  }
  if (target?.kind === 'asset' && target.apiBase) {
    return {
      kind: 'asset',
      assetId: target.assetId,
      apiBase: target.apiBase,
      ...(target.dandiset ? { dandiset: target.dandiset } : {}),
      ...(target.version ? { version: target.version } : {}),
    };
  }
  if (target?.kind === 'blob') return target;
  return null;
}

/**
 * A public blob's size from a HEAD on its unsigned URL. An embargoed blob is denied to everyone
 * but the API (403): it can be opened only from its dandiset, with a key.
 */
export async function resolveBlobUrl(
  url: string,
  options: { signal?: AbortSignal; fetchImpl?: typeof fetch; timeoutMs?: number } = {},
): Promise<SourceDescriptor> {
  const ctx = {
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetchImpl: options.fetchImpl ?? ((input, init) => fetch(input, init)),
  } satisfies { timeoutMs: number; fetchImpl: typeof fetch };
  const response = await fetchWithTimeout(url, { method: 'HEAD' }, ctx, options.signal);
  if (response.status === 403) {
    throw new ExplorerError(
      'forbidden',
      'This object of the DANDI bucket is not public: it belongs to an embargoed dandiset. Open it from its dandiset page with your API key.',
    );
  }
  if (response.status === 404) {
    throw new ExplorerError('not-found', 'The DANDI bucket has no such object.');
  }
  const size = Number(response.headers.get('content-length') ?? NaN);
  if (!response.ok || !Number.isSafeInteger(size)) {
    throw new ExplorerError(
      'server',
      `The DANDI bucket answered ${response.status} without the object's size.`,
    );
  }
  return { kind: 'url', url, size };
}
