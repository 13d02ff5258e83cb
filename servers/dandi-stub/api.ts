/**
 * The stand-in's REST routes under /api. Each handler answers like dandi-archive does (file and
 * line beside each rule, dandi/dandi-archive at 3e3c3c9c): DRF-style `{"detail": ...}` errors, 401
 * "Invalid token." for a bad key on any endpoint, 401 for an embargoed dandiset without a key and
 * 403 for a key that does not own it, 302 from the download endpoint to a presigned URL on the
 * object store's origin.
 */
import type { IncomingMessage } from 'node:http';
import { AUTH_CHALLENGE, authenticate, type Caller } from './auth';
import type { StubAsset, StubDandiset, StubVersion } from './fixtures';
import { PageError, paginate } from './pagination';
import { buildPathIndex, type PathIndex } from './paths';
import type { Presigner } from './presign';
import {
  matchesSearch,
  parseSearch,
  SearchSyntaxError,
  validateOperators,
  type Searchable,
} from './search';
import {
  assetListItem,
  assetMetadata,
  dandisetJson,
  pathItem,
  s3Url,
  versionInfo,
  versionMetadata,
  versionSummary,
  type Urls,
} from './shapes';

export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiContext {
  archive: StubDandiset[];
  urls: Urls;
  presigner: Presigner;
  /** The key of the user who owns the embargoed dandisets. */
  validKey: string;
  /** The key of a user who owns nothing (403 on embargoed dandisets). */
  otherKey: string;
  presignTtlSeconds: () => number;
}

const json = (status: number, body: unknown): ApiReply => ({ status, body });
const detail = (status: number, text: string) => json(status, { detail: text });
const NOT_FOUND = detail(404, 'Not found.');

class Reply extends Error {
  constructor(readonly reply: ApiReply) {
    super(String(reply.status));
  }
}

