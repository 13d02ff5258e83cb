/**
 * The app shell: reads the location from the address bar and shows the opening screen, the DANDI
 * browser, or an open file (with the status bar under everything).
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { SourceDescriptor } from '../links/sourceDescriptor';
import { OpenScreen } from '../ui/open/OpenScreen';
import { ExplorerView } from '../ui/explorer/ExplorerView';
import { OpeningView } from '../ui/explorer/OpeningView';
import { OpenFailedView } from '../ui/explorer/OpenFailedView';
import { ActivityContext, type Activity } from '../ui/status/ActivityContext';
import { StatusBar } from '../ui/status/StatusBar';
import { useClientStats } from '../ui/status/useClientStats';
import { DandiSlot } from './DandiSlot';
import { ExplorerNav } from './ExplorerNav';
import { assetRequest, localFolderRequest, localRequest, urlRequest } from './openRequests';
import { useAppLocation } from './useAppLocation';
import { useExplorerClient } from './useExplorerClient';
import { useOpenFile, type OpenRequest } from './useOpenFile';
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
  request: OpenRequest;
}

export function App() {
  const { location, settings, navigate } = useAppLocation();
  const client = useExplorerClient(settings.bridge === 'retry' ? 'retry-on-miss' : undefined);
  const stats = useClientStats(client);
  const [activity, setActivity] = useState<Activity | null>(null);
  const [local, setLocal] = useState<LocalOpen | null>(null);
  const [asset, setAsset] = useState<AssetOpen | null>(null);

  const fileUrl = location.view === 'file' ? location.url : null;
  const localName = location.view === 'local' ? location.name : null;
  const dandiset = location.view === 'dandi' ? location.dandiset : null;
  const assetId = location.view === 'dandi' ? location.assetId : undefined;

  const urlReq = useMemo(
    () => (fileUrl ? urlRequest(fileUrl, window.location.href) : null),
    [fileUrl],
  );
  let request: OpenRequest | null = null;
  if (urlReq) request = urlReq;
  else if (localName !== null && local?.name === localName) request = local.request;
  else if (
    dandiset !== null &&
    asset?.dandiset === dandiset &&
    (asset.assetId === undefined || asset.assetId === assetId)
  ) {
    request = asset.request;
  }

  const { state, retry } = useOpenFile(client, request);

  const goHome = useCallback(() => navigate({ view: 'home' }), [navigate]);

  const openLocal = useCallback(
    (file: File, siblings: File[]) => {
      setLocal({ name: file.name, request: localRequest(file, siblings) });
      // After a reload the address bar still holds the path: keep it so the same view comes back.
      const path =
        location.view === 'local' && location.name === file.name ? location.path : undefined;
      navigate({ view: 'local', name: file.name, ...(path ? { path } : {}) });
    },
    [location, navigate],
  );

  const openLocalFolder = useCallback(
    (folder: { name: string; files: { path: string; file: File }[] }) => {
      setLocal({ name: folder.name, request: localFolderRequest(folder) });
      navigate({ view: 'local', name: folder.name });
    },
    [navigate],
  );

  const openAsset = useCallback(
    (source: SourceDescriptor, displayName: string) => {
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
  if (location.view === 'home' || (location.view === 'local' && request === null)) {
    body = (
      <OpenScreen
        onNavigate={(next, nextSettings) => navigate(next, { settings: nextSettings })}
        onOpenLocal={openLocal}
        onOpenFolder={openLocalFolder}
        pendingLocalName={location.view === 'local' ? location.name : undefined}
        settings={settings}
      />
    );
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
      <ExplorerView
        key={state.request.key}
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
  } else {
    body = (
      <OpeningView
        name={request?.displayName ?? 'file'}
        stats={stats}
        onCancel={state.status === 'opening' ? state.cancel : goHome}
      />
    );
  }

  return (
    <ActivityContext.Provider value={setActivity}>
      <div className="app">
        <div className="app__body">{body}</div>
        <StatusBar
          stats={stats}
          activity={activity}
          onClearCache={() => void client.clearPersistentCache()}
        />
      </div>
    </ActivityContext.Provider>
  );
}
