/**
 * The opening screen: a URL (https or s3://), a dandiset, a local file or folder, or the bundled
 * sample. A reload of a local file lands here with `pendingLocalName` set: a file remembered on
 * this device (its File System Access handle, Chromium) is reopened, after the browser's
 * permission prompt when it asks for one; otherwise the file must be dropped again (files are never
 * uploaded, so the browser cannot reopen them on its own).
 */
import { useState, type FormEvent } from 'react';
import type { AppLocation } from '../../links/location';
import type { UrlSettings } from '../../links/urlState';
import { resolveFileUrl } from '../../links/resolveFileUrl';
import { chooseLocal } from './chooseLocal';
import type { CollectedFile, ZarrFolder } from './collectFiles';
import { canRememberFiles, type StoredHandle } from './fileHandles';
import { DandiCard } from './DandiCard';
import { DropZone } from './DropZone';
import { EntryForm } from './EntryForm';
import { RememberedFiles, type LocalHandles, type RememberedFile } from './RememberedFiles';
import { S3KeysFields, type S3KeysValue } from './S3KeysFields';
import { useReopen } from './useReopen';

export const SAMPLE_URL = '/samples/ecephys_tutorial_v2.5.0.nwb';

export interface OpenScreenProps {
  /** Settings travel too: a link to another DANDI archive carries its API base. */
  onNavigate(location: AppLocation, settings?: UrlSettings): void;
  /** `handles`, when the browser gave some, let the file be reopened after a reload. */
  onOpenLocal(file: File, siblings: File[], handles?: LocalHandles): void;
  /** Keys for the private bucket at `origin`, given before its URL is opened. */
  onS3Keys(origin: string, value: S3KeysValue): void;
  /** A dropped or picked folder that is a Zarr store (e.g. session.nwb.zarr). */
  onOpenFolder(folder: ZarrFolder, handles?: LocalHandles): void;
  /** Name of a local file the address bar refers to (after a reload). */
  pendingLocalName?: string;
  /** Local files remembered on this device, newest first; null while they are being read. */
  remembered: RememberedFile[] | null;
  onForget(name: string): void;
  settings: UrlSettings;
  /**
   * Whether this browser can remember local files; asked of the browser when not given. The
   * static screen written at build time (app/openScreenShell.tsx) says yes, as Chromium based
   * browsers do; in the others the app's screen adds the notice when it replaces it.
   */
  canRemember?: boolean;
}

export function OpenScreen({
  onNavigate,
  onOpenLocal,
  onS3Keys,
  onOpenFolder,
  pendingLocalName,
  remembered,
  onForget,
  settings,
  canRemember,
}: OpenScreenProps) {
  const [url, setUrl] = useState('');
  const [urlError, setUrlError] = useState<string | null>(null);
  const [s3Keys, setS3Keys] = useState<S3KeysValue | null>(null);
  const [choices, setChoices] = useState<{
    all: CollectedFile[];
    candidates: CollectedFile[];
    handles: StoredHandle[] | null;
  } | null>(null);

  const submitUrl = (event: FormEvent) => {
    event.preventDefault();
    const resolved = resolveFileUrl(url, { s3Endpoint: s3Keys?.endpoint || undefined });
    if (!resolved.ok) return setUrlError(resolved.message);
    setUrlError(null);
    if (s3Keys) onS3Keys(new URL(resolved.url, window.location.href).origin, s3Keys);
    onNavigate({ view: 'file', url: resolved.url });
  };

  const openFrom = (
    files: CollectedFile[],
    chosen: CollectedFile,
    handles: StoredHandle[] | null,
  ) =>
    onOpenLocal(
      chosen.file,
      files.filter((f) => f !== chosen).map((f) => f.file),
      handles ? { handles, chosen: chosen.relativePath } : undefined,
    );

  const onFiles = (files: CollectedFile[], handles: StoredHandle[] | null, path?: string) => {
    const choice = chooseLocal(files, { path, name: pendingLocalName });
    if (!choice) return;
    if (choice.kind === 'file') return openFrom(files, choice.chosen, handles);
    if (choice.kind === 'folder')
      return onOpenFolder(choice.store, handles ? { handles } : undefined);
    setChoices({ all: files, candidates: choice.candidates, handles });
  };

  const supported = canRemember ?? canRememberFiles();
  const { note, busy, reopen } = useReopen({
    remembered,
    pendingName: pendingLocalName,
    onFiles,
    onForget,
  });
  const pendingRemembered = pendingLocalName
    ? remembered?.find((r) => r.name === pendingLocalName)
    : undefined;

  return (
    <main className="open-screen">
      <h1>NWB Explorer</h1>
      <p className="open-screen__lead">
        Browse Neurodata Without Borders files in the browser: only the bytes you look at are read,
        and they are cached for next time.
      </p>

      {pendingLocalName && pendingRemembered && (
        <div className="notice" role="status">
          <p>
            <strong>{pendingLocalName}</strong> is remembered on this device.{' '}
            {busy === pendingLocalName
              ? 'Reopening…'
              : 'The browser asks before the page may read it again.'}
          </p>
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => reopen(pendingRemembered)}
          >
            Reopen {pendingLocalName}
          </button>
        </div>
      )}
      {pendingLocalName && remembered && !pendingRemembered && (
        <p className="notice" role="status">
          Drop <strong>{pendingLocalName}</strong> again to reopen it (local files are not uploaded,
          {supported
            ? ' and this one is not remembered on this device'
            : ' and this browser cannot remember them'}
          , so the browser cannot reopen it by itself).
        </p>
      )}
      {note && (
        <p className="error-message" role="alert">
          {note}
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
          <DropZone onFiles={(files, handles) => onFiles(files, handles)} />
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
                      onClick={() => openFrom(choices.all, c, choices.handles)}
                    >
                      {c.relativePath}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          )}
          <RememberedFiles
            files={remembered ?? []}
            supported={supported}
            busy={busy}
            onReopen={reopen}
            onForget={onForget}
          />
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

        <section className="card" aria-labelledby="open-across">
          <h2 id="open-across">Compare sessions</h2>
          <p>
            Many files side by side: their session metadata, one table stacked across all of them,
            and SQL over it. From a dandiset, a list of URLs or a folder of files.
          </p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onNavigate({ view: 'across' })}
          >
            Across files…
          </button>
        </section>
      </div>
    </main>
  );
}