export function createApi(ctx: ApiContext) {
  const byId = new Map(ctx.archive.map((d) => [d.identifier, d]));
  const assetOwner = new Map<string, { d: StubDandiset; a: StubAsset }>();
  for (const d of ctx.archive) {
    for (const v of [d.draft, ...d.published])
      for (const a of v.assets) assetOwner.set(a.assetId, { d, a });
  }
  const pathIndexes = new WeakMap<StubVersion, PathIndex>();
  const versionPk = new WeakMap<StubVersion, number>();
  let nextPk = 1;

  /**
   * An embargoed dandiset needs its owner: views/dandiset.py:255-263 and 277-278 (the dandiset),
   * views/asset.py:87-99 and 238-244 (its assets): NotAuthenticated (401) without a user,
   * PermissionDenied (403) for a user who does not own it.
   */
  const authorize = (d: StubDandiset, caller: Caller) => {
    if (!d.embargoed) return;
    if (caller.kind === 'anonymous') {
      throw new Reply(detail(401, 'Authentication credentials were not provided.'));
    }
    if (!caller.owner) {
      throw new Reply(detail(403, 'You do not have permission to perform this action.'));
    }
  };

  const dandiset = (id: string, caller: Caller) => {
    const d = byId.get(id);
    if (!d) throw new Reply(NOT_FOUND);
    authorize(d, caller);
    return d;
  };

  const versionOf = (d: StubDandiset, v: string) => {
    const found = v === 'draft' ? d.draft : d.published.find((p) => p.version === v);
    if (!found) throw new Reply(NOT_FOUND);
    return found;
  };

  const pathIndex = (v: StubVersion) => {
    let index = pathIndexes.get(v);
    if (!index) pathIndexes.set(v, (index = buildPathIndex(v.assets)));
    return index;
  };

  const pk = (v: StubVersion) => {
    let n = versionPk.get(v);
    if (n === undefined) versionPk.set(v, (n = nextPk++));
    return n;
  };

  const assetIn = (v: StubVersion, assetId: string) => {
    const a = v.assets.find((x) => x.assetId === assetId);
    if (!a) throw new Reply(NOT_FOUND);
    return a;
  };

  /**
   * views/asset.py:125-175: a Zarr asset has no download link (400, a bare JSON string); a blob
   * redirects (302, `content_disposition` defaults to attachment) to a presigned S3 URL signed
   * for GET, for open and embargoed blobs alike.
   */
  const download = (a: StubAsset): ApiReply => {
    if (a.zarrId) {
      return json(
        400,
        'Unable to provide download link for zarr assets. Please browse the zarr files directly to do so.',
      );
    }
    const target = new URL(s3Url(a, ctx.urls));
    const location = ctx.presigner.sign(target.origin, target.pathname, ctx.presignTtlSeconds());
    return { status: 302, headers: { Location: location } };
  };

  /** A stand-alone asset route: the asset's dandiset decides whether a key is needed. */
  const looseAsset = (assetId: string, caller: Caller) => {
    const owner = assetOwner.get(assetId);
    if (!owner) throw new Reply(NOT_FOUND);
    authorize(owner.d, caller);
    return owner;
  };

  /** The JSON text of every version's metadata, for free-text search (dandiset.py:170-175). */
  const searchables = new WeakMap<StubDandiset, Searchable>();
  const searchable = (d: StubDandiset) => {
    let s = searchables.get(d);
    if (!s) {
      s = {
        created: d.created,
        metadataTexts: [d.draft, ...d.published].map((v) =>
          JSON.stringify(versionMetadata(d, v, ctx.urls)),
        ),
        species: ['Mus musculus - House mouse'],
      };
      searchables.set(d, s);
    }
    return s;
  };

  function listDandisets(url: URL, caller: Caller): ApiReply {
    const q = url.searchParams;
    // serializers.py:302-304: `embargoed` defaults to false. dandiset.py:213-215: asking for
    // embargoed dandisets without a user is UnauthorizedEmbargoAccessError, a 401 whose body is
    // the bare message (embargo/exceptions.py:28-32; drf_utils.py:32-33 renders a DandiError so).
    const showEmbargoed = ['true', 'True', '1'].includes(q.get('embargoed') ?? '');
    if (showEmbargoed && caller.kind === 'anonymous') {
      return json(
        401,
        'Authentication credentials must be provided when attempting to access embargoed dandisets',
      );
    }
    // dandiset.py:194 and permissions/dandiset.py:83-105: open dandisets and those the user
    // owns; dandiset.py:243-244: embargoed ones only with embargoed=true.
    const visible = ctx.archive.filter(
      (d) => !d.embargoed || (showEmbargoed && caller.kind === 'user' && caller.owner),
    );
    let parsed;
    try {
      parsed = parseSearch((q.get('search') ?? '').replace(/\0/g, ''));
      validateOperators(parsed);
    } catch (e) {
      if (e instanceof SearchSyntaxError) return json(400, { search: e.message });
      throw e;
    }
    const hits = visible
      .filter((d) => q.get('empty') !== 'false' || d.draft.assets.length > 0)
      .filter((d) => matchesSearch(parsed, searchable(d)))
      .sort((a, b) =>
        q.get('ordering') === '-modified'
          ? b.modified.localeCompare(a.modified)
          : a.identifier.localeCompare(b.identifier),
      );
    return json(200, paginate(hits.map(dandisetJson), url, { lazy: false }));
  }

  function route(url: URL, req: IncomingMessage): ApiReply {
    const auth = authenticate(req, { owner: ctx.validKey, other: ctx.otherKey });
    if (!auth.ok) return { ...detail(401, auth.detail), headers: AUTH_CHALLENGE };
    const caller = auth.caller;
    const p = url.pathname.replace(/^\/api/, '');
    const q = url.searchParams;
    let m: RegExpExecArray | null;

    if (p === '/info/') {
      return json(200, {
        schema_version: '0.6.8',
        version: 'stub',
        services: { api: { url: ctx.urls.api } },
      });
    }
    if (p === '/dandisets/') return listDandisets(url, caller);
    if ((m = /^\/dandisets\/(\d{6})\/$/.exec(p))) {
      return json(200, dandisetJson(dandiset(m[1], caller)));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/$/.exec(p))) {
      const d = dandiset(m[1], caller);
      const all = [d.draft, ...d.published].map((v) => ({
        ...versionSummary(v),
        dandiset: dandisetJson(d),
      }));
      return json(200, paginate(all, url, { lazy: false }));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/(info\/)?$/.exec(p))) {
      const d = dandiset(m[1], caller);
      const v = versionOf(d, m[2]);
      return json(200, m[3] ? versionInfo(d, v, ctx.urls) : versionMetadata(d, v, ctx.urls));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/assets\/paths\/$/.exec(p))) {
      const d = dandiset(m[1], caller);
      const v = versionOf(d, m[2]);
      // asset_paths.py:89-102: the prefix loses its trailing slash and must name a path of the
      // version, folder or file; a file has no children, so it answers 200 with an empty list.
      // Unknown: 404 "Specified path not found." (views/asset.py:508-510).
      const prefix = (q.get('path_prefix') ?? '').replace(/\/+$/, '');
      const level = prefix ? pathIndex(v).get(`${prefix}/`) : pathIndex(v).get('');
      const isFile = !level && v.assets.some((a) => a.path === prefix);
      if (!level && !isFile) return detail(404, 'Specified path not found.');
      return json(
        200,
        paginate(
          (level ?? []).map((e) => pathItem(e, pk(v), ctx.urls)),
          url,
          { lazy: true },
        ),
      );
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/assets\/$/.exec(p))) {
      const d = dandiset(m[1], caller);
      const v = versionOf(d, m[2]);
      let list = v.assets;
      const glob = q.get('glob');
      if (glob) {
        // Like the server: escape everything, then let only `*` match anything (including "/").
        const re = new RegExp(
          `^${glob.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\*/g, '.*')}$`,
          'i',
        );
        list = list.filter((a) => re.test(a.path));
      }
      // views/asset.py:55-56 filters `path` by istartswith; 434-438: a path naming one asset
      // exactly gives that asset alone.
      const path = q.get('path');
      if (path) {
        const exact = v.assets.filter((a) => a.path === path);
        list = exact.length
          ? exact
          : list.filter((a) => a.path.toLowerCase().startsWith(path.toLowerCase()));
      }
      if (q.get('order') === 'path')
        list = [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const withMeta = q.get('metadata') === 'true';
      return json(
        200,
        paginate(
          list.map((a) => assetListItem(a, ctx.urls, withMeta, d.embargoed)),
          url,
          { lazy: true },
        ),
      );
    }
    if (
      (m =
        /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/assets\/([0-9a-f-]{36})\/(info\/|download\/)?$/.exec(
          p,
        ))
    ) {
      const d = dandiset(m[1], caller);
      const a = assetIn(versionOf(d, m[2]), m[3]);
      if (m[4] === 'download/') return download(a);
      return json(
        200,
        m[4]
          ? assetListItem(a, ctx.urls, true, d.embargoed)
          : assetMetadata(a, ctx.urls, d.embargoed),
      );
    }
    if ((m = /^\/assets\/([0-9a-f-]{36})\/(info\/|download\/)?$/.exec(p))) {
      const { a, d } = looseAsset(m[1], caller);
      if (m[2] === 'download/') return download(a);
      return json(
        200,
        m[2]
          ? assetListItem(a, ctx.urls, true, d.embargoed)
          : assetMetadata(a, ctx.urls, d.embargoed),
      );
    }
    return NOT_FOUND;
  }

  return {
    handle(url: URL, req: IncomingMessage): ApiReply {
      try {
        return route(url, req);
      } catch (e) {
        if (e instanceof Reply) return e.reply;
        if (e instanceof PageError) return detail(404, e.message);
        throw e;
      }
    },
  };
}
