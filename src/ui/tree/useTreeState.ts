/**
 * The tree's state for one open file: which groups are expanded, their listings (read once, when
 * first expanded, through the panes' shared read cache), how many children each shows, and which
 * row has keyboard focus. Each level is listed only when expanded; a failed listing is kept as an
 * error on that node alone. Listings still in flight are aborted when the tree leaves.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { mark } from '../../perf/marks';
import type { ChildEntry, DataReader } from '../../reader/contract';
import { useReader } from '../data/ReaderContext';
import { childrenKey, childrenKnownNow, listChildrenWithTypes } from '../data/readerQueries';
import { useReaderFetch } from '../data/useReaderQuery';
import { ancestorsOf, flattenTree, PAGE_SIZE, type Listing, type TreeRow } from './treeModel';

export interface TreeState {
  rows: TreeRow[];
  focusedId: string | null;
  setFocusedId(id: string): void;
  toggle(path: string): void;
  expand(path: string): void;
  collapse(path: string): void;
  retry(path: string): void;
  showMore(path: string): void;
}

/**
 * The levels down to `selectedPath` whose listings the reader knows at once (a return visit's kept
 * answers), listed and expanded as revealing the path would leave them: the first render shows
 * the tree, not a loading row and a second render a turn later.
 */
function knownAtStart(reader: DataReader, selectedPath: string) {
  const listings = new Map<string, Listing>();
  const expanded = new Set(['/']);
  const chain = selectedPath === '/' ? ['/'] : ancestorsOf(selectedPath);
  for (const path of chain) {
    const children = childrenKnownNow(reader, path);
    if (!children) break;
    if (path === '/') {
      mark('root-asked');
      mark('root-listed');
    }
    listings.set(path, { status: 'loaded', children });
    expanded.add(path);
  }
  return { listings, expanded };
}

export function useTreeState(rootName: string, selectedPath: string): TreeState {
  const fetchQuery = useReaderFetch();
  const reader = useReader();
  const [start] = useState(() => knownAtStart(reader, selectedPath));
  const [listings, setListings] = useState<ReadonlyMap<string, Listing>>(start.listings);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(start.expanded);
  const [shown, setShown] = useState<ReadonlyMap<string, number>>(() => new Map());
  const [focusedId, setFocusedId] = useState<string | null>(null);
  // One listing request per path; dropped on failure so Retry asks again. A result that comes
  // back for a request no longer here (the tree left, or Retry asked again) is dropped.
  const pending = useRef(new Map<string, Promise<ChildEntry[] | null>>());

  useEffect(() => {
    const requests = pending.current;
    return () => requests.clear();
  }, []);

  const load = useCallback(
    (path: string): Promise<ChildEntry[] | null> => {
      const existing = pending.current.get(path);
      if (existing) return existing;
      // Known at once: no loading frame (and the listing shown from the start stays as it is).
      const known = childrenKnownNow(reader, path);
      if (known) {
        const promise = Promise.resolve(known);
        pending.current.set(path, promise);
        setListings((old) =>
          old.get(path)?.status === 'loaded'
            ? old
            : new Map(old).set(path, { status: 'loaded', children: known }),
        );
        return promise;
      }
      const setListing = (listing: Listing) => {
        if (pending.current.get(path) === promise)
          setListings((old) => new Map(old).set(path, listing));
      };
      const promise: Promise<ChildEntry[] | null> = fetchQuery(
        childrenKey(path),
        listChildrenWithTypes(path),
      ).then(
        (children) => {
          if (path === '/') mark('root-listed');
          setListing({ status: 'loaded', children });
          return children;
        },
        (error: unknown) => {
          setListing({ status: 'error', error });
          if (pending.current.get(path) === promise) pending.current.delete(path);
          return null;
        },
      );
      pending.current.set(path, promise);
      if (path === '/') mark('root-asked');
      setListing({ status: 'loading' });
      return promise;
    },
    [fetchQuery, reader],
  );

  const expand = useCallback(
    (path: string) => {
      setExpanded((old) => (old.has(path) ? old : new Set(old).add(path)));
      void load(path);
    },
    [load],
  );

  const collapse = useCallback((path: string) => {
    setExpanded((old) => {
      if (!old.has(path)) return old;
      const next = new Set(old);
      next.delete(path);
      return next;
    });
  }, []);

  const toggle = useCallback(
    (path: string) => (expanded.has(path) ? collapse(path) : expand(path)),
    [expanded, expand, collapse],
  );

  const retry = useCallback(
    (path: string) => {
      pending.current.delete(path);
      expand(path);
    },
    [expand],
  );

  const showMore = useCallback((path: string) => {
    setShown((old) => new Map(old).set(path, (old.get(path) ?? PAGE_SIZE) + PAGE_SIZE));
  }, []);

  // Reveal the selected path: expand its ancestors one level at a time (each needs the listing
  // of the one above), and page far enough that the selected child is shown. A layout effect:
  // it runs before every pane's (passive) effects, so the root listing is the reading worker's
  // first call for a newly open file, not queued behind the header's and the info pane's reads.
  useLayoutEffect(() => {
    let stale = false;
    // The root is always listed, even when it is itself the selection (it has no ancestors).
    const chain = selectedPath === '/' ? ['/'] : ancestorsOf(selectedPath);
    void (async () => {
      for (const ancestor of chain) {
        if (stale) return;
        setExpanded((old) => (old.has(ancestor) ? old : new Set(old).add(ancestor)));
        const children = await load(ancestor);
        if (!children) return;
        const next =
          ancestorsOf(selectedPath).find((a) => a.length > ancestor.length) ?? selectedPath;
        const index = children.findIndex((c) => c.path === next || next.startsWith(c.path + '/'));
        if (index >= PAGE_SIZE && !stale) {
          setShown((old) =>
            (old.get(ancestor) ?? PAGE_SIZE) > index
              ? old
              : new Map(old).set(ancestor, Math.ceil((index + 1) / PAGE_SIZE) * PAGE_SIZE),
          );
        }
      }
    })();
    return () => {
      stale = true;
    };
  }, [selectedPath, load]);

  const rows = useMemo(
    () => flattenTree({ name: rootName, path: '/', kind: 'group' }, { listings, expanded, shown }),
    [rootName, listings, expanded, shown],
  );

  return { rows, focusedId, setFocusedId, toggle, expand, collapse, retry, showMore };
}
