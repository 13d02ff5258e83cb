/**
 * Free-text search of dandisets (the API matches name, description and more), results paged as
 * the user scrolls. Choosing one navigates to its page.
 */
import { useEffect, useState } from 'react';
import type { AppLocation } from '../../links/location';
import type { DandisetInfo } from '../../dandi';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatBytes, formatCount } from '../format/bytes';
import { ArchivePicker } from './ArchivePicker';
import { hrefFor } from './links';
import { LoadMore } from './LoadMore';
import { dandiClientFor, resolveApiBase } from './useDandiClient';
import { usePagedList } from './usePagedList';
import './dandi.css';

export interface DandiSearchProps {
  /** Defaults to the page's `dandiApi` parameter, else production DANDI. */
  apiBase?: string;
  onNavigate(location: AppLocation): void;
}

const DEBOUNCE_MS = 300;

export function DandiSearch({ apiBase, onNavigate }: DandiSearchProps) {
  const base = resolveApiBase(apiBase);
  const client = dandiClientFor(base);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');

  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const list = usePagedList<DandisetInfo>(
    query ? `${base}|${query}` : null,
    (signal) => client.searchDandisets(query, { signal, pageSize: 25 }),
    (url, signal) => client.fetchPage<DandisetInfo>(url, { signal }),
  );

  return (
    <div className="dandi-search">
      <input
        type="search"
        placeholder="Search dandisets by name or description"
        aria-label="Search dandisets"
        value={text}
        onChange={(e) => setText(e.target.value)}
        className="dandi-search__input"
      />
      <ArchivePicker apiBase={base} />
      {query && list.error && list.items.length === 0 && (
        <ErrorMessage error={list.error} context="Searching DANDI" onRetry={list.retry} />
      )}
      {query && !list.settled && (
        <p className="muted" role="status">
          Searching…
        </p>
      )}
      {query && list.settled && !list.error && list.items.length === 0 && (
        <p className="muted">No dandiset matches “{query}”.</p>
      )}
      {list.items.length > 0 && (
        <>
          {list.count !== null && <p className="muted">{formatCount(list.count)} dandisets</p>}
          <ul className="dandi-list dandi-search__results" data-testid="dandi-search-results">
            {list.items.map((d) => (
              <SearchResult key={d.identifier} dandiset={d} onNavigate={onNavigate} />
            ))}
          </ul>
          <LoadMore list={list} label="Loading more dandisets" />
        </>
      )}
    </div>
  );
}

function SearchResult({
  dandiset,
  onNavigate,
}: {
  dandiset: DandisetInfo;
  onNavigate(l: AppLocation): void;
}) {
  const v = dandiset.most_recent_published_version ?? dandiset.draft_version;
  const location: AppLocation = { view: 'dandi', dandiset: dandiset.identifier };
  return (
    <li className="dandi-row dandi-search__result">
      <a
        className="dandi-row__name"
        href={hrefFor(location)}
        onClick={(e) => {
          if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
          e.preventDefault();
          onNavigate(location);
        }}
      >
        <span className="muted">{dandiset.identifier}</span> {v?.name ?? 'Untitled'}
      </a>
      {dandiset.embargo_status && dandiset.embargo_status !== 'OPEN' && (
        <span className="dandi-tag dandi-tag--embargoed">embargoed</span>
      )}
      <span className="dandi-row__files muted">
        {v ? `${v.version} · ${formatCount(v.asset_count)} files` : ''}
      </span>
      <span className="dandi-row__size numeric">{formatBytes(v?.size)}</span>
    </li>
  );
}
