/**
 * The dandiset's identity card: name, description, contributors, license, size, asset count.
 * All text from the API is rendered as plain text (React escapes it); descriptions keep their
 * line breaks through CSS, never through HTML.
 */
import { useState } from 'react';
import {
  summarizeMetadata,
  type DandisetInfo,
  type VersionInfo,
  type VersionSummary,
} from '../../dandi';
import { formatBytes, formatCount } from '../format/bytes';

export interface DandisetHeaderProps {
  id: string;
  info: DandisetInfo | null;
  /** The chosen version's listing entry (name, size, asset count), when known. */
  summary: VersionSummary | null;
  /** The chosen version's metadata; arrives after the folder listing. */
  details: VersionInfo | null;
  archiveLabel: string;
}

const LONG = 600;

export function DandisetHeader({ id, info, summary, details, archiveLabel }: DandisetHeaderProps) {
  const [expanded, setExpanded] = useState(false);
  const meta = summarizeMetadata(details?.metadata, summary?.name ?? details?.name ?? '');
  const size = details?.size ?? summary?.size ?? meta.bytes;
  const count = details?.asset_count ?? summary?.asset_count ?? meta.files;
  const long = meta.description.length > LONG;
  const description = long && !expanded ? `${meta.description.slice(0, LONG)}…` : meta.description;

  return (
    <header className="dandi-header">
      <p className="dandi-header__id muted">
        DANDI:{id} · {archiveLabel}
        {info?.embargo_status && info.embargo_status !== 'OPEN' && (
          <span className="dandi-tag dandi-tag--embargoed"> embargoed</span>
        )}
      </p>
      <h1 data-testid="dandiset-name">{meta.name || `Dandiset ${id}`}</h1>
      {description && (
        <p className="dandi-header__description" data-testid="dandiset-description">
          {description}{' '}
          {long && (
            <button type="button" className="link-button" onClick={() => setExpanded(!expanded)}>
              {expanded ? 'less' : 'more'}
            </button>
          )}
        </p>
      )}
      <dl className="dandi-header__facts">
        <div>
          <dt>Size</dt>
          <dd data-testid="dandiset-size">{formatBytes(size)}</dd>
        </div>
        <div>
          <dt>Assets</dt>
          <dd data-testid="dandiset-asset-count">
            {count === null || count === undefined ? '—' : formatCount(count)}
          </dd>
        </div>
        {meta.license.length > 0 && (
          <div>
            <dt>License</dt>
            <dd data-testid="dandiset-license">{meta.license.join(', ')}</dd>
          </div>
        )}
        {meta.subjects !== null && (
          <div>
            <dt>Subjects</dt>
            <dd>{formatCount(meta.subjects)}</dd>
          </div>
        )}
      </dl>
      {meta.contributors.length > 0 && (
        <p className="dandi-header__contributors" data-testid="dandiset-contributors">
          {meta.contributors.map((c, i) => (
            <span key={i} className="dandi-contributor">
              {c.name}
              {c.roles.length > 0 && <span className="muted"> ({c.roles.join(', ')})</span>}
              {i < meta.contributors.length - 1 ? '; ' : ''}
            </span>
          ))}
        </p>
      )}
    </header>
  );
}
