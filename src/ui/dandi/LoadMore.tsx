/**
 * The end of a paged list: asks for the next page when it scrolls into view, so the user never
 * pages by hand. A button stays as a fallback (and for keyboards); a failed page shows Retry.
 */
import { useEffect, useRef } from 'react';
import { ErrorMessage } from '../errors/ErrorMessage';
import type { PagedList } from './usePagedList';

export interface LoadMoreProps {
  /** The paged list whose end this is. */
  list: PagedList<unknown>;
  /** Leave errors to the caller (e.g. a first page that failed is shown elsewhere). */
  hideError?: boolean;
  label?: string;
}

export function LoadMore({ list, hideError, label }: LoadMoreProps) {
  const { hasMore, loading, loadMore: onMore, retry: onRetry } = list;
  const error = hideError ? null : list.error;
  // Changes when items were added, so a sentinel still in view asks again.
  const loadedCount = list.items.length;
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el || !hasMore || loading || error) return;
    if (typeof IntersectionObserver === 'undefined') return;
    // rootMargin: start loading a screen ahead so scrolling rarely waits.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onMore();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasMore, loading, error, onMore, loadedCount]);

  if (error)
    return <ErrorMessage error={error} context={label ?? 'Loading more'} onRetry={onRetry} />;
  if (!hasMore) return null;
  return (
    <div ref={ref} className="dandi-more" data-testid="dandi-load-more">
      {loading ? (
        <span className="muted">Loading more…</span>
      ) : (
        <button type="button" className="link-button" onClick={onMore}>
          Load more
        </button>
      )}
    </div>
  );
}
