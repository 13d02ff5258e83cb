/**
 * Turns what a user pastes (an ID, a dandiset page, an API or S3 URL, a neurosift link) into
 * what to open. Pure: no requests.
 */
import { ARCHIVE_PRESETS } from './apiBase';

export type DandiTarget =
  | { kind: 'dandiset'; dandiset: string; version?: string; folder?: string; apiBase?: string }
  | { kind: 'asset'; assetId: string; dandiset?: string; version?: string; apiBase?: string }
  /** A public S3 blob URL: its bytes can be read directly (no API involved). */
  | { kind: 'blob'; blobId: string; url: string }
  /** An S3 Zarr store URL. */
  | { kind: 'zarr'; zarrId: string; url: string };

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const UUID_RE = new RegExp(`^${UUID}$`, 'i');
const VERSION_RE = /^(draft|\d+\.\d{6}\.\d{4})$/;

/** Dandiset identifiers are six digits; shorter numbers are padded ("17" is 000017). */
export function normalizeDandisetId(text: string): string | null {
  const m = /^(?:DANDI:)?(\d{1,6})$/i.exec(text.trim());
  return m ? m[1].padStart(6, '0') : null;
}

export function isVersionId(text: string): boolean {
  return VERSION_RE.test(text);
}

export function parseDandiInput(text: string): DandiTarget | null {
  const trimmed = text.trim();
  if (!trimmed) return null;

  const id = normalizeDandisetId(trimmed);
  if (id) return { kind: 'dandiset', dandiset: id };

  // "DANDI:000017/0.230629.1955" is how dandiset metadata writes a version's id.
  const withVersion = /^DANDI:(\d{6})\/([^/\s]+)$/i.exec(trimmed);
  if (withVersion && isVersionId(withVersion[2])) {
    return { kind: 'dandiset', dandiset: withVersion[1], version: withVersion[2] };
  }
  // A DOI as citations write it: "10.48324/dandi.000017/0.230629.1955", maybe after "doi:".
  const doi = /^(?:doi:\s*)?10\.\d{4,9}\/dandi\.(\d{6})(?:\/([^/\s]+))?$/i.exec(trimmed);
  if (doi) {
    return {
      kind: 'dandiset',
      dandiset: doi[1],
      ...(doi[2] && isVersionId(doi[2]) ? { version: doi[2] } : {}),
    };
  }

  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  return parseUrl(url);
}

function parseUrl(url: URL): DandiTarget | null {
  return (
    parseNeurosift(url) ?? parseS3(url) ?? parseApiUrl(url) ?? parseDoi(url) ?? parseWebUrl(url)
  );
}

/** neurosift links carry the asset URL in `url` and the dandiset in `dandisetId`. */
function parseNeurosift(url: URL): DandiTarget | null {
  const inner = url.searchParams.get('url');
  const dandisetId = url.searchParams.get('dandisetId');
  const version = url.searchParams.get('dandisetVersion') ?? undefined;
  if (inner) {
    const target = parseDandiInput(inner);
    if (target?.kind === 'asset') {
      const dandiset = target.dandiset ?? normalizeDandisetId(dandisetId ?? '') ?? undefined;
      return { ...target, dandiset, version: target.version ?? version };
    }
    if (target) return target;
  }
  const id = dandisetId ? normalizeDandisetId(dandisetId) : null;
  if (id) return { kind: 'dandiset', dandiset: id, version };
  return null;
}

/** `.../blobs/abc/def/<uuid>` and `.../zarr/<uuid>/` on any host (the bucket may be a mirror). */
function parseS3(url: URL): DandiTarget | null {
  const blob = new RegExp(`/blobs/[0-9a-f]{3}/[0-9a-f]{3}/(${UUID})$`, 'i').exec(url.pathname);
  if (blob) return { kind: 'blob', blobId: blob[1].toLowerCase(), url: url.toString() };
  const zarr = new RegExp(`/zarr/(${UUID})/?`, 'i').exec(url.pathname);
  if (zarr) {
    const storeUrl = `${url.origin}${url.pathname.slice(0, zarr.index)}/zarr/${zarr[1]}/`;
    return { kind: 'zarr', zarrId: zarr[1].toLowerCase(), url: storeUrl };
  }
  return null;
}

/**
 * API URLs: `<base>/assets/<id>/...` and `<base>/dandisets/<id>/[versions/<v>/[assets/<id>/...]]`.
 * The API base is whatever precedes `/assets` or `/dandisets`, so any compatible archive works.
 */
function parseApiUrl(url: URL): DandiTarget | null {
  const path = url.pathname;
  const asset = new RegExp(`^(.*?)/assets/(${UUID})(?:/.*)?$`, 'i').exec(path);
  const dandiset =
    /^(.*?)\/dandisets\/(\d{6})(?:\/versions\/([^/]+))?(?:\/assets\/([^/]+))?(?:\/.*)?$/.exec(path);

  if (dandiset && dandiset[1].endsWith('/api')) {
    const apiBase = url.origin + dandiset[1];
    const version = dandiset[3] && dandiset[3] !== 'assets' ? dandiset[3] : undefined;
    const assetId = dandiset[4] && UUID_RE.test(dandiset[4]) ? dandiset[4] : undefined;
    if (assetId) return { kind: 'asset', assetId, dandiset: dandiset[2], version, apiBase };
    return { kind: 'dandiset', dandiset: dandiset[2], version, apiBase };
  }
  if (asset && asset[1].endsWith('/api')) {
    return { kind: 'asset', assetId: asset[2].toLowerCase(), apiBase: url.origin + asset[1] };
  }
  return null;
}

/** `https://doi.org/10.48324/dandi.000017/0.230629.1955` (the citation DOI). */
function parseDoi(url: URL): DandiTarget | null {
  if (url.hostname !== 'doi.org' && url.hostname !== 'dx.doi.org') return null;
  const m = /\/dandi\.(\d{6})(?:\/([^/]+))?/i.exec(url.pathname);
  if (!m) return null;
  return {
    kind: 'dandiset',
    dandiset: m[1],
    version: m[2] && isVersionId(m[2]) ? m[2] : undefined,
  };
}

/**
 * Web UI pages: `/dandiset/<id>[/<version>][/files?location=<folder>]`, also the older
 * `#/dandiset/...` form. The archive is known when the host is a preset's web host.
 */
function parseWebUrl(url: URL): DandiTarget | null {
  const route = url.hash.startsWith('#/') ? url.hash.slice(1) : url.pathname;
  const m = /\/dandiset\/(\d{6})(?:\/([^/?#]+))?(?:\/files)?/.exec(route);
  if (!m) return null;
  const preset = ARCHIVE_PRESETS.find((p) => new URL(p.web).host === url.host);
  const version = m[2] && isVersionId(m[2]) ? m[2] : undefined;
  const location = url.searchParams.get('location') ?? undefined;
  const folder = location ? location.replace(/^\/+/, '').replace(/\/?$/, '/') : undefined;
  return {
    kind: 'dandiset',
    dandiset: m[1],
    ...(version ? { version } : {}),
    ...(folder && folder !== '/' ? { folder } : {}),
    ...(preset ? { apiBase: preset.api } : {}),
  };
}
