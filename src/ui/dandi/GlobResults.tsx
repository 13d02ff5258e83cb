/**
 * Assets whose path matches the filter, across all folders (`assets/?glob=`), paged as the list
 * scrolls. Text without `*` matches anywhere in the path.
 */
import { refFromListItem, type AssetListItem, type AssetRef } from '../../dandi';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatCount } from '../format/bytes';
import { AssetRow } from './AssetRow';
import { LoadMore } from './LoadMore';
import type { PagedList } from './usePagedList';

/** "sub-01" finds paths containing it; "*.nwb" is used as typed. */
export function globFor(filter: string): string {
  const f = filter.trim();
  if (!f) return '';
  return f.includes('*') ? f : `*${f}*`;
}

export interface GlobResultsProps {
  glob: string;
  list: PagedList<AssetListItem>;
  assetHref(asset: AssetRef): string;
  onOpen(asset: AssetRef): void;
}

export function GlobResults({ glob, list, assetHref, onOpen }: GlobResultsProps) {
  return (
    <section className="dandi-folder" aria-label="Filtered files">
      <p className="dandi-crumbs">
        Files matching <code>{glob}</code>
        {list.count !== null && <span className="muted"> · {formatCount(list.count)} found</span>}
      </p>
      {list.error && list.items.length === 0 ? (
        <ErrorMessage error={list.error} context="Filtering files" onRetry={list.retry} />
      ) : !list.settled ? (
        <p className="muted" role="status">
          Searching…
        </p>
      ) : list.items.length === 0 ? (
        <p className="muted" data-testid="dandi-empty">
          No file matches.
        </p>
      ) : (
        <ul className="dandi-list" data-testid="dandi-glob-list">
          {list.items.map((item) => {
            const ref = refFromListItem(item);
            return (
              <AssetRow
                key={item.asset_id}
                asset={ref}
                fullPath
                href={assetHref(ref)}
                onOpen={onOpen}
              />
            );
          })}
        </ul>
      )}
      {list.settled && list.items.length > 0 && (
        <LoadMore list={list} label="Filtering more files" />
      )}
    </section>
  );
}
