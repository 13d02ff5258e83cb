/**
 * The DANDI REST API's response shapes, as far as this app reads them.
 *
 * Field names follow the real API (dandi-archive serializers); fields we do not use are left out.
 * Everything the server may omit or send as null is typed so, because older versions, sandbox and
 * compatible archives differ in small ways.
 */

/** A page of any paged endpoint. `count` is only given on the first page of asset listings. */
export interface Page<T> {
  count?: number | null;
  next: string | null;
  previous?: string | null;
  results: T[];
}

export type EmbargoStatus = 'OPEN' | 'EMBARGOED' | 'UNEMBARGOING';

/** A version as listed (no metadata): `/dandisets/{id}/versions/` and inside a dandiset. */
export interface VersionSummary {
  version: string;
  name: string;
  asset_count: number;
  size: number;
  status?: string;
  created: string;
  modified: string;
}

/** `/dandisets/{id}/` and the items of `/dandisets/?search=`. */
export interface DandisetInfo {
  identifier: string;
  created: string;
  modified: string;
  contact_person?: string;
  embargo_status?: EmbargoStatus;
  most_recent_published_version: VersionSummary | null;
  draft_version: VersionSummary | null;
}

/** A contributor in dandiset metadata (a Person or an Organization). */
export interface Contributor {
  name?: string;
  schemaKey?: string;
  roleName?: string[];
  identifier?: string;
  email?: string;
  affiliation?: { name?: string }[];
}

/** The parts of dandiset (version) metadata the dandiset page shows. */
export interface DandisetMetadata {
  name?: string;
  description?: string;
  license?: string[];
  contributor?: Contributor[];
  citation?: string;
  doi?: string;
  keywords?: string[];
  url?: string;
  assetsSummary?: {
    numberOfBytes?: number;
    numberOfFiles?: number;
    numberOfSubjects?: number;
    species?: { name?: string }[];
    approach?: { name?: string }[];
    dataStandard?: { name?: string }[];
  };
}

/** `/dandisets/{id}/versions/{v}/info/`. */
export interface VersionInfo extends VersionSummary {
  metadata: DandisetMetadata;
  contact_person?: string;
}

/** An item of `/dandisets/{id}/versions/{v}/assets/`. */
export interface AssetListItem {
  asset_id: string;
  /**
   * The blob id of every blob asset, embargoed ones included; null only for Zarr assets
   * (dandi-archive serializers.py AssetSerializer: a SlugRelatedField on the blob).
   */
  blob: string | null;
  zarr: string | null;
  path: string;
  size: number;
  created: string;
  modified: string;
  metadata?: AssetMetadata;
}

/** An item of `/dandisets/{id}/versions/{v}/assets/paths/`: a folder (asset null) or a file. */
export interface AssetPathItem {
  /** Full path from the dandiset root, without a trailing slash. */
  path: string;
  aggregate_files: number;
  aggregate_size: number;
  /** `url` is the object's S3 URL (blob or Zarr store); older servers send only asset_id. */
  asset: { asset_id: string; url?: string | null } | null;
}

/** `/assets/{asset_id}/`: the asset's metadata document. */
export interface AssetMetadata {
  identifier?: string;
  path?: string;
  contentSize?: number;
  encodingFormat?: string;
  /** The API download URL and the object's S3 URL (blob or Zarr store). */
  contentUrl?: string[];
  digest?: Record<string, string>;
  dateModified?: string;
  blobDateModified?: string;
  /** `status` is 'dandi:EmbargoedAccess' for an embargoed blob or Zarr, else 'dandi:OpenAccess'. */
  access?: { status?: string; embargoedUntil?: string }[];
}
