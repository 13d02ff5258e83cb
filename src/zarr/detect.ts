/**
 * Tells a Zarr store and a LINDI file apart from HDF5 by content. Names only order the attempts
 * (so an HDF5 file costs no extra request): `openAuto` tries, for a URL, the Zarr metadata keys
 * and then the LINDI JSON; for a local file, the JSON; for a folder, its root metadata files.
 */
import type { OpenSource } from '../bytes/ByteSource';

export type DetectedFormat = 'hdf5' | 'zarr' | 'lindi';

/** The format to try first, from the name alone (never the last word: content decides). */
export function likelyFormat(source: OpenSource): DetectedFormat {
  if (source.kind === 'folder') return 'zarr';
  if (source.kind === 'family') return 'hdf5';
  const name = source.kind === 'url' ? urlPath(source.url) : (source.file.name ?? '');
  if (/\.json$/i.test(name)) return 'lindi';
  if (/\.zarr\/?$/i.test(name) || (source.kind === 'url' && name.endsWith('/'))) return 'zarr';
  return 'hdf5';
}

/** True when a dropped folder's root holds Zarr metadata. */
export function folderIsZarr(files: { path: string }[]): boolean {
  return files.some((f) => ['.zgroup', '.zmetadata', 'zarr.json'].includes(f.path));
}

/** The first bytes of a LINDI file: a JSON object (it starts with "{" after blanks). */
export function looksLikeJson(head: Uint8Array): boolean {
  for (const byte of head) {
    if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
    return byte === 0x7b;
  }
  return false;
}

function urlPath(url: string): string {
  try {
    return new URL(url, 'http://localhost/').pathname;
  } catch {
    return url;
  }
}
