/**
 * A dandiset page: what it is (name, description, contributors, license, size, asset count), its
 * versions, and its files one folder at a time, with a filter and paging the user never sees.
 * Clicking a file puts it in the address bar; the asset is then resolved (from what the listing
 * said, so usually without a request) and handed to the app shell through onOpenAsset.
 *
 * Request order is deliberate: the dandiset, then the folder listing (the first thing users need),
 * then version metadata and the version list, so the folders appear after two API requests.
 */
import { useEffect, useRef, useState } from 'react';
import { ExplorerError } from '../../errors';
import type { AppLocation } from '../../links/location';
import type { SourceDescriptor } from '../../links/sourceDescriptor';
import {
  DandiClient,
  normalizeDandisetId,
  sourceOf,
  type AssetListItem,
  type AssetPathItem,
  type AssetRef,
  type ResolvedAsset,
  type VersionSummary,
} from '../../dandi';
import { ErrorMessage } from '../errors/ErrorMessage';
import { ApiKeyForm } from './ApiKeyForm';
import { ArchivePicker, archiveLabel } from './ArchivePicker';
import { AssetOpening } from './AssetOpening';
import { assetKind, baseName, normalizeFolder } from './assetKinds';
import { DandisetHeader } from './DandisetHeader';
import { FolderView } from './FolderView';
import { GlobResults, globFor } from './GlobResults';
import { hrefFor } from './links';
import { knownAssetRef, rememberAssetRef } from './pendingAssets';
import { StaleKeyNotice } from './StaleKeyNotice';
import { useAsync } from '../data/useAsync';
import { dandiClientFor, resolveApiBase, useApiKey } from './useDandiClient';
import { usePagedList } from './usePagedList';
import { VersionPicker } from './VersionPicker';
import './dandi.css';

type DandiLocation = Extract<AppLocation, { view: 'dandi' }>;

export interface DandiBrowserProps {
  location: DandiLocation;
  /** Defaults to the page's `dandiApi` parameter, else production DANDI. */
  apiBase?: string;
  onNavigate(location: AppLocation, options?: { replace?: boolean }): void;
  onOpenAsset(source: SourceDescriptor, displayName: string): void;
}

const FILTER_DEBOUNCE_MS = 350;

