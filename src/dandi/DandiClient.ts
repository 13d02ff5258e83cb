/**
 * A typed client of the DANDI REST API (or any archive serving the same API). No React, no
 * caching beyond what makes asset opening free: the bucket base learned from listings, and the
 * embargo status of dandisets already seen.
 */
import type { SourceDescriptor } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { normalizeApiBase, presetForApi, PRODUCTION_API } from './apiBase';
import { apiKeys as sharedKeys, type ApiKeyStore } from './apiKeyStore';
import {
  bucketOf,
  downloadUrl,
  isEmbargoedMetadata,
  refFromListItem,
  refFromMetadata,
  resolveFromRef,
  sourceOf,
  type AssetRef,
  type ResolvedAsset,
} from './assetSource';
import {
  authHeaders,
  DEFAULT_TIMEOUT_MS,
  fetchWithTimeout,
  getJson,
  httpError,
  type ApiRequestContext,
} from './http';
import type {
  AssetListItem,
  AssetMetadata,
  AssetPathItem,
  DandisetInfo,
  Page,
  VersionInfo,
  VersionSummary,
} from './types';

export interface DandiClientOptions {
  apiBase?: string;
  keys?: ApiKeyStore;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** Public blob bucket; defaults to the preset's, else learned from the first S3 URL seen. */
  bucketBase?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/** Largest page the API serves. */
export const MAX_PAGE_SIZE = 1000;

export class DandiClient {
  readonly apiBase: string;
  readonly apiOrigin: string;
  private readonly keys: ApiKeyStore;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;
  private bucketBase: string | null;
  private readonly embargo = new Map<string, boolean>();

  constructor(options: DandiClientOptions = {}) {
    this.apiBase = normalizeApiBase(options.apiBase ?? PRODUCTION_API);
    this.apiOrigin = new URL(this.apiBase).origin;
    this.keys = options.keys ?? sharedKeys;
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    // Bound so a bare `fetch` reference is never called with the wrong `this` in browsers.
    this.fetchImpl = options.fetchImpl ?? ((input, init) => fetch(input, init));
    this.bucketBase = options.bucketBase ?? presetForApi(this.apiBase)?.bucket ?? null;
  }

  /** The key to send: none once the archive refused it as invalid (until the user sets one). */
  get apiKey(): string | null {
    return this.keys.isRejected(this.apiBase) ? null : this.keys.get(this.apiBase);
  }

  private ctx(): ApiRequestContext {
    return {
      apiOrigin: this.apiOrigin,
      apiKey: this.apiKey,
      timeoutMs: this.timeoutMs,
      fetchImpl: this.fetchImpl,
      onKeyRejected: () => this.keys.markRejected(this.apiBase),
    };
  }

  private url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const url = new URL(`${this.apiBase}${path}`);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  private get<T>(
    url: string,
    options: CallOptions & { notFound?: string; anonymousUrl?: string } = {},
  ): Promise<T> {
    return getJson<T>(url, this.ctx(), options);
  }

  /** Follows a `next` link of any paged endpoint. */
  fetchPage<T>(nextUrl: string, options: CallOptions = {}): Promise<Page<T>> {
    const url = new URL(nextUrl, this.apiBase);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      return Promise.reject(new ExplorerError('server', `Unexpected next link: ${nextUrl}`));
    }
    return this.get<Page<T>>(url.toString(), options).then((page) => this.learn(page));
  }

  // ---- dandisets -------------------------------------------------------------------------

  /**
   * Search over dandisets: free text (every word must occur in the metadata) and the archive's
   * `key:value` operators (an unknown key is a 400 whose message the error carries). One page;
   * follow `next`. With a key, the user's embargoed dandisets are included: the archive leaves
   * them out unless `embargoed=true` is sent, and refuses that parameter without a key (401).
   */
  searchDandisets(
    query: string,
    options: CallOptions & { page?: number; pageSize?: number } = {},
  ): Promise<Page<DandisetInfo>> {
    const params = {
      search: query.trim() || undefined,
      page: options.page,
      page_size: options.pageSize ?? 25,
      ordering: query.trim() ? undefined : '-modified',
    };
    const url = this.url('/dandisets/', {
      ...params,
      embargoed: this.apiKey ? 'true' : undefined,
    });
    const anonymousUrl = this.url('/dandisets/', params);
    return this.get<Page<DandisetInfo>>(url, { ...options, anonymousUrl }).then((page) => {
      page.results.forEach((d) => this.rememberEmbargo(d));
      return page;
    });
  }

