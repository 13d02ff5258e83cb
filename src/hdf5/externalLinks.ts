/** Where a path leads: whether it passes through an external link into another file. */
import type { File as H5File } from 'h5wasm';

/** True when some prefix of `path` is an external link (the object then lives in another file). */
export function crossesExternalLink(file: H5File, path: string): boolean {
  const parts = path.split('/').filter(Boolean);
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = '/' + parts.slice(0, depth).join('/');
    const external = file.get_external_link(prefix) as { filename?: string } | null;
    if (external?.filename) return true;
  }
  return false;
}
