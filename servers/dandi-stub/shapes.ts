/**
 * JSON shapes as the real DANDI API serves them (field names from dandi-archive's serializers and
 * the example responses in ../shared/testdata/dandi-api).
 */
import { createHash } from 'node:crypto';
import type { StubAsset, StubDandiset, StubVersion } from './fixtures';
import type { PathEntry } from './paths';

export interface Urls {
  /** API base, e.g. http://127.0.0.1:1234/api */
  api: string;
  /** Object store origin. */
  bucket: string;
}

const SCHEMA = 'https://raw.githubusercontent.com/dandi/schema/master/releases/0.6.8/context.json';

export function versionSummary(v: StubVersion) {
  return {
    version: v.version,
    name: v.name,
    asset_count: v.assets.length,
    size: v.assets.reduce((n, a) => n + a.size, 0),
    status: 'Valid',
    created: v.created,
    modified: v.modified,
  };
}

export function dandisetJson(d: StubDandiset) {
  const latest = d.published.at(-1);
  return {
    identifier: d.identifier,
    created: d.created,
    modified: d.modified,
    contact_person:
      d.draft.contributors.find((c) => c.roleName.includes('dcite:ContactPerson'))?.name ?? '',
    embargo_status: d.embargoed ? 'EMBARGOED' : 'OPEN',
    most_recent_published_version: latest ? versionSummary(latest) : null,
    draft_version: versionSummary(d.draft),
  };
}

export function versionMetadata(d: StubDandiset, v: StubVersion, urls: Urls) {
  const subjects = new Set(
    v.assets.map((a) => a.path.split('/')[0]).filter((p) => p.startsWith('sub-')),
  );
  return {
    '@context': SCHEMA,
    schemaKey: 'Dandiset',
    schemaVersion: '0.6.8',
    id: `DANDI:${d.identifier}/${v.version}`,
    identifier: `DANDI:${d.identifier}`,
    name: v.name,
    description: v.description,
    version: v.version,
    dateCreated: d.created,
    url: `${urls.api.replace(/\/api$/, '')}/dandiset/${d.identifier}/${v.version}`,
    license: v.license,
    contributor: v.contributors.map((c) => ({ ...c, includeInCitation: true })),
    citation: `${v.contributors[0]?.name ?? 'Anonymous'} (2024) ${v.name} (Version ${v.version}) [Data set]. DANDI Archive.`,
    access: [
      {
        schemaKey: 'AccessRequirements',
        status: d.embargoed ? 'dandi:EmbargoedAccess' : 'dandi:OpenAccess',
      },
    ],
    assetsSummary: {
      schemaKey: 'AssetsSummary',
      numberOfBytes: v.assets.reduce((n, a) => n + a.size, 0),
      numberOfFiles: v.assets.length,
      numberOfSubjects: subjects.size,
      species: [{ schemaKey: 'SpeciesType', name: 'Mus musculus - House mouse' }],
      dataStandard: [{ schemaKey: 'StandardsType', name: 'Neurodata Without Borders (NWB)' }],
    },
  };
}

export function versionInfo(d: StubDandiset, v: StubVersion, urls: Urls) {
  return {
    ...versionSummary(v),
    asset_validation_errors: [],
    version_validation_errors: [],
    metadata: versionMetadata(d, v, urls),
    contact_person: dandisetJson(d).contact_person,
  };
}

export function s3Url(a: StubAsset, urls: Urls): string {
  if (a.zarrId) return `${urls.bucket}/zarr/${a.zarrId}/`;
  const b = a.blobId as string;
  return `${urls.bucket}/blobs/${b.slice(0, 3)}/${b.slice(3, 6)}/${b}`;
}

function fakeDigest(a: StubAsset): Record<string, string> {
  const h = createHash('sha256').update(a.assetId).digest('hex');
  return a.zarrId
    ? { 'dandi:dandi-zarr-checksum': `${h.slice(0, 32)}-1--${a.size}` }
    : { 'dandi:dandi-etag': `${h.slice(0, 32)}-1`, 'dandi:sha2-256': h };
}

/**
 * `/assets/{id}/`: the asset's full_metadata (dandi-archive dandiapi/api/models/asset.py:293-317):
 * contentUrl is [API download URL, S3 URL without query], contentSize the blob's or Zarr's size,
 * access says EmbargoedAccess for an embargoed blob or Zarr (asset.py:245-253).
 */
export function assetMetadata(a: StubAsset, urls: Urls, embargoed = false) {
  return {
    '@context': SCHEMA,
    schemaKey: 'Asset',
    schemaVersion: '0.6.8',
    id: `dandiasset:${a.assetId}`,
    identifier: a.assetId,
    path: a.path,
    contentSize: a.size,
    encodingFormat: a.encodingFormat,
    contentUrl: [`${urls.api}/assets/${a.assetId}/download/`, s3Url(a, urls)],
    digest: fakeDigest(a),
    dateModified: a.modified,
    blobDateModified: a.modified,
    access: [
      {
        schemaKey: 'AccessRequirements',
        status: embargoed ? 'dandi:EmbargoedAccess' : 'dandi:OpenAccess',
      },
    ],
  };
}

/**
 * An item of the asset listing (serializers.py:472-489): `blob` is the blob id for every blob
 * asset, embargoed or not, and null only for Zarr assets; `zarr` the reverse.
 */
export function assetListItem(a: StubAsset, urls: Urls, withMetadata: boolean, embargoed = false) {
  return {
    asset_id: a.assetId,
    blob: a.blobId ?? null,
    zarr: a.zarrId ?? null,
    path: a.path,
    size: a.size,
    created: a.created,
    modified: a.modified,
    ...(withMetadata ? { metadata: assetMetadata(a, urls, embargoed) } : {}),
  };
}

export function pathItem(e: PathEntry, versionPk: number, urls: Urls) {
  return {
    path: e.path,
    version: versionPk,
    aggregate_files: e.files,
    aggregate_size: e.size,
    asset: e.asset ? { asset_id: e.asset.assetId, url: s3Url(e.asset, urls) } : null,
  };
}
