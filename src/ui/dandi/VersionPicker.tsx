/**
 * Every version of the dandiset, newest published first, the draft last; the current one selected.
 * Before the list arrives only the current version is shown (the picker still works at once).
 */
import type { VersionSummary } from '../../dandi';

export interface VersionPickerProps {
  current: string;
  versions: VersionSummary[] | null;
  /** The version chosen when none is named: marked "(default)". */
  defaultVersion: string | null;
  onChange(version: string): void;
}

function ordered(versions: VersionSummary[]): VersionSummary[] {
  const published = versions.filter((v) => v.version !== 'draft');
  published.sort((a, b) => b.created.localeCompare(a.created));
  return [...published, ...versions.filter((v) => v.version === 'draft')];
}

export function VersionPicker({ current, versions, defaultVersion, onChange }: VersionPickerProps) {
  const list = versions ? ordered(versions) : [];
  const names = list.map((v) => v.version);
  if (!names.includes(current)) names.unshift(current);
  return (
    <label className="dandi-version">
      Version{' '}
      <select
        value={current}
        onChange={(e) => onChange(e.target.value)}
        aria-label="Version"
        data-testid="dandi-version"
      >
        {names.map((v) => (
          <option key={v} value={v}>
            {v}
            {v === defaultVersion ? ' (default)' : ''}
          </option>
        ))}
      </select>
      {!versions && <span className="muted"> loading versions…</span>}
    </label>
  );
}
