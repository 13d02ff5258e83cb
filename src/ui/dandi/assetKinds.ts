/** Which listed files the explorer can open: HDF5 files (NWB or not) and, soon, Zarr stores. */

export type AssetKind = 'hdf5' | 'zarr' | 'other';

export function assetKind(path: string): AssetKind {
  if (/\.(zarr|ngff)\/?$/i.test(path)) return 'zarr';
  if (/\.(nwb|h5|hdf5|hdf|nwb\.h5)$/i.test(path)) return 'hdf5';
  return 'other';
}

/** The last path segment. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** Folder prefixes are "" (top) or "a/b/": no leading slash, one trailing slash. */
export function normalizeFolder(folder: string | undefined): string {
  const f = (folder ?? '').replace(/^\/+/, '').replace(/\/+$/, '');
  return f ? `${f}/` : '';
}
