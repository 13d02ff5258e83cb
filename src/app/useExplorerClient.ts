/**
 * The ExplorerClient (its workers) lives as long as the page: one per bridge mode, created on first
 * use. Keeping it outside React means StrictMode's double mount cannot dispose the workers under a
 * component that still uses them, and a re-render never starts new workers.
 */
import { createExplorerClient } from '../workers/createExplorerClient';
import type { BridgeMode, ExplorerClient } from '../workers/ExplorerClient';
import { parseUrlState } from '../links/urlState';
import { dandiUrlTarget } from '../dandi/urlTarget';
import { NEURODATA_ATTRS } from '../nwb/attrs';
import { urlRequest } from './openRequests';
import { dropEarlyWorkers, takeEarlyWorker } from './earlyWorkers';

const clients = new Map<BridgeMode | 'auto', ExplorerClient>();

export function explorerClientFor(forceBridge: BridgeMode | undefined): ExplorerClient {
  const key = forceBridge ?? 'auto';
  let client = clients.get(key);
  if (!client) {
    // The tree's root listing can then be read from the opening blocks on a first visit.
    client = createExplorerClient({
      ...(forceBridge ? { forceBridge } : {}),
      firstListingAttrs: NEURODATA_ATTRS,
      adoptWorker: takeEarlyWorker,
    });
    clients.set(key, client);
    // Started for another bridge than this client's: nobody else takes them.
    dropEarlyWorkers();
  }
  return client;
}

export function useExplorerClient(forceBridge: BridgeMode | undefined): ExplorerClient {
  return explorerClientFor(forceBridge);
}

/**
 * For a link to a file: starts the client before the UI's modules are evaluated, so the workers
 * load their scripts and compile the wasm while React starts (main.tsx imports this first), and
 * starts loading the file. Any other address waits for the app's first render: the opening
 * screen is already painted from index.html, and workers starting now would only slow down the
 * render that makes it answer. Says whether the address names a file.
 */
export function startExplorerClientEarly(): { fileLink: boolean } {
  const { location, settings } = parseUrlState(window.location.search);
  if (location.view !== 'file') {
    dropEarlyWorkers();
    return { fileLink: false };
  }
  const client = explorerClientFor(settings.bridge === 'retry' ? 'retry-on-miss' : undefined);
  // The file a link names, as App will ask for it (a DANDI asset URL is resolved there first).
  if (location.url && !dandiUrlTarget(location.url)) {
    const { source } = urlRequest(location.url, window.location.href);
    keptLook = { url: location.url, found: client.prepare(source).catch(() => false) };
  }
  return { fileLink: true };
}

/** The page's look for a link's kept answers, started with the client (prepare). */
let keptLook: { url: string; found: Promise<boolean> } | null = null;

/**
 * Whether answers kept from an earlier visit of the file at `url` were found, once the page has
 * looked (startExplorerClientEarly); null when the page is not looking for that file.
 */
export function keptAnswersLook(url: string): Promise<boolean> | null {
  return keptLook?.url === url ? keptLook.found : null;
}
