/**
 * The stand-in's REST routes under /api. Each handler answers like dandi-archive does: DRF-style
 * `{"detail": ...}` errors, 401 for an embargoed dandiset without a key and 403 with a wrong one,
 * 302 from the download endpoint to a presigned URL on the object store's origin.
 */
import type { IncomingMessage } from 'node:http';
import type { StubAsset, StubDandiset, StubVersion } from './fixtures';
import { PageError, paginate } from './pagination';
import { buildPathIndex, type PathIndex } from './paths';
import type { Presigner } from './presign';
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
  validKey: string;
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

  const authorize = (d: StubDandiset, req: IncomingMessage) => {
    if (!d.embargoed) return;
    const auth = req.headers.authorization;
    if (!auth) throw new Reply(detail(401, 'Authentication credentials were not provided.'));
    if (auth !== `token ${ctx.validKey}`) {
      throw new Reply(detail(403, 'You do not have permission to perform this action.'));
    }
  };

  const dandiset = (id: string, req: IncomingMessage) => {
    const d = byId.get(id);
    if (!d) throw new Reply(NOT_FOUND);
    authorize(d, req);
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
  const looseAsset = (assetId: string, req: IncomingMessage) => {
    const owner = assetOwner.get(assetId);
    if (!owner) throw new Reply(NOT_FOUND);
    authorize(owner.d, req);
    return owner.a;
  };

  function route(url: URL, req: IncomingMessage): ApiReply {
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
    if (p === '/dandisets/') {
      const text = (q.get('search') ?? '').toLowerCase();
      const hits = ctx.archive
        .filter((d) => !d.embargoed || q.get('embargoed') === 'true')
        .filter((d) => q.get('empty') !== 'false' || d.draft.assets.length > 0)
        .filter((d) => {
          if (!text) return true;
          const v = d.published.at(-1) ?? d.draft;
          return [d.identifier, v.name, v.description].some((s) => s.toLowerCase().includes(text));
        })
        .sort((a, b) =>
          q.get('ordering') === '-modified'
            ? b.modified.localeCompare(a.modified)
            : a.identifier.localeCompare(b.identifier),
        );
      return json(200, paginate(hits.map(dandisetJson), url, { lazy: false }));
    }
    if ((m = /^\/dandisets\/(\d{6})\/$/.exec(p))) {
      return json(200, dandisetJson(dandiset(m[1], req)));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/$/.exec(p))) {
      const d = dandiset(m[1], req);
      const all = [d.draft, ...d.published].map((v) => ({
        ...versionSummary(v),
        dandiset: dandisetJson(d),
      }));
      return json(200, paginate(all, url, { lazy: false }));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/(info\/)?$/.exec(p))) {
      const d = dandiset(m[1], req);
      const v = versionOf(d, m[2]);
      return json(200, m[3] ? versionInfo(d, v, ctx.urls) : versionMetadata(d, v, ctx.urls));
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/assets\/paths\/$/.exec(p))) {
      const d = dandiset(m[1], req);
      const v = versionOf(d, m[2]);
      let prefix = q.get('path_prefix') ?? '';
      if (prefix && !prefix.endsWith('/')) prefix += '/';
      const level = pathIndex(v).get(prefix);
      if (!level) return detail(404, 'Specified path not found.');
      return json(
        200,
        paginate(
          level.map((e) => pathItem(e, pk(v), ctx.urls)),
          url,
          { lazy: true },
        ),
      );
    }
    if ((m = /^\/dandisets\/(\d{6})\/versions\/([^/]+)\/assets\/$/.exec(p))) {
      const d = dandiset(m[1], req);
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
      const path = q.get('path');
      if (path) list = list.filter((a) => a.path.toLowerCase().startsWith(path.toLowerCase()));
      if (q.get('order') === 'path')
        list = [...list].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      const withMeta = q.get('metadata') === 'true';
      return json(
        200,
        paginate(
          list.map((a) => assetListItem(a, ctx.urls, withMeta)),
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
      const d = dandiset(m[1], req);
      const a = assetIn(versionOf(d, m[2]), m[3]);
      if (m[4] === 'download/') return download(a);
      return json(200, m[4] ? assetListItem(a, ctx.urls, true) : assetMetadata(a, ctx.urls));
    }
    if ((m = /^\/assets\/([0-9a-f-]{36})\/(info\/|download\/)?$/.exec(p))) {
      const a = looseAsset(m[1], req);
      if (m[2] === 'download/') return download(a);
      return json(200, m[2] ? assetListItem(a, ctx.urls, true) : assetMetadata(a, ctx.urls));
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
