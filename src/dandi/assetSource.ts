/**
 * From what we know about an asset to where its bytes are. Pure: no requests (the client fills
 * in what is missing and calls these).
 */
import type { SourceDescriptor } from '../bytes/ByteSource';
import type { AssetListItem, AssetMetadata, AssetPathItem } from './types';

/** What the listings tell us about an asset; any field may be missing depending on the source. */
export interface AssetRef {
  assetId: string;
  path: string;
  size?: number;
  blobId?: string | null;
  zarrId?: string | null;
  /** The object's S3 URL (the paths listing's `url` or contentUrl's S3 entry). */
  s3Url?: string | null;
  encodingFormat?: string;
}

export type ResolvedAsset =
  | { kind: 'hdf5'; asset: AssetRef; source: SourceDescriptor; embargoed: boolean }
  /** A Zarr store: its folder URL (trailing slash), handed to the reader as a URL source. */
  | { kind: 'zarr'; asset: AssetRef; storeUrl: string };

/** `{bucket}/blobs/{b[0:3]}/{b[3:6]}/{blob}`: the S3 layout DANDI uses for every blob. */
export function blobUrl(bucketBase: string, blobId: string): string {
  const base = bucketBase.replace(/\/+$/, '');
  return `${base}/blobs/${blobId.slice(0, 3)}/${blobId.slice(3, 6)}/${blobId}`;
}

export function zarrUrl(bucketBase: string, zarrId: string): string {
  return `${bucketBase.replace(/\/+$/, '')}/zarr/${zarrId}/`;
}

/** The bucket base of an S3 object URL (`https://bucket.s3.amazonaws.com`), if it has one. */
export function bucketOf(s3Url: string): string | null {
  const m = /^(.*?)\/(?:blobs\/[0-9a-f]{3}\/[0-9a-f]{3}|zarr)\/[0-9a-f-]{36}/i.exec(s3Url);
  return m ? m[1] : null;
}

/** contentUrl holds the API download URL and the S3 URL; the S3 one is what we read. */
export function s3UrlFromContentUrl(contentUrl: readonly string[] | undefined): string | null {
  return contentUrl?.find((u) => bucketOf(u) !== null) ?? null;
}

export function isZarrPath(path: string): boolean {
  return /\.(zarr|ngff)\/?$/i.test(path);
}

export function refFromListItem(item: AssetListItem): AssetRef {
  return {
    assetId: item.asset_id,
    path: item.path,
    size: item.size,
    blobId: item.blob,
    zarrId: item.zarr,
    s3Url: s3UrlFromContentUrl(item.metadata?.contentUrl),
    encodingFormat: item.metadata?.encodingFormat,
  };
}

/** A file row of the paths listing (folders have no asset). */
export function refFromPathItem(item: AssetPathItem): AssetRef | null {
  if (!item.asset) return null;
  return {
    assetId: item.asset.asset_id,
    path: item.path,
    size: item.aggregate_size,
    s3Url: item.asset.url ?? null,
  };
}

/** The metadata says the asset is embargoed (its bytes are readable only through the API). */
export function isEmbargoedMetadata(meta: AssetMetadata): boolean {
  return meta.access?.some((a) => a.status === 'dandi:EmbargoedAccess') ?? false;
}

export function refFromMetadata(assetId: string, meta: AssetMetadata): AssetRef {
  const s3Url = s3UrlFromContentUrl(meta.contentUrl);
  return {
    assetId,
    path: meta.path ?? assetId,
    size: meta.contentSize,
    s3Url,
    zarrId: s3Url && /\/zarr\//.test(s3Url) ? /\/zarr\/([0-9a-f-]{36})/i.exec(s3Url)?.[1] : null,
    encodingFormat: meta.encodingFormat,
  };
}

export function isZarrRef(ref: AssetRef): boolean {
  return (
    !!ref.zarrId ||
    ref.encodingFormat === 'application/x-zarr' ||
    (!!ref.s3Url && /\/zarr\//.test(ref.s3Url)) ||
    isZarrPath(ref.path)
  );
}

export interface ResolveContext {
  apiBase: string;
  apiKey: string | null;
  /** Known bucket base, to build a blob URL from a bare blob id. */
  bucketBase: string | null;
  /** Embargoed (or unembargoing) dandisets are readable only through the download redirect. */
  embargoed: boolean;
}

/**
 * Resolves without any request when the ref says enough; returns null when the client must fetch
 * the asset's metadata first (an open blob whose URL or size is unknown).
 */
export function resolveFromRef(ref: AssetRef, ctx: ResolveContext): ResolvedAsset | null {
  if (isZarrRef(ref)) {
    const storeUrl =
      ref.s3Url ?? (ref.zarrId && ctx.bucketBase ? zarrUrl(ctx.bucketBase, ref.zarrId) : null);
    return storeUrl ? { kind: 'zarr', asset: ref, storeUrl } : null;
  }
  if (ctx.embargoed) {
    return { kind: 'hdf5', asset: ref, source: downloadSource(ref, ctx), embargoed: true };
  }
  const url =
    ref.s3Url ?? (ref.blobId && ctx.bucketBase ? blobUrl(ctx.bucketBase, ref.blobId) : null);
  // The real bucket exposes only ETag to pages: Content-Range is hidden, and Content-Length is the
  // length of the part, so without the size from the API the byte layer could not learn it.
  if (!url || ref.size === undefined) return null;
  return {
    kind: 'hdf5',
    asset: ref,
    source: { kind: 'url', url, size: ref.size },
    embargoed: false,
  };
}

/** The API download endpoint, which redirects to a presigned S3 URL; the key goes to the API only. */
export function downloadUrl(apiBase: string, assetId: string): string {
  return `${apiBase}/assets/${assetId}/download/`;
}

function downloadSource(ref: AssetRef, ctx: ResolveContext): SourceDescriptor {
  const apiOrigin = new URL(ctx.apiBase).origin;
  return {
    kind: 'url',
    url: downloadUrl(ctx.apiBase, ref.assetId),
    ...(ref.size !== undefined ? { size: ref.size } : {}),
    ...(ctx.apiKey
      ? { headers: { Authorization: `token ${ctx.apiKey}` }, headersOrigin: apiOrigin }
      : {}),
  };
}

/**
 * What the reader opens: an HDF5 asset's source, or a Zarr store's folder URL (ending in "/"), for
 * the reader layer to open with its Zarr backend (or to say why it cannot).
 */
export function sourceOf(resolved: ResolvedAsset): SourceDescriptor {
  if (resolved.kind === 'zarr') {
    return { kind: 'url', url: resolved.storeUrl.replace(/\/*$/, '/') };
  }
  return resolved.source;
}

/**
 * When a presigned URL stops working, from its own query: SigV4 (`X-Amz-Date` + `X-Amz-Expires`)
 * or SigV2 (`Expires`, epoch seconds). Null when the URL does not say.
 */
export function presignedExpiry(url: string): number | null {
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return null;
  }
  const date = params.get('X-Amz-Date');
  const expires = params.get('X-Amz-Expires');
  if (date && expires) {
    const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
    if (!m) return null;
    const start = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
    return start + Number(expires) * 1000;
  }
  const v2 = params.get('Expires');
  return v2 && /^\d+$/.test(v2) ? Number(v2) * 1000 : null;
}
