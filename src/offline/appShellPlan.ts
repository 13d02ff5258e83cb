/**
 * What the app-shell service worker does with a request, as pure functions (tested in Node).
 *
 * - A navigation (any address of the single-page app): network first, so an updated app is
 *   picked up on the very next visit; the cached index.html when the network is off. Once the
 *   worker is installed the browser asks the network without waiting for it (STATIC_ROUTES).
 * - A file of the build (hashed scripts, styles, the h5wasm binary): from the cache, which the
 *   install step filled with the build, so a worker or a view loaded later works offline; a file
 *   too large for the install step (see vite-app-shell.ts) is cached the first time it is used.
 * - Anything else (data files on other origins, Range requests, the DANDI API): not touched.
 */

/** A rule of the static routing API (InstallEvent.addRoutes), as far as this app uses it. */
export interface StaticRoute {
  condition: { requestMode: RequestMode };
  source: 'race-network-and-fetch-handler';
}

/**
 * Routes the browser follows before the service worker has started. A navigation is raced: the
 * browser asks the network at once, beside starting the worker, and takes the first answer; a
 * failed network answer leaves it to the worker's handler (the cached index.html when offline).
 * Without it, a return visit's page waited for the worker to start before its HTML was even asked
 * for (the HTML at 0.14-0.2 s after a relaunch, 0.07-0.12 s with the route). Build files keep the
 * handler alone: raced too, a return visit's first tree was no sooner (1.09x, same run).
 */
export const STATIC_ROUTES: readonly StaticRoute[] = [
  { condition: { requestMode: 'navigate' }, source: 'race-network-and-fetch-handler' },
];

/** Written into sw.js by the build (scripts/vite-app-shell.ts). */
export interface AppShellManifest {
  /** Changes whenever any file of the build changes: names the cache. */
  version: string;
  /** Build files relative to the app's base URL, index.html included: cached at install. */
  files: string[];
  /** Build files too large to fetch for every visitor: cached when first used. */
  onDemand: string[];
}

export const CACHE_PREFIX = 'nwb-explorer-shell-';

export function cacheNameOf(manifest: AppShellManifest): string {
  return CACHE_PREFIX + manifest.version;
}

/** Caches of earlier versions, to delete once this version is active. */
export function staleCaches(names: readonly string[], manifest: AppShellManifest): string[] {
  const current = cacheNameOf(manifest);
  return names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== current);
}

export type Handling = 'navigation' | 'shell-file' | 'pass';

export interface RequestFacts {
  url: string;
  method: string;
  mode: string;
  /** The Range header, if any: a partial answer is never cached nor served from the shell. */
  range: string | null;
}

export function handlingOf(
  request: RequestFacts,
  scope: string,
  shellUrls: ReadonlySet<string>,
): Handling {
  if (request.method !== 'GET' || request.range !== null) return 'pass';
  const url = new URL(request.url);
  if (url.origin !== new URL(scope).origin) return 'pass';
  if (request.mode === 'navigate') return 'navigation';
  return shellUrls.has(shellKeyOf(url.href)) ? 'shell-file' : 'pass';
}

/** The address a build file is cached under: without query or fragment. */
export function shellKeyOf(address: string): string {
  const url = new URL(address);
  url.search = '';
  url.hash = '';
  return url.href;
}

/** Every file of the build, the ones cached on demand included. */
export function shellUrlsOf(manifest: AppShellManifest, scope: string): Set<string> {
  return new Set([...manifest.files, ...manifest.onDemand].map((f) => new URL(f, scope).href));
}

/** The files the install step fetches. */
export function installUrlsOf(manifest: AppShellManifest, scope: string): string[] {
  return manifest.files.map((f) => new URL(f, scope).href);
}
