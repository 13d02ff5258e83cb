/**
 * The file the page's explorer shows now, under the key its blocks are kept by: what a picture of
 * the view is kept with (keepViewSnapshot.ts). A link does not always name it: a DANDI asset's
 * link names the asset, and its bytes are read (and kept) from the address the archive gives.
 * App sets it while a file is open.
 */
import { identityKeyForUrl } from '../bytes/urlKey';
import type { SourceDescriptor } from '../links/sourceDescriptor';

let shown: string | null = null;

/** Notes the source whose view is on the page now, or none. */
export function noteShownFile(source: SourceDescriptor | null): void {
  shown = source ? pictureFileKey(source) : null;
}

/** The key of the file on the page, if it is one a picture may be kept for. */
export function shownFileKey(): string | null {
  return shown;
}

/**
 * A file read over HTTP(S) without credentials, by the key its kept blocks and identity are found
 * under (urlKey.ts): index.html reads that identity before the app runs. A file read with a token
 * or keys is private: no picture of its view is kept outside the block cache.
 */
export function pictureFileKey(source: SourceDescriptor): string | null {
  if (source.kind !== 'url' || source.headers || source.s3) return null;
  try {
    if (!/^https?:$/.test(new URL(source.url).protocol)) return null;
  } catch {
    return null;
  }
  return identityKeyForUrl(source.url);
}
