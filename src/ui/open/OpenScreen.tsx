/**
 * The opening screen: a URL (https or s3://), a dandiset, a local file or folder, or the bundled
 * sample. A reload of a local file lands here with `pendingLocalName` set: the file must be dropped
 * again (files are never uploaded, so the browser cannot reopen them on its own).
 */
import { useState, type FormEvent } from 'react';
import type { AppLocation } from '../../links/location';
import type { UrlSettings } from '../../links/urlState';
import { resolveFileUrl } from '../../links/resolveFileUrl';
import { findZarrFolder, isHdf5Name, type CollectedFile, type ZarrFolder } from './collectFiles';
import { DandiCard } from './DandiCard';
import { DropZone } from './DropZone';
import { EntryForm } from './EntryForm';
import { S3KeysFields, type S3KeysValue } from './S3KeysFields';

export const SAMPLE_URL = '/samples/ecephys_tutorial_v2.5.0.nwb';

export interface OpenScreenProps {
  /** Settings travel too: a link to another DANDI archive carries its API base. */
  onNavigate(location: AppLocation, settings?: UrlSettings): void;
  onOpenLocal(file: File, siblings: File[]): void;
  /** Keys for the private bucket at `origin`, given before its URL is opened. */
  onS3Keys(origin: string, value: S3KeysValue): void;
  /** A dropped or picked folder that is a Zarr store (e.g. session.nwb.zarr). */
  onOpenFolder(folder: ZarrFolder): void;
  /** Name of a local file the address bar refers to (after a reload). */
  pendingLocalName?: string;
  settings: UrlSettings;
}

export function OpenScreen({
  onNavigate,
  onOpenLocal,
  onS3Keys,
  onOpenFolder,
  pendingLocalName,
  settings,
}: OpenScreenProps) {
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [s3Keys, setS3Keys] = useState<S3KeysValue | null>(null);
  const [choices, setChoices] = useState<{
    all: CollectedFile[];
    candidates: CollectedFile[];
  } | null>(null);

  const submitUrl = (event: FormEvent) => {
    event.preventDefault();
    const resolved = resolveFileUrl(url, { s3Endpoint: s3Keys?.endpoint || undefined });
    if (!resolved.ok) return setUrlError(resolved.message);
    setUrlError(null);
    if (s3Keys) onS3Keys(new URL(resolved.url, window.location.href).origin, s3Keys);
    onNavigate({ view: 'file', url: resolved.url });
  };

  const openFrom = (files: CollectedFile[], chosen: CollectedFile) =>
    onOpenLocal(
      chosen.file,
      files.filter((f) => f !== chosen).map((f) => f.file),
    );

  const onFiles = (files: CollectedFile[]) => {
    if (files.length === 0) return;
    const open = (chosen: CollectedFile) => openFrom(files, chosen);
    const pending = pendingLocalName
      ? files.find((f) => f.file.name === pendingLocalName)
      : undefined;
    if (pending) return open(pending);
    const candidates = files.filter((f) => isHdf5Name(f.file.name));
    const store = findZarrFolder(files);
    // A Zarr store opens as a whole, unless HDF5 files came with it (then the user chooses one).
    if (store && candidates.length === 0) return onOpenFolder(store);
    // A single file (whatever its name) opens at once; it may still turn out not to be HDF5.
    if (files.length === 1) return open(files[0]);
    if (candidates.length === 1) return open(candidates[0]);
    setChoices({ all: files, candidates: candidates.length > 0 ? candidates : files });
  };

  return (
    <main className="open-screen">
      <h1>NWB Explorer</h1>
      <p className="open-screen__lead">
        Browse Neurodata Without Borders files in the browser: only the bytes you look at are read,
        and they are cached for next time.
      </p>

      {pendingLocalName && (
        <p className="notice" role="status">
          Drop <strong>{pendingLocalName}</strong> again to reopen it (local files are not uploaded,
          so the browser cannot reopen them by itself).
        </p>
      )}

      <div className="open-screen__grid">
        <section className="card" aria-labelledby="open-url">
          <h2 id="open-url">Open a URL</h2>
          <EntryForm
            id="url"
            label="File URL"
            placeholder="https://… or s3://bucket/key"
            inputMode="url"
            button="Open"
            value={url}
            error={urlError}
            onChange={setUrl}
            onSubmit={submitUrl}
          />
          <S3KeysFields onChange={setS3Keys} />
          <p className="muted">
            The server must allow cross-origin Range requests (S3 and DANDI do).
          </p>
        </section>

        <DandiCard onNavigate={onNavigate} settings={settings} />

        <section className="card" aria-labelledby="open-local">
          <h2 id="open-local">Open a local file</h2>
          <DropZone onFiles={onFiles} />
          {choices && (
            <div className="file-choices">
              <p>
                {choices.candidates.length} files found; choose one to open (the others stay
                available for external links):
              </p>
              <ul>
                {choices.candidates.map((c) => (
                  <li key={c.relativePath}>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => openFrom(choices.all, c)}
                    >
                      {c.relativePath}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </section>

        <section className="card" aria-labelledby="open-sample">
          <h2 id="open-sample">Try the sample</h2>
          <p>An extracellular electrophysiology tutorial file (NWB 2.5.0), bundled with the app.</p>
          <button
            type="button"
            className="button"
            onClick={() => onNavigate({ view: 'file', url: SAMPLE_URL })}
          >
            Open ecephys_tutorial_v2.5.0.nwb
          </button>
        </section>
      </div>
    </main>
  );
}
