/**
 * The tree as rows: what is expanded and loaded, flattened into the visible list the pane renders
 * and the keyboard walks. Pure functions, so the shape of the tree is testable without React.
 */
import type { ChildEntry } from '../../reader/contract';

/** Children shown per group before a "show more" row. */
export const PAGE_SIZE = 500;

export type Listing =
  | { status: 'loading' }
  | { status: 'loaded'; children: ChildEntry[] }
  | { status: 'error'; error: unknown };

export interface TreeSnapshot {
  listings: ReadonlyMap<string, Listing>;
  expanded: ReadonlySet<string>;
  /** Children shown per group (defaults to PAGE_SIZE). */
  shown: ReadonlyMap<string, number>;
}

export type TreeRow =
  | {
      type: 'node';
      id: string;
      entry: ChildEntry;
      level: number;
      expandable: boolean;
      expanded: boolean;
      loading: boolean;
      posinset: number;
      setsize: number;
      parentPath: string | null;
    }
  | { type: 'more'; id: string; parentPath: string; level: number; remaining: number }
  | { type: 'error'; id: string; parentPath: string; level: number; error: unknown }
  | { type: 'empty'; id: string; parentPath: string; level: number };

/** Groups can be expanded, and so can links that were followed to a group. */
export function isExpandable(entry: ChildEntry): boolean {
  if (entry.kind === 'group') return true;
  if (entry.kind === 'soft-link' || entry.kind === 'external-link') {
    return entry.link?.resolved === true && entry.link.targetKind === 'group';
  }
  return false;
}

/** DOM id of a row: paths may hold any character, so they are encoded. */
export function rowId(kind: TreeRow['type'], path: string): string {
  return `tree-${kind}-${encodeURIComponent(path)}`;
}

/** "/a/b/c" -> ["/", "/a", "/a/b"]: the groups to expand to show "/a/b/c". */
export function ancestorsOf(path: string): string[] {
  if (path === '/' || path === '') return [];
  const parts = path.split('/').filter(Boolean);
  const out = ['/'];
  for (let i = 1; i < parts.length; i++) out.push('/' + parts.slice(0, i).join('/'));
  return out;
}

export function parentOf(path: string): string | null {
  if (path === '/') return null;
  const ancestors = ancestorsOf(path);
  return ancestors[ancestors.length - 1] ?? '/';
}

export function flattenTree(root: ChildEntry, snapshot: TreeSnapshot): TreeRow[] {
  const rows: TreeRow[] = [];
  const visit = (
    entry: ChildEntry,
    level: number,
    posinset: number,
    setsize: number,
    parentPath: string | null,
  ) => {
    const expandable = isExpandable(entry);
    const expanded = expandable && snapshot.expanded.has(entry.path);
    const listing = snapshot.listings.get(entry.path);
    rows.push({
      type: 'node',
      id: rowId('node', entry.path),
      entry,
      level,
      expandable,
      expanded,
      loading: listing?.status === 'loading',
      posinset,
      setsize,
      parentPath,
    });
    if (!expanded || !listing) return;
    if (listing.status === 'error') {
      rows.push({
        type: 'error',
        id: rowId('error', entry.path),
        parentPath: entry.path,
        level: level + 1,
        error: listing.error,
      });
      return;
    }
    if (listing.status !== 'loaded') return;
    const { children } = listing;
    if (children.length === 0) {
      rows.push({
        type: 'empty',
        id: rowId('empty', entry.path),
        parentPath: entry.path,
        level: level + 1,
      });
      return;
    }
    const shown = Math.min(children.length, snapshot.shown.get(entry.path) ?? PAGE_SIZE);
    for (let i = 0; i < shown; i++)
      visit(children[i], level + 1, i + 1, children.length, entry.path);
    if (shown < children.length) {
      rows.push({
        type: 'more',
        id: rowId('more', entry.path),
        parentPath: entry.path,
        level: level + 1,
        remaining: children.length - shown,
      });
    }
  };
  visit(root, 1, 1, 1, null);
  return rows;
}
