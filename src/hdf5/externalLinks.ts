/** Where a path leads: whether it passes through an external link into another file. */
import type { File as H5File } from 'h5wasm';
import type { CleanMemo } from './cleanMemo';

/**
 * True when some prefix of `path` is an external link (the object then lives in another file).
 * With `memo`, each prefix's answer is asked of HDF5 once per file: whether a link is external
 * is written in the group that holds it, which does not change while the file is open. (One
 * exception, left as it is: a prefix below a soft link that leads into a linked file reads as
 * "not external" until that file is mounted, and the memo keeps the first answer.)
 */
export function crossesExternalLink(
  file: H5File,
  path: string,
  memo?: CleanMemo<boolean>,
): boolean {
  const parts = path.split('/').filter(Boolean);
  for (let depth = 1; depth <= parts.length; depth++) {
    const prefix = '/' + parts.slice(0, depth).join('/');
    const ask = () => isExternalLink(file, prefix);
    if (memo ? memo.get(prefix, ask) : ask()) return true;
  }
  return false;
}

function isExternalLink(file: H5File, path: string): boolean {
  const external = file.get_external_link(path) as { filename?: string } | null;
  return !!external?.filename;
}
