/**
 * Which archive we talk to. The API base is a setting (URL param `dandiApi`): production, sandbox
 * or any archive that serves the same REST API (tests point it at a local stand-in).
 */

export const PRODUCTION_API = 'https://api.dandiarchive.org/api';
export const SANDBOX_API = 'https://api.sandbox.dandiarchive.org/api';

export interface ArchivePreset {
  label: string;
  api: string;
  /** Web UI host, used to recognise dandiset page URLs pasted by the user. */
  web: string;
  /** Base of public blob URLs (`{bucket}/blobs/...`), so a listed blob id needs no extra request. */
  bucket: string;
}

export const ARCHIVE_PRESETS: readonly ArchivePreset[] = [
  {
    label: 'DANDI',
    api: PRODUCTION_API,
    web: 'https://dandiarchive.org',
    bucket: 'https://dandiarchive.s3.amazonaws.com',
  },
  {
    label: 'DANDI sandbox',
    api: SANDBOX_API,
    web: 'https://sandbox.dandiarchive.org',
    bucket: 'https://dandi-api-staging-dandisets.s3.amazonaws.com',
  },
];

/**
 * Canonical form of an API base: no trailing slash, no query. Throws a plain Error for text that
 * is not an http(s) URL, so a bad `dandiApi` parameter is reported instead of silently ignored.
 */
export function normalizeApiBase(base: string): string {
  const url = new URL(base.trim());
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`A DANDI API base must be an http(s) URL, not ${url.protocol}`);
  }
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

export function presetForApi(base: string): ArchivePreset | undefined {
  return ARCHIVE_PRESETS.find((p) => p.api === base);
}

/** Reads the `dandiApi` query parameter; falls back to production for absent or invalid values. */
export function apiBaseFromQuery(search: string | URLSearchParams): string {
  const params = typeof search === 'string' ? new URLSearchParams(search) : search;
  const raw = params.get('dandiApi');
  if (!raw) return PRODUCTION_API;
  try {
    return normalizeApiBase(raw);
  } catch {
    return PRODUCTION_API;
  }
}
