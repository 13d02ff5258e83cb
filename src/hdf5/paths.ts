/** Small helpers for HDF5 paths and the names files get inside Emscripten's FS. */

export function joinPath(parent: string, name: string): string {
  return parent === '/' ? `/${name}` : `${parent}/${name}`;
}

/** A file name safe to use as one Emscripten FS path segment. */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() || 'file';
  return base.replace(/[^A-Za-z0-9._+-]/g, '_').slice(0, 200) || 'file';
}
