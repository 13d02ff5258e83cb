/**
 * The DANDI part of the opening screen: a dandiset ID or any DANDI link (parsed by the DANDI
 * module), or a free-text search of dandisets, loaded only when asked for.
 */
import { lazy, Suspense, useState, type FormEvent } from 'react';
import type { AppLocation } from '../../links/location';
import type { UrlSettings } from '../../links/urlState';
import { parseDandiInput } from '../../dandi/parseInput';
import { dandiTargetLocation } from '../dandi/targetLocation';
import { EntryForm } from './EntryForm';

const DandiSearch = lazy(() =>
  import('../dandi/DandiSearch').then((m) => ({ default: m.DandiSearch })),
);

export interface DandiCardProps {
  onNavigate(location: AppLocation, settings?: UrlSettings): void;
  settings: UrlSettings;
}

export function DandiCard({ onNavigate, settings }: DandiCardProps) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [searching, setSearching] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const target = parseDandiInput(text);
    if (!target) {
      setError('Not a dandiset ID or DANDI link (e.g. 000409 or a dandiarchive.org URL).');
      return;
    }
    setError(null);
    const { location, apiBase } = dandiTargetLocation(target);
    // A link into another archive (sandbox, a mirror) carries that archive along.
    onNavigate(location, apiBase ? { ...settings, dandiApi: apiBase } : undefined);
  };

  return (
    <section className="card" aria-labelledby="open-dandi">
      <h2 id="open-dandi">Browse DANDI</h2>
      <EntryForm
        id="dandi"
        label="Dandiset ID or URL"
        placeholder="000409 or a dandiarchive.org URL"
        button="Browse"
        value={text}
        error={error}
        onChange={setText}
        onSubmit={submit}
      />
      <p>
        <button
          type="button"
          className="link-button"
          aria-expanded={searching}
          onClick={() => setSearching(!searching)}
        >
          {searching ? 'Hide search' : 'Search dandisets by keyword…'}
        </button>
      </p>
      {searching && (
        <Suspense fallback={<p className="muted">Loading search…</p>}>
          <DandiSearch
            apiBase={settings.dandiApi}
            onNavigate={(location, apiBase) =>
              onNavigate(location, apiBase ? { ...settings, dandiApi: apiBase } : undefined)
            }
          />
        </Suspense>
      )}
    </section>
  );
}
