/**
 * The app shell: reads the location from the address bar and shows the opening screen, the DANDI
 * browser, or an open file (with the status bar under everything).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SourceDescriptor } from '../links/sourceDescriptor';
import { OpenScreen } from '../ui/open/OpenScreen';
import type { LocalHandles, RememberedFile } from '../ui/open/RememberedFiles';
import { OpenFailedView } from '../ui/explorer/OpenFailedView';
import { ReopenFileContext } from '../ui/errors/ReopenFileContext';
import { ActivityContext, type Activity } from '../ui/status/ActivityContext';
import { dandiUrlTarget } from '../dandi/urlTarget';
import { AcrossSlot } from './AcrossSlot';
import { DandiSlot, DandiUrlSlot } from './DandiSlot';
import { ExplorerSlot } from './ExplorerSlot';
import { explorerViewModule, loadExplorerView } from './explorerViewLoader';
import { ExplorerNav } from './ExplorerNav';
import { LiveOpeningView, LiveStatusBar } from './LiveStats';
import { assetRequest, localFolderRequest, localRequest, urlRequest } from './openRequests';
import { forgetViewPictures } from './keepViewSnapshot';
import { noteShownFile } from './shownFile';
import { forgetFile, listRemembered, rememberFile } from './rememberedFiles';
import { saveS3Keys } from './s3Keys';
import { useAppLocation } from './useAppLocation';
import { useExplorerClient } from './useExplorerClient';
import { useOpenFile, type OpenRequest } from './useOpenFile';
import { useQuietStart } from './useQuietStart';
import { locationPath, withPath } from '../links/urlState';

/** A local file chosen by the user, kept in memory only (never uploaded). */
interface LocalOpen {
  name: string;
  request: OpenRequest;
}

/** A DANDI asset handed over by the DANDI browser, tied to the location it was opened from. */
interface AssetOpen {
  dandiset: string;
  assetId: string | undefined;
  /** Set when the location was a file URL naming a DANDI asset (e.g. a neurosift link). */
  url?: string;
  request: OpenRequest;
}