  async getDandiset(id: string, options: CallOptions = {}): Promise<DandisetInfo> {
    const info = await this.get<DandisetInfo>(this.url(`/dandisets/${id}/`), {
      ...options,
      notFound: `Dandiset ${id} does not exist on ${this.archiveName()}.`,
    });
    this.rememberEmbargo(info);
    return info;
  }

  /** Every version (drafts and published), following pages. */
  async listVersions(id: string, options: CallOptions = {}): Promise<VersionSummary[]> {
    const versions: VersionSummary[] = [];
    let page = await this.get<Page<VersionSummary>>(
      this.url(`/dandisets/${id}/versions/`, { page_size: MAX_PAGE_SIZE }),
      { ...options, notFound: `Dandiset ${id} does not exist on ${this.archiveName()}.` },
    );
    versions.push(...page.results);
    while (page.next) {
      page = await this.fetchPage<VersionSummary>(page.next, options);
      versions.push(...page.results);
    }
    return versions;
  }

  getVersionInfo(id: string, version: string, options: CallOptions = {}): Promise<VersionInfo> {
    return this.get<VersionInfo>(this.url(`/dandisets/${id}/versions/${version}/info/`), {
      ...options,
      notFound: `Dandiset ${id} has no version "${version}".`,
    });
  }

  // ---- assets ----------------------------------------------------------------------------

  /**
   * One folder level: `prefix` is "" for the root or a folder path ending in "/". First page only;
   * follow `next` with fetchPage. File rows carry the S3 URL and size, so opening them is free.
   */
  listPaths(
    id: string,
    version: string,
    prefix: string,
    options: CallOptions & { pageSize?: number } = {},
  ): Promise<Page<AssetPathItem>> {
    const url = this.url(`/dandisets/${id}/versions/${version}/assets/paths/`, {
      path_prefix: prefix || undefined,
      page_size: options.pageSize ?? MAX_PAGE_SIZE,
    });
    return this.get<Page<AssetPathItem>>(url, {
      ...options,
      notFound: prefix
        ? `There is no folder "${prefix}" in dandiset ${id} version ${version}.`
        : `Dandiset ${id} has no version "${version}".`,
    }).then((page) => this.learn(page));
  }

  /** Flat listing, optionally filtered by a glob on the path (case-insensitive, `*` spans "/"). */
  listAssets(
    id: string,
    version: string,
    options: CallOptions & { glob?: string; path?: string; pageSize?: number } = {},
  ): Promise<Page<AssetListItem>> {
    const url = this.url(`/dandisets/${id}/versions/${version}/assets/`, {
      glob: options.glob || undefined,
      path: options.path || undefined,
      order: 'path',
      page_size: options.pageSize ?? MAX_PAGE_SIZE,
    });
    return this.get<Page<AssetListItem>>(url, {
      ...options,
      notFound: `Dandiset ${id} has no version "${version}".`,
    });
  }

  /**
   * The asset at exactly `path` in a version, or null: what a folder link that names a file
   * (`path_prefix` of a file answers 200 with an empty list) should open. One request: the
   * listing gives the asset named exactly alone, with its metadata (S3 URL and size).
   */
  async findAssetAtPath(
    id: string,
    version: string,
    path: string,
    options: CallOptions = {},
  ): Promise<AssetRef | null> {
    const url = this.url(`/dandisets/${id}/versions/${version}/assets/`, {
      path,
      metadata: 'true',
      page_size: 10,
    });
    const page = await this.get<Page<AssetListItem>>(url, {
      ...options,
      notFound: `Dandiset ${id} has no version "${version}".`,
    });
    const item = page.results.find((a) => a.path === path);
    return item ? refFromListItem(item) : null;
  }

  /** The asset's metadata document (contentUrl, contentSize, encodingFormat, ...). */
  async getAssetMetadata(
    assetId: string,
    scope: { dandiset?: string; version?: string } = {},
    options: CallOptions = {},
  ): Promise<AssetMetadata> {
    const path =
      scope.dandiset && scope.version
        ? `/dandisets/${scope.dandiset}/versions/${scope.version}/assets/${assetId}/`
        : `/assets/${assetId}/`;
    const meta = await this.get<AssetMetadata>(this.url(path), {
      ...options,
      notFound: scope.dandiset
        ? `Asset ${assetId} is not in dandiset ${scope.dandiset}${scope.version ? ` version ${scope.version}` : ''}.`
        : `Asset ${assetId} does not exist on ${this.archiveName()}.`,
    });
    const s3 = meta.contentUrl?.map(bucketOf).find((b) => b !== null);
    if (s3 && !this.bucketBase) this.bucketBase = s3;
    return meta;
  }

  // ---- opening ---------------------------------------------------------------------------