export function DandiBrowser({ location, apiBase, onNavigate, onOpenAsset }: DandiBrowserProps) {
  const base = resolveApiBase(apiBase);
  const client = dandiClientFor(base);
  const apiKey = useApiKey(base);
  const id = normalizeDandisetId(location.dandiset);
  const folder = normalizeFolder(location.folder);
  const assetId = location.assetId;
  const scope = `${base}|${id}|${apiKey.stamp}`;

  const [filter, setFilter] = useState('');
  const [glob, setGlob] = useState('');
  useEffect(() => {
    const t = setTimeout(() => setGlob(globFor(filter)), FILTER_DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [filter]);

  // 1. The dandiset: its default version, its embargo status, its name and size.
  const info = useAsync(id ? scope : null, (signal) =>
    client.getDandiset(id as string, { signal }),
  );
  const infoData = info.status === 'ok' ? info.data : null;
  const defaultVersion = infoData ? DandiClient.defaultVersion(infoData) : null;
  const version = location.version ?? defaultVersion;

  // 2. The folder (or the filter's matches). With a version in the address it starts at once.
  const listing = usePagedList<AssetPathItem>(
    id && version && !assetId && !glob ? `${scope}|${version}|${folder}` : null,
    (signal) => client.listPaths(id as string, version as string, folder, { signal }),
    (url, signal) => client.fetchPage<AssetPathItem>(url, { signal }),
  );
  const matches = usePagedList<AssetListItem>(
    id && version && !assetId && glob ? `${scope}|${version}|glob:${glob}` : null,
    (signal) => client.listAssets(id as string, version as string, { glob, signal, pageSize: 200 }),
    (url, signal) => client.fetchPage<AssetListItem>(url, { signal }),
  );

  // 3. Version metadata and the version list, once the first listing has settled (or when an
  // asset is being opened, where there is no listing to wait for).
  const gate = `${scope}|${version}`;
  const [unlocked, setUnlocked] = useState<string | null>(null);
  if (
    version &&
    unlocked !== gate &&
    (listing.settled || matches.settled || (assetId && infoData))
  ) {
    setUnlocked(gate);
  }
  const detailsOn = version !== null && unlocked === gate;
  const details = useAsync(detailsOn ? gate : null, (signal) =>
    client.getVersionInfo(id as string, version as string, { signal }),
  );
  const versions = useAsync(detailsOn && infoData ? scope : null, (signal) =>
    client.listVersions(id as string, { signal }),
  );

  // Opening an asset named in the address bar (after a click, or from a shared link).
  const opening = useAsync<ResolvedAsset>(
    id && version && assetId && infoData ? `${gate}|asset:${assetId}` : null,
    (signal) =>
      client.resolveAsset(
        knownAssetRef(assetId as string) ?? {
          assetId: assetId as string,
          path: location.assetPath ?? '',
        },
        // Without a version in the link, ask the archive-wide endpoint: the asset may not be in
        // the default version.
        location.version
          ? { dandiset: id as string, version: location.version }
          : { dandiset: id as string },
        { signal },
      ),
  );
  const resolved = opening.status === 'ok' ? opening.data : null;
  const handedOver = useRef<ResolvedAsset | null>(null);
  useEffect(() => {
    if (!resolved || handedOver.current === resolved) return;
    handedOver.current = resolved;
    // A Zarr store goes to the reader as its folder URL; the reader says if it cannot open it.
    onOpenAsset(
      sourceOf(resolved),
      resolved.asset.path || location.assetPath || resolved.asset.assetId,
    );
  }, [resolved, onOpenAsset, location.assetPath]);

  // A folder link whose prefix names a file: the archive lists nothing under it (200, empty),
  // so look for the file itself and open it in place of the empty folder.
  const emptyFolder =
    folder && listing.settled && !listing.error && listing.items.length === 0 && !glob;
  const fileAtFolder = useAsync(
    emptyFolder ? `${scope}|${version}|file:${folder}` : null,
    (signal) =>
      client.findAssetAtPath(id as string, version as string, folder.replace(/\/$/, ''), {
        signal,
      }),
  );
  const fileRef = fileAtFolder.status === 'ok' ? fileAtFolder.data : null;
  const openableFile = fileRef && assetKind(fileRef.path) !== 'other' ? fileRef : null;

  // ---- navigation -------------------------------------------------------------------------

  const here = (extra: Partial<DandiLocation> = {}): DandiLocation => ({
    view: 'dandi',
    dandiset: id ?? location.dandiset,
    ...(location.version ? { version: location.version } : {}),
    ...(folder ? { folder } : {}),
    ...extra,
  });
  const folderLocation = (f: string): DandiLocation => {
    const loc = here();
    delete loc.folder;
    return f ? { ...loc, folder: f } : loc;
  };
  // An opened asset names its exact version, so the link keeps meaning the same bytes.
  const assetLocation = (ref: AssetRef): DandiLocation =>
    here({ ...(version ? { version } : {}), assetId: ref.assetId, assetPath: ref.path });
  const openAsset = (ref: AssetRef) => {
    rememberAssetRef(ref);
    onNavigate(assetLocation(ref));
  };
  const openedFileAtFolder = useRef<AssetRef | null>(null);
  useEffect(() => {
    if (!openableFile || openedFileAtFolder.current === openableFile) return;
    openedFileAtFolder.current = openableFile;
    // Replace: Back must not land on the folder link again, which would reopen the file.
    rememberAssetRef(openableFile);
    const loc: DandiLocation = {
      view: 'dandi',
      dandiset: id ?? location.dandiset,
      ...(version ? { version } : {}),
      assetId: openableFile.assetId,
      assetPath: openableFile.path,
    };
    const parent = openableFile.path.includes('/')
      ? openableFile.path.slice(0, openableFile.path.lastIndexOf('/') + 1)
      : '';
    onNavigate(parent ? { ...loc, folder: parent } : loc, { replace: true });
  }, [openableFile, id, version, location.dandiset, onNavigate]);
  const backToFiles = () => {
    const loc = here();
    delete loc.assetId;
    delete loc.assetPath;
    delete loc.path;
    onNavigate(loc);
  };

  // ---- rendering ----------------------------------------------------------------------------

  if (!id) {
    return (
      <main className="dandi-page">
        <ErrorMessage
          error={
            new ExplorerError(
              'not-found',
              `"${location.dandiset}" is not a dandiset ID (six digits, e.g. 000017).`,
            )
          }
        />
        <HomeButton onNavigate={onNavigate} />
      </main>
    );
  }

  const forbidden = [info, details, opening].find(
    (s) => s.status === 'error' && s.error.code === 'forbidden',
  );
  const authMessage =
    forbidden?.status === 'error'
      ? forbidden.error.message
      : listing.error?.code === 'forbidden'
        ? listing.error.message
        : null;

  const summary = pickSummary(version, infoData, versions.status === 'ok' ? versions.data : null);

  const versionMissing =
    info.status !== 'error' && details.status === 'error' && details.error.code === 'not-found';

  let body;
  if (authMessage) {
    body = <ApiKeyForm apiKey={apiKey} apiHost={new URL(base).host} message={authMessage} />;
  } else if (info.status === 'error') {
    body = <ErrorMessage error={info.error} context={`Dandiset ${id}`} onRetry={info.retry} />;
  } else if (assetId) {
    body = (
      <AssetOpening
        name={location.assetPath ? baseName(location.assetPath) : assetId}
        state={opening}
        onRetry={opening.retry}
        onBack={backToFiles}
      />
    );
  } else if (versionMissing) {
    // Said once, above, with a way back to the default version.
    body = null;
  } else if (!version) {
    body = (
      <p className="muted" role="status">
        Loading dandiset {id}…
      </p>
    );
  } else if (glob) {
    body = (
      <GlobResults
        glob={glob}
        list={matches}
        assetHref={(r) => hrefFor(assetLocation(r))}
        onOpen={openAsset}
      />
    );
  } else if (emptyFolder && (fileAtFolder.status === 'loading' || openableFile)) {
    body = (
      <p className="muted" role="status">
        Opening {baseName(folder)}…
      </p>
    );
  } else if (emptyFolder && fileRef) {
    body = (
      <p className="notice" data-testid="dandi-file-not-folder">
        “{fileRef.path}” is a file, not a folder, and the explorer opens only NWB (HDF5) files and
        Zarr stores.
      </p>
    );
  } else {
    body = (
      <FolderView
        folder={folder}
        list={listing}
        folderHref={(f) => hrefFor(folderLocation(f))}
        assetHref={(r) => hrefFor(assetLocation(r))}
        onFolder={(f) => onNavigate(folderLocation(f))}
        onOpen={openAsset}
      />
    );
  }

  return (
    <main className="dandi-page" data-testid="dandi-browser">
      <nav className="dandi-nav">
        <a
          href={hrefFor({ view: 'home' })}
          onClick={(e) => {
            e.preventDefault();
            onNavigate({ view: 'home' });
          }}
        >
          NWB Explorer
        </a>
        {' › '}
        <span>Dandiset {id}</span>
        <ArchivePicker apiBase={base} />
      </nav>
      <StaleKeyNotice apiKey={apiKey} apiHost={new URL(base).host} />

      {!authMessage && info.status !== 'error' && (
        <DandisetHeader
          id={id}
          info={infoData}
          summary={summary}
          details={details.status === 'ok' ? details.data : null}
          archiveLabel={archiveLabel(base)}
        />
      )}

      {version && !authMessage && info.status !== 'error' && (
        <div className="dandi-toolbar">
          <VersionPicker
            current={version}
            versions={versions.status === 'ok' ? versions.data : null}
            defaultVersion={defaultVersion}
            onChange={(v) =>
              onNavigate({ view: 'dandi', dandiset: id, version: v, ...(folder ? { folder } : {}) })
            }
          />
          {!assetId && (
            <input
              type="search"
              className="dandi-filter"
              placeholder="Filter files, e.g. *.nwb or sub-01"
              aria-label="Filter files"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
            />
          )}
          {!assetId && (
            <button
              type="button"
              onClick={() =>
                onNavigate({
                  view: 'across',
                  dandiset: id,
                  version,
                  ...(folder ? { folder } : {}),
                  ...(glob ? { glob } : {}),
                })
              }
            >
              Across files
            </button>
          )}
        </div>
      )}

      {versionMissing && (
        <div className="dandi-version-missing">
          <ErrorMessage
            error={details.error}
            context={`Version ${version}`}
            onRetry={details.retry}
          />
          {defaultVersion && defaultVersion !== version && (
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onNavigate({ view: 'dandi', dandiset: id })}
            >
              Open the default version ({defaultVersion})
            </button>
          )}
        </div>
      )}
      {!versionMissing &&
        info.status !== 'error' &&
        details.status === 'error' &&
        details.error.code !== 'forbidden' && (
          <ErrorMessage
            error={details.error}
            context="Dandiset details"
            onRetry={details.retry}
            inline
          />
        )}

      {body}
      {info.status === 'error' && info.error.code === 'not-found' && (
        <HomeButton onNavigate={onNavigate} />
      )}
    </main>
  );
}

function HomeButton({ onNavigate }: { onNavigate(l: AppLocation): void }) {
  return (
    <button
      type="button"
      className="button button--secondary"
      onClick={() => onNavigate({ view: 'home' })}
    >
      Back to the start
    </button>
  );
}

function pickSummary(
  version: string | null,
  info: {
    most_recent_published_version: VersionSummary | null;
    draft_version: VersionSummary | null;
  } | null,
  versions: VersionSummary[] | null,
): VersionSummary | null {
  if (!version) return null;
  const candidates = [
    info?.most_recent_published_version,
    info?.draft_version,
    ...(versions ?? []),
  ];
  return candidates.find((v): v is VersionSummary => !!v && v.version === version) ?? null;
}
