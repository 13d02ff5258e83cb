/**
 * AppLocation <-> query string. The address bar names the file and the selected path so a copied
 * link reopens the same view. Paths are encoded by hand rather than with URLSearchParams so that
 * '/' and ':' stay readable while spaces, '+', '&' and '#' are escaped.
 */
import type { AppLocation } from './location';

/**
 * Query parameters (all optional):
 *   url=<https|s3 URL or /path>   path=<path in file>
 *   local=<file name>             path=...
 *   dandiset=<6 digits>  version=<v|draft>  folder=<prefix>  asset=<asset id>  assetPath=<path>  path=...
 *   across=<dandiset id>|urls  u=<URL> (repeated)  version=  folder=  glob=  table=  sql=
 *   dandiApi=<API base URL>       (a setting, kept across navigation)
 *   bridge=retry                  (forces retry-on-miss even when crossOriginIsolated; for tests)
 * neurosift's shapes are accepted on input: url=...&dandisetId=...&dandisetVersion=...
 */

/** Settings that ride along in the query string but are not part of the location. */
export interface UrlSettings {
  /** Base URL of the DANDI API (a different instance, e.g. staging). */
  dandiApi?: string;
  /** 'retry' forces the retry-on-miss bridge. */
  bridge?: 'retry';
}

export interface ParsedUrlState {
  location: AppLocation;
  settings: UrlSettings;
}

function optional(params: URLSearchParams, key: string): string | undefined {
  const value = params.get(key);
  return value === null || value === '' ? undefined : value;
}

/** Normalises a path from the address bar: always absolute. */
function normalisePath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path.startsWith('/') ? path : '/' + path;
}

/**
 * The query keys that each name a view other than the opening screen, when set and not empty
 * (parseUrlState reads them below); index.html shows its static opening screen only without them.
 */
export const VIEW_KEYS = ['across', 'url', 'local', 'dandiset', 'dandisetId'] as const;

export function parseUrlState(search: string): ParsedUrlState {
  const params = new URLSearchParams(search);
  const settings: UrlSettings = {};
  const dandiApi = optional(params, 'dandiApi');
  if (dandiApi) settings.dandiApi = dandiApi;
  if (params.get('bridge') === 'retry') settings.bridge = 'retry';

  const path = normalisePath(optional(params, 'path'));
  const time = optional(params, 't');
  // A time window belongs to the selected object: without a path it means nothing.
  const withPath = path ? { path, ...(time ? { time } : {}) } : {};

  // Decided by VIEW_KEYS alone, as index.html decides whether to keep its static opening screen:
  // a view read below but missing there would never be reached.
  if (!VIEW_KEYS.some((key) => optional(params, key)))
    return { location: { view: 'home' }, settings };

  const across = optional(params, 'across');
  if (across) return { location: parseAcross(params, across), settings };

  const url = optional(params, 'url');
  // neurosift links carry url=<asset download URL>&dandisetId=...: the URL is what to open.
  if (url) return { location: { view: 'file', url, ...withPath }, settings };

  const local = optional(params, 'local');
  if (local) return { location: { view: 'local', name: local, ...withPath }, settings };

  const dandiset = optional(params, 'dandiset') ?? optional(params, 'dandisetId');
  if (dandiset) {
    const location: Extract<AppLocation, { view: 'dandi' }> = { view: 'dandi', dandiset };
    const version = optional(params, 'version') ?? optional(params, 'dandisetVersion');
    if (version) location.version = version;
    const folder = optional(params, 'folder');
    if (folder) location.folder = folder;
    const assetId = optional(params, 'asset');
    if (assetId) location.assetId = assetId;
    const assetPath = optional(params, 'assetPath');
    if (assetPath) location.assetPath = assetPath;
    Object.assign(location, withPath);
    return { location, settings };
  }

  return { location: { view: 'home' }, settings };
}

function parseAcross(params: URLSearchParams, across: string): AppLocation {
  const location: Extract<AppLocation, { view: 'across' }> = { view: 'across' };
  if (across !== 'urls') location.dandiset = across;
  const urls = params.getAll('u').filter((u) => u !== '');
  if (urls.length > 0) location.urls = urls;
  for (const key of ['version', 'folder', 'glob', 'table', 'sql'] as const) {
    const value = optional(params, key);
    if (value) location[key] = value;
  }
  return location;
}

/** encodeURIComponent, but leaves '/', ':', '@' and ',' readable (all legal in a query value). */
export function encodeQueryValue(value: string): string {
  return encodeURIComponent(value).replace(/%(2F|3A|40|2C)/gi, (escaped) =>
    decodeURIComponent(escaped),
  );
}

export function formatUrlState(location: AppLocation, settings: UrlSettings = {}): string {
  const pairs: [string, string | undefined][] = [];
  switch (location.view) {
    case 'home':
      break;
    case 'file':
      pairs.push(['url', location.url], ['path', location.path], ['t', location.time]);
      break;
    case 'local':
      pairs.push(['local', location.name], ['path', location.path], ['t', location.time]);
      break;
    case 'dandi':
      pairs.push(
        ['dandiset', location.dandiset],
        ['version', location.version],
        ['folder', location.folder],
        ['asset', location.assetId],
        ['assetPath', location.assetPath],
        ['path', location.path],
        ['t', location.time],
      );
      break;
    case 'across':
      pairs.push(
        ['across', location.dandiset ?? 'urls'],
        ['version', location.version],
        ['folder', location.folder],
        ['glob', location.glob],
        ...(location.urls ?? []).map((u): [string, string] => ['u', u]),
        ['table', location.table],
        ['sql', location.sql],
      );
      break;
  }
  pairs.push(['dandiApi', settings.dandiApi], ['bridge', settings.bridge]);
  const query = pairs
    .filter((pair): pair is [string, string] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${encodeQueryValue(value)}`)
    .join('&');
  return query === '' ? '' : '?' + query;
}

/** The selected path of a location, for the views that have one. */
export function locationPath(location: AppLocation): string | undefined {
  return location.view === 'home' || location.view === 'across' ? undefined : location.path;
}

/** The same location with another selected path. */
export function withPath(location: AppLocation, path: string | undefined): AppLocation {
  if (location.view === 'home' || location.view === 'across') return location;
  const next = { ...location };
  // Another object: the time window of the previous one does not apply.
  if (path !== next.path) delete next.time;
  if (path === undefined || path === '/') delete next.path;
  else next.path = path;
  return next;
}