export function App() {
  const { location, settings, navigate } = useAppLocation();
  const client = useExplorerClient(settings.bridge === 'retry' ? 'retry-on-miss' : undefined);
  const [activity, setActivity] = useState<Activity | null>(null);
  const [local, setLocal] = useState<LocalOpen | null>(null);
  const [asset, setAsset] = useState<AssetOpen | null>(null);
  // Local files whose handles this device keeps (null until IndexedDB has answered), read when
  // the opening screen may show them: a link to a URL does not wait on that database.
  const [remembered, setRemembered] = useState<RememberedFile[] | null>(null);
  const showsOpenScreen = location.view === 'home' || location.view === 'local';
  const listed = remembered !== null;
  useEffect(() => {
    if (showsOpenScreen && !listed) void listRemembered().then(setRemembered);
  }, [showsOpenScreen, listed]);
  const remember = useCallback((name: string, handles: LocalHandles | undefined) => {
    if (handles) void rememberFile({ name, ...handles, openedAt: Date.now() }).then(setRemembered);
  }, []);
  const forget = useCallback((name: string) => void forgetFile(name).then(setRemembered), []);

  const fileUrl = location.view === 'file' ? location.url : null;
  const localName = location.view === 'local' ? location.name : null;
  const dandiset = location.view === 'dandi' ? location.dandiset : null;
  const assetId = location.view === 'dandi' ? location.assetId : undefined;

  // A DANDI asset URL is resolved through the archive first (size, S3 URL, embargo).
  const dandiFileUrl = useMemo(
    () => (fileUrl && dandiUrlTarget(fileUrl) ? fileUrl : null),
    [fileUrl],
  );
  const urlReq = useMemo(
    () => (fileUrl && !dandiFileUrl ? urlRequest(fileUrl, window.location.href) : null),
    [fileUrl, dandiFileUrl],
  );
  let request: OpenRequest | null = null;
  if (urlReq) request = urlReq;
  else if (dandiFileUrl && asset?.url === dandiFileUrl) request = asset.request;
  else if (localName !== null && local?.name === localName) request = local.request;
  else if (
    dandiset !== null &&
    asset?.dandiset === dandiset &&
    (asset.assetId === undefined || asset.assetId === assetId)
  ) {
    request = asset.request;
  }

  const { state, retry } = useOpenFile(client, request);
  const shownSource = state.status === 'open' ? state.request.source : null;
  useEffect(() => noteShownFile(shownSource), [shownSource]);
  // The file view's code loads while the file opens.
  const opening = request !== null;
  useEffect(() => {
    if (opening) void loadExplorerView();
  }, [opening]);

  const goHome = useCallback(() => navigate({ view: 'home' }), [navigate]);
  // A link's file that may open from kept answers: no opening view while the page looks for them.
  const quiet = useQuietStart(
    fileUrl,
    state.status === 'opening' || (state.status === 'open' && explorerViewModule() === null),
  );

  /**
   * Opens a local file or Zarr folder under its name. After a reload (the address already names
   * it) the path stays, so the same view comes back, and no history entry is added.
   */
  const showLocal = useCallback(
    (name: string, request: OpenRequest, handles: LocalHandles | undefined) => {
      setLocal({ name, request });
      remember(name, handles);
      const again = location.view === 'local' && location.name === name;
      const path = again ? location.path : undefined;
      const time = again ? location.time : undefined;
      navigate(
        { view: 'local', name, ...(path ? { path } : {}), ...(time ? { time } : {}) },
        { replace: again },
      );
    },
    [location, navigate, remember],
  );

  const openLocal = useCallback(
    (file: File, siblings: File[], handles?: LocalHandles) =>
      showLocal(file.name, localRequest(file, siblings), handles),
    [showLocal],
  );

  const openLocalFolder = useCallback(
    (folder: { name: string; files: { path: string; file: File }[] }, handles?: LocalHandles) =>
      showLocal(folder.name, localFolderRequest(folder), handles),
    [showLocal],
  );

  const openAsset = useCallback(
    (source: SourceDescriptor, displayName: string) => {
      if (location.view === 'file') {
        const request = assetRequest(source, displayName);
        setAsset({ dandiset: '', assetId: undefined, url: location.url, request });
        return;
      }
      if (location.view !== 'dandi') return;
      setAsset({
        dandiset: location.dandiset,
        assetId: location.assetId,
        request: assetRequest(source, displayName),
      });
    },
    [location],
  );

  const select = useCallback(
    (path: string) => navigate(withPath(location, path), { replace: true }),
    [location, navigate],
  );

  const displayName = request?.displayName;
  useEffect(() => {
    document.title = displayName ? `${displayName} — NWB Explorer` : 'NWB Explorer';
  }, [displayName]);

  let body;
  if (location.view === 'across') {
    body = (
      <AcrossSlot
        client={client}
        location={location}
        apiBase={settings.dandiApi}
        onNavigate={navigate}
      />
    );
  } else if (location.view === 'home' || (location.view === 'local' && request === null)) {
    body = (
      <OpenScreen
        onNavigate={(next, nextSettings) => navigate(next, { settings: nextSettings })}
        onOpenLocal={openLocal}
        onOpenFolder={openLocalFolder}
        onS3Keys={(origin, value) => saveS3Keys(origin, value.keys, value.remember)}
        pendingLocalName={location.view === 'local' ? location.name : undefined}
        remembered={remembered}
        onForget={forget}
        settings={settings}
      />
    );
  } else if (location.view === 'file' && dandiFileUrl && request === null) {
    body = <DandiUrlSlot url={dandiFileUrl} onOpenAsset={openAsset} onBack={goHome} />;
  } else if (location.view === 'dandi' && request === null) {
    body = (
      <DandiSlot
        location={location}
        apiBase={settings.dandiApi}
        onNavigate={navigate}
        onOpenAsset={openAsset}
      />
    );
  } else if (state.status === 'open') {
    body = (
      <ExplorerSlot
        key={state.request.key}
        fallback={
          quiet ? null : (
            <LiveOpeningView client={client} name={state.request.displayName} onCancel={goHome} />
          )
        }
        file={state.file}
        displayName={state.request.displayName}
        selectedPath={locationPath(location) ?? '/'}
        onSelect={select}
        nav={
          <ExplorerNav
            location={location}
            settings={settings}
            onNavigate={navigate}
            onLeaveAsset={() => setAsset(null)}
          />
        }
      />
    );
  } else if (state.status === 'error') {
    body = (
      <OpenFailedView
        name={state.request.displayName}
        error={state.error}
        onRetry={retry}
        onBack={goHome}
      />
    );
  } else if (!quiet) {
    body = (
      <LiveOpeningView
        client={client}
        name={request?.displayName ?? 'file'}
        onCancel={state.status === 'opening' ? state.cancel : goHome}
      />
    );
  }

  // The same request again: the file is closed and reopened under a new identity (its old blocks
  // were dropped when the change was found); the address keeps path and view.
  const reopenFile = state.status === 'open' ? retry : null;

  return (
    <ActivityContext.Provider value={setActivity}>
      <div className="app">
        <div className="app__body">
          <ReopenFileContext.Provider value={reopenFile}>{body}</ReopenFileContext.Provider>
        </div>
        {!quiet && (
          <LiveStatusBar
            client={client}
            activity={activity}
            onClearCache={() => {
              forgetViewPictures();
              void client.clearPersistentCache();
            }}
            onLoadNewVersion={reopenFile ?? undefined}
          />
        )}
      </div>
    </ActivityContext.Provider>
  );
}