  /** Whether a dandiset's objects need the download redirect (known once its info was fetched). */
  isEmbargoed(dandiset: string): boolean {
    return this.embargo.get(dandiset) ?? false;
  }

  /**
   * Where an asset's bytes are. Costs no request when the ref already holds the S3 URL (or the
   * blob id with a known bucket) and the size; otherwise one metadata request.
   */
  async resolveAsset(
    ref: AssetRef,
    scope: { dandiset?: string; version?: string } = {},
    options: CallOptions = {},
  ): Promise<ResolvedAsset> {
    const embargoed = scope.dandiset ? this.isEmbargoed(scope.dandiset) : false;
    const ctx = {
      apiBase: this.apiBase,
      apiKey: this.apiKey,
      bucketBase: this.bucketBase,
      embargoed,
    };
    const direct = resolveFromRef(ref, ctx);
    if (direct) return direct;
    const meta = await this.getAssetMetadata(ref.assetId, scope, options);
    // Known without the dandiset: an asset opened from a bare API URL says so itself.
    ctx.embargoed ||= isEmbargoedMetadata(meta);
    const fromMeta = refFromMetadata(ref.assetId, meta);
    const merged: AssetRef = {
      ...ref,
      ...Object.fromEntries(Object.entries(fromMeta).filter(([, v]) => v != null)),
      path: ref.path || fromMeta.path,
    };
    const resolved = resolveFromRef(merged, { ...ctx, bucketBase: this.bucketBase });
    if (resolved) return resolved;
    // No S3 URL at all (an archive that does not publish one): read through the API redirect.
    const viaApi = resolveFromRef(merged, { ...ctx, embargoed: true });
    if (viaApi) return viaApi;
    throw new ExplorerError(
      'server',
      `The archive gave no location for the bytes of asset ${ref.assetId} (${merged.path}).`,
    );
  }

  /** resolveAsset, as what the reader opens (a Zarr asset is its store's folder URL). */
  async resolveAssetSource(
    ref: AssetRef,
    scope: { dandiset?: string; version?: string } = {},
    options: CallOptions = {},
  ): Promise<SourceDescriptor> {
    return sourceOf(await this.resolveAsset(ref, scope, options));
  }

  /**
   * The presigned URL the download endpoint redirects to right now. Call again when it expires
   * (S3 answers 403). Reads one byte so no body is transferred; `response.url` is the final URL
   * after redirects, and the key is only attached for the API origin (fetch drops Authorization
   * on a cross-origin redirect).
   */
  async resolveAssetDownloadUrl(assetId: string, options: CallOptions = {}): Promise<string> {
    const url = downloadUrl(this.apiBase, assetId);
    const headers = { ...authHeaders(url, this.ctx()), Range: 'bytes=0-0' };
    delete (headers as Record<string, string>).Accept;
    const response = await fetchWithTimeout(url, { headers }, this.ctx(), options.signal);
    await response.body?.cancel().catch(() => undefined);
    if (response.status === 400) {
      throw new ExplorerError(
        'unsupported',
        'This asset is a Zarr store, which has no single download URL: open its store URL instead.',
      );
    }
    if (!response.ok) {
      // A failure after the redirect is the object store's, not the API's.
      if (response.redirected) {
        throw new ExplorerError(
          response.status === 404 ? 'not-found' : 'forbidden',
          `The presigned URL for asset ${assetId} was refused (${response.status}).`,
        );
      }
      throw httpError(
        response.status,
        'Authorization' in headers,
        url,
        `Asset ${assetId} does not exist.`,
      );
    }
    return response.url;
  }

  // ---- helpers ---------------------------------------------------------------------------

  /** Latest published version, else the draft. */
  static defaultVersion(info: DandisetInfo): string {
    return info.most_recent_published_version?.version ?? info.draft_version?.version ?? 'draft';
  }

  private archiveName(): string {
    return presetForApi(this.apiBase)?.label ?? new URL(this.apiBase).host;
  }

  private rememberEmbargo(info: DandisetInfo): void {
    this.embargo.set(info.identifier, (info.embargo_status ?? 'OPEN') !== 'OPEN');
  }

  /** Learns the bucket base from the first S3 URL a listing shows (for archives without a preset). */
  private learn<T>(page: Page<T>): Page<T> {
    if (this.bucketBase) return page;
    for (const item of page.results as unknown[]) {
      const url = (item as Partial<AssetPathItem>).asset?.url;
      const bucket = url ? bucketOf(url) : null;
      if (bucket) {
        this.bucketBase = bucket;
        break;
      }
    }
    return page;
  }
}
