/**
 * A list the API serves in pages: the first page loads when the key is set, later pages when the
 * view asks (`loadMore`, e.g. on scroll). `count` comes from the first page (DANDI gives it there
 * only). A failed page keeps what was loaded and can be retried.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { asExplorerError, type ExplorerError } from '../../errors';
import type { Page } from '../../dandi';

export interface PagedList<T> {
  items: T[];
  count: number | null;
  /** The first page has arrived (or failed). */
  settled: boolean;
  loading: boolean;
  hasMore: boolean;
  error: ExplorerError | null;
  loadMore(): void;
  retry(): void;
}

interface State<T> {
  key: string;
  attempt: number;
  items: T[];
  count: number | null;
  next: string | null;
  loading: boolean;
  error: ExplorerError | null;
}

export function usePagedList<T>(
  key: string | null,
  first: (signal: AbortSignal) => Promise<Page<T>>,
  next: (url: string, signal: AbortSignal) => Promise<Page<T>>,
): PagedList<T> {
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<State<T> | null>(null);
  const fns = useRef({ first, next });
  const stateRef = useRef(state);
  const controller = useRef<AbortController | null>(null);
  useEffect(() => {
    fns.current = { first, next };
    stateRef.current = state;
  });

  useEffect(() => {
    if (key === null) return;
    const ac = new AbortController();
    controller.current = ac;
    fns.current.first(ac.signal).then(
      (page) => {
        if (ac.signal.aborted) return;
        setState({
          key,
          attempt,
          items: page.results,
          count: page.count ?? (page.next ? null : page.results.length),
          next: page.next,
          loading: false,
          error: null,
        });
      },
      (error: unknown) => {
        if (ac.signal.aborted) return;
        const e = asExplorerError(error);
        setState({ key, attempt, items: [], count: null, next: null, loading: false, error: e });
      },
    );
    return () => ac.abort();
  }, [key, attempt]);

  const current = state && state.key === key && state.attempt === attempt ? state : null;

  const loadMore = useCallback(() => {
    const s = stateRef.current;
    const ac = controller.current;
    if (!s || s.key !== key || s.loading || !s.next || !ac || ac.signal.aborted) return;
    const url = s.next;
    const loading = { ...s, loading: true, error: null };
    stateRef.current = loading;
    setState(loading);
    fns.current.next(url, ac.signal).then(
      (page) => {
        if (ac.signal.aborted) return;
        setState((prev) =>
          prev && prev.key === s.key && prev.attempt === s.attempt
            ? { ...prev, items: [...prev.items, ...page.results], next: page.next, loading: false }
            : prev,
        );
      },
      (error: unknown) => {
        if (ac.signal.aborted) return;
        setState((prev) =>
          prev && prev.key === s.key && prev.attempt === s.attempt
            ? { ...prev, loading: false, error: asExplorerError(error) }
            : prev,
        );
      },
    );
  }, [key]);

  const retry = useCallback(() => {
    const s = stateRef.current;
    // A failed later page resumes from where it stopped; a failed first page starts over.
    if (s && s.key === key && s.items.length > 0 && s.next) loadMore();
    else setAttempt((n) => n + 1);
  }, [key, loadMore]);

  return {
    items: current?.items ?? [],
    count: current?.count ?? null,
    settled: current !== null,
    loading: key !== null && (current === null || current.loading),
    hasMore: !!current?.next,
    error: current?.error ?? null,
    loadMore,
    retry,
  };
}
