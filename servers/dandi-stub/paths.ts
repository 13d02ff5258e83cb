/**
 * The `assets/paths` view of a version: for every folder prefix ("" or "a/b/"), its direct
 * children with aggregate counts and sizes, sorted by path. Built once per version on first use.
 */
import type { StubAsset } from './fixtures';

export interface PathEntry {
  path: string;
  files: number;
  size: number;
  asset: StubAsset | null;
}

export type PathIndex = Map<string, PathEntry[]>;

export function buildPathIndex(assets: readonly StubAsset[]): PathIndex {
  const children = new Map<string, Map<string, PathEntry>>();
  children.set('', new Map());
  for (const a of assets) {
    const parts = a.path.split('/');
    let prefix = '';
    for (let i = 0; i < parts.length; i++) {
      const isLeaf = i === parts.length - 1;
      const full = prefix + parts[i];
      let level = children.get(prefix);
      if (!level) children.set(prefix, (level = new Map()));
      let entry = level.get(full);
      if (!entry)
        level.set(full, (entry = { path: full, files: 0, size: 0, asset: isLeaf ? a : null }));
      entry.files += 1;
      entry.size += a.size;
      prefix = full + '/';
    }
  }
  const index: PathIndex = new Map();
  for (const [prefix, level] of children) {
    index.set(
      prefix,
      [...level.values()].sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0)),
    );
  }
  return index;
}
