/**
 * The archive setting: production DANDI, the sandbox, or any compatible API base. It lives in the
 * `dandiApi` URL parameter (so links carry it); changing it reloads the page with the new value.
 */
import { useState, type FormEvent } from 'react';
import { ARCHIVE_PRESETS, normalizeApiBase, presetForApi, PRODUCTION_API } from '../../dandi';

export function archiveLabel(apiBase: string): string {
  const preset = presetForApi(apiBase);
  return preset ? preset.label : new URL(apiBase).host;
}

export function ArchivePicker({ apiBase }: { apiBase: string }) {
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState(presetForApi(apiBase) ? '' : apiBase);
  const [error, setError] = useState<string | null>(null);

  const apply = (base: string) => {
    const url = new URL(window.location.href);
    if (base === PRODUCTION_API) url.searchParams.delete('dandiApi');
    else url.searchParams.set('dandiApi', base);
    window.location.assign(url.toString());
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    try {
      apply(normalizeApiBase(custom));
    } catch {
      setError('Enter the API base URL, e.g. https://api.dandiarchive.org/api');
    }
  };

  return (
    <div className="dandi-archive">
      <span className="muted">Archive: </span>
      <span data-testid="dandi-archive">{archiveLabel(apiBase)}</span>{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        change
      </button>
      {open && (
        <div className="dandi-archive__choices">
          {ARCHIVE_PRESETS.map((p) => (
            <button
              key={p.api}
              type="button"
              className="button button--secondary button--small"
              disabled={p.api === apiBase}
              onClick={() => apply(p.api)}
            >
              {p.label}
            </button>
          ))}
          <form onSubmit={submit} className="inline-form">
            <input
              type="text"
              inputMode="url"
              placeholder="https://…/api"
              aria-label="DANDI API base URL"
              value={custom}
              onChange={(e) => setCustom(e.target.value)}
            />
            <button type="submit" className="button button--small">
              Use
            </button>
          </form>
          {error && <p className="error-text">{error}</p>}
        </div>
      )}
    </div>
  );
}
