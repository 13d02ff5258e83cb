/**
 * Search of dandisets (the API matches every word in the metadata, and understands `key:value`
 * operators), results paged as the user scrolls. Choosing one navigates to its page.
 *
 * What names a dandiset or an asset (an ID, a DOI, a URL) is offered for opening instead of being
 * searched: the archive would read "dandi:000017" or "https://…" as an unknown operator (400).
 * Other refusals show the archive's own message. With an API key, the user's embargoed
 * dandisets are searched too.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { AppLocation } from '../../links/location';
import { DandiApiError, parseDandiInput, type DandiTarget, type DandisetInfo } from '../../dandi';
import { ErrorMessage } from '../errors/ErrorMessage';
import { formatBytes, formatCount } from '../format/bytes';
import { ArchivePicker } from './ArchivePicker';
import { hrefFor } from './links';
import { LoadMore } from './LoadMore';
import { StaleKeyNotice } from './StaleKeyNotice';
import { dandiTargetLocation } from './targetLocation';
import { dandiClientFor, resolveApiBase, useApiKey } from './useDandiClient';
import { usePagedList } from './usePagedList';
import './dandi.css';

export interface DandiSearchProps {
  /** Defaults to the page's `dandiApi` parameter, else production DANDI. */
  apiBase?: string;
  /** `apiBase` when what was typed names another archive (a sandbox URL). */
  onNavigate(location: AppLocation, apiBase?: string): void;
}

const DEBOUNCE_MS = 300;

/**
 * What typed text names, to open rather than search: a DANDI ID ("000017", "DANDI:17"), a DOI or
 * a URL. A bare short number stays a search word ("2023" is more likely a year than 002023).
 */
export function openingTarget(text: string): DandiTarget | null {
  if (/^\d{1,5}$/.test(text.trim())) return null;
  return parseDandiInput(text);
}

export function DandiSearch({ apiBase, onNavigate }: DandiSearchProps) {
  const base = resolveApiBase(apiBase);
  const client = dandiClientFor(base);
  const apiKey = useApiKey(base);
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');

  useEffect(() => {
    const t = setTimeout(() => setQuery(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [text]);

  const target = query ? openingTarget(query) : null;
  const list = usePagedList<DandisetInfo>(
    query && !target ? `${base}|${apiKey.stamp}|${query}` : null,
    (signal) => client.searchDandisets(query, { signal, pageSize: 25 }),
    (url, signal) => client.fetchPage<DandisetInfo>(url, { signal }),
  );

  const open = (t: DandiTarget) => {
    const { location, apiBase: named } = dandiTargetLocation(t);
    onNavigate(location, named);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const now = openingTarget(text);
    if (now) open(now);
  };
  const refused =
    list.error instanceof DandiApiError && list.error.status === 400 ? list.error : null;

  return (
    <div className="dandi-search">
      <form onSubmit={submit} className="dandi-search__form">
        <input
          type="search"
          placeholder="Search dandisets by name or description"
          aria-label="Search dandisets"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="dandi-search__input"
        />
      </form>
      <ArchivePicker apiBase={base} />
      <StaleKeyNotice apiKey={apiKey} apiHost={new URL(base).host} />
      {target && (
        <p className="notice" data-testid="dandi-search-opens">
          “{query}” names {describeTarget(target)}.{' '}
          <button type="button" className="button button--small" onClick={() => open(target)}>
            Open it
          </button>
        </p>
      )}
      {refused && (
        <p className="error-text" role="alert" data-testid="dandi-search-refused">
          The archive did not accept this search: {refused.archiveMessage ?? refused.message}
        </p>
      )}
      {query && !refused && list.error && list.items.length === 0 && (
        <ErrorMessage error={list.error} context="Searching DANDI" onRetry={list.retry} />
      )}
      {query && !target && !list.settled && (
        <p className="muted" role="status">
          Searching…
        </p>
      )}
      {query && !target && list.settled && !list.error && list.items.length === 0 && (
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

function describeTarget(t: DandiTarget): string {
  switch (t.kind) {
    case 'dandiset':
      return `dandiset ${t.dandiset}${t.version ? ` version ${t.version}` : ''}`;
    case 'asset':
      return t.dandiset ? `an asset of dandiset ${t.dandiset}` : 'a DANDI asset';
    case 'blob':
      return 'an object of the DANDI bucket';
    case 'zarr':
      return 'a Zarr store of the DANDI bucket';
  }
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
