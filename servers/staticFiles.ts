/** Maps a URL path to a file under the root or a mount, refusing anything outside them. */
import { stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';

export interface ResolvedFile {
  file: string;
  stats: Stats;
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  // application/wasm lets the browser compile the module while it streams.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The directory and path relative to it that serve `urlPath`: the longest matching mount wins. */
function locate(
  urlPath: string,
  root: string | undefined,
  mounts: Record<string, string>,
): { dir: string; rel: string } | null {
  let best: { prefix: string; dir: string } | null = null;
  for (const [prefix, dir] of Object.entries(mounts)) {
    const p = prefix.replace(/\/+$/, '');
    if (
      (urlPath === p || urlPath.startsWith(p + '/')) &&
      (!best || p.length > best.prefix.length)
    ) {
      best = { prefix: p, dir };
    }
  }
  if (best) return { dir: best.dir, rel: urlPath.slice(best.prefix.length) };
  return root ? { dir: root, rel: urlPath } : null;
}

async function statFile(file: string): Promise<Stats | null> {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/** Resolves a decoded URL path; a directory serves its index.html. Null when nothing is there. */
export async function resolveFile(
  urlPath: string,
  root: string | undefined,
  mounts: Record<string, string>,
): Promise<ResolvedFile | null> {
  const loc = locate(urlPath, root, mounts);
  if (!loc) return null;
  const base = path.resolve(loc.dir);
  const file = path.resolve(base, '.' + path.posix.normalize('/' + loc.rel));
  // normalize() above already removes '..', this guards against anything it missed.
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  let stats = await statFile(file);
  if (stats?.isDirectory()) {
    const index = path.join(file, 'index.html');
    stats = await statFile(index);
    return stats?.isFile() ? { file: index, stats } : null;
  }
  return stats?.isFile() ? { file, stats } : null;
}
