/**
 * Keeps a picture of a file link's view (src/offline/viewSnapshot.ts) for the next visit of the
 * same address: index.html paints it before the app's script has run, and takes it away when
 * the app's own tree is on the page. A return visit's tree otherwise waits for the app's script
 * to arrive, compile and run, and for React (0.45-0.65 s on this two-core machine).
 *
 * The picture is taken once per visit, when the view has settled (its tree there, the object the
 * link names selected, nothing loading, and no change for a moment), and only while it is still
 * the link's own view: not once the person has clicked or typed, nor once the address changed.
 * It is kept with the version of the file whose blocks are kept, and index.html takes it away as
 * soon as it reads that another version is kept now.
 */
import { readRememberedIdentity } from '../cache/IdbBlockStore';
import { clearShelf, shelve } from '../offline/snapshotShelf';
import { pictureOf, SNAPSHOT_SKIP_ATTRIBUTE, type ViewSnapshot } from '../offline/viewSnapshot';
import { mark } from '../perf/marks';
import { sleep } from '../bytes/abort';
import { shownFileKey } from './shownFile';

const TREE_ROWS = '[role="tree"] [role="treeitem"]';
/** Still loading: a tree row or a pane busy, a spinner turning. */
const LOADING = '[aria-busy="true"], .spinner';
/** Settled: nothing loading, and nothing changed for this long. */
const QUIET_MS = 700;
/** Not settled by then (a view still loading, or always changing): no picture this visit. */
const GIVE_UP_MS = 20_000;
/** A view with more elements is not pictured. */
const MAX_ELEMENTS = 6000;
/** The file's identity is stored with its first blocks, in the background: looked for a while. */
const IDENTITY_TRIES = 8;
const IDENTITY_RETRY_MS = 1000;

/** Starts watching `root` for a link's view to settle; nothing for any other address. */
export function keepViewSnapshot(root: HTMLElement): void {
  const storage = pageStorage();
  if (!namesAFile(location.search) || typeof indexedDB === 'undefined' || storage === null) return;
  const search = location.search;
  const linkPath = new URLSearchParams(search).get('path');
  const stop = new AbortController();
  let quiet: ReturnType<typeof setTimeout> | undefined;
  const giveUp = setTimeout(() => stop.abort(), GIVE_UP_MS);
  /** The link's view is all there: its tree, the object it names selected, nothing loading. */
  const settled = () =>
    root.querySelector(TREE_ROWS) !== null &&
    [...root.querySelectorAll(LOADING)].every(insideSkipped) &&
    (!linkPath ||
      root.querySelector(
        `[role="treeitem"][aria-selected="true"][data-path="${CSS.escape(linkPath)}"]`,
      ) !== null);
  const take = () => {
    stop.abort();
    // The file on the page: the link's own address, or the one a DANDI asset was read from.
    const key = shownFileKey();
    if (location.search !== search || !settled() || key === null) return;
    keep(root, key, search, storage).catch((error: unknown) => {
      console.warn('The view was not kept for the next visit:', error);
    });
  };
  const observer = new MutationObserver((changes) => {
    if (changes.every((change) => insideSkipped(change.target))) return;
    clearTimeout(quiet);
    if (settled()) quiet = setTimeout(take, QUIET_MS);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, characterData: true });
  // Once the person acts, the view is theirs, not the link's.
  for (const type of ['pointerdown', 'keydown']) {
    addEventListener(type, () => stop.abort(), { capture: true, signal: stop.signal });
  }
  stop.signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(quiet);
    clearTimeout(giveUp);
  });
}

/**
 * Whether an address names one file: a URL (a DANDI asset's download URL included) or a DANDI
 * asset. Which file, and whether its view may be pictured, is known once it is open (shownFile.ts).
 */
export function namesAFile(search: string): boolean {
  const params = new URLSearchParams(search);
  return Boolean(params.get('url') || params.get('asset'));
}

async function keep(
  root: HTMLElement,
  key: string,
  search: string,
  storage: Storage,
): Promise<void> {
  const picture = pictureOf(root, {
    maxElements: MAX_ELEMENTS,
    // Wholly below the window: never seen in the picture, and a preview's rows below it were
    // most of a picture's elements. Only below: content above the window (scrolled away) still
    // places what is in it.
    leaveOut: (node) =>
      node instanceof Element && node.getBoundingClientRect().top >= window.innerHeight,
  });
  if (!picture) return;
  const treeRows = root.querySelectorAll(TREE_ROWS).length;
  const css = stylesheetsOf(document);
  const build = buildOf(document);
  for (let attempt = 0; attempt < IDENTITY_TRIES; attempt++) {
    const identity = await readRememberedIdentity(key);
    if (identity) {
      const snapshot: ViewSnapshot = {
        search,
        build,
        identity: { key, size: identity.size, validator: identity.validator },
        css,
        nodes: picture.nodes,
        scrolls: picture.scrolls,
        treeRows,
      };
      if (shelve(storage, snapshot)) mark('view-snapshot:kept');
      return;
    }
    await sleep(IDENTITY_RETRY_MS);
  }
}

/** Forgets every kept picture: with the files' blocks cleared, none of them is of a kept version. */
export function forgetViewPictures(): void {
  const storage = pageStorage();
  if (storage) clearShelf(storage);
}

/** The page's localStorage, or null where there is none or the browser refuses it. */
function pageStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // storage blocked for this site: reading the property throws
  }
}

/** Inside an element a picture draws empty (live figures), whose changes do not count. */
function insideSkipped(node: Node): boolean {
  const element = node instanceof Element ? node : node.parentElement;
  return element?.closest(`[${SNAPSHOT_SKIP_ATTRIBUTE}]`) != null;
}

/** The rules of the page's own stylesheets (the app's build: same origin, readable). */
function stylesheetsOf(doc: Document): string {
  const parts: string[] = [];
  for (const sheet of doc.styleSheets) {
    try {
      for (const rule of sheet.cssRules) parts.push(rule.cssText);
    } catch {
      // Another origin's sheet: its rules cannot be read, and the app has none.
    }
  }
  return parts.join('\n');
}

/** The build, by its entry script's address (index.html asks the same of its own page). */
function buildOf(doc: Document): string {
  return doc.querySelector<HTMLScriptElement>('script[type="module"][src]')?.src ?? '';
}
