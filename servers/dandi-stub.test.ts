/** The stand-in serves DANDI's shapes, auth rules, paging, redirects and bucket CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, OTHER_KEY, STALE_KEY, startDandiStub, VALID_KEY, type DandiStub } from './dandi-stub';

let stub: DandiStub;
beforeAll(async () => {
  stub = await startDandiStub();
});
afterAll(() => stub.close());

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${stub.url}${path}`, { headers, redirect: 'manual' });
const getJson = async (path: string, headers: Record<string, string> = {}) => {
  const r = await get(path, headers);
  expect(r.status).toBe(200);
  return r.json();
};

describe('dandisets', () => {
  it('dandiset info with and without a published version', async () => {
    const d1 = await getJson(`/dandisets/${IDS.versions}/`);
    expect(d1).toMatchObject({
      identifier: '000001',
      embargo_status: 'OPEN',
      most_recent_published_version: { version: '0.230629.1955', asset_count: 6 },
      draft_version: { version: 'draft', asset_count: 1 },
    });
    const d3 = await getJson(`/dandisets/${IDS.draftOnly}/`);
    expect(d3.most_recent_published_version).toBeNull();
  });

  it('unknown dandiset and version answer 404', async () => {
    expect((await get(`/dandisets/${IDS.unknown}/`)).status).toBe(404);
    expect((await get(`/dandisets/${IDS.versions}/versions/0.999999.9999/info/`)).status).toBe(404);
  });

  it('search is paged with absolute next links', async () => {
    const p1 = await getJson('/dandisets/?search=brainscan&page_size=1');
    expect(p1.count).toBe(2);
    expect(p1.results[0].identifier).toBe('000001');
    expect(p1.next).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/dandisets\/\?.*page=2/);
    const p2 = await (await fetch(p1.next)).json();
    expect(p2.results[0].identifier).toBe('000003');
    expect(p2.next).toBeNull();
  });

  it("search operators: an unknown lowercase key is a 400 with the parser's message", async () => {
    const bad = await get('/dandisets/?search=dandi:000017');
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.search).toMatch(/^Unknown search operator "dandi"\./);
    const url = await get(
      `/dandisets/?search=${encodeURIComponent('https://dandiarchive.org/dandiset/000017')}`,
    );
    expect((await url.json()).search).toMatch(/Unknown search operator "https"/);
    // Upper case is not an operator, a quoted word is text, a known key with a bad value is a 400.
    expect((await get('/dandisets/?search=DANDI:000001')).status).toBe(200);
    expect((await get('/dandisets/?search=%22foo:bar%22')).status).toBe(200);
    const date = await (await get('/dandisets/?search=created_after:yesterday')).json();
    expect(date.search).toMatch(/Use YYYY-MM-DD/);
    const specie = await (await get('/dandisets/?search=specie:mouse')).json();
    expect(specie.search).toMatch(/Did you mean "species"/);
    // Free-text words must all occur; known operators filter.
    expect((await getJson('/dandisets/?search=mermaid%20brainscan')).count).toBe(1);
    expect((await getJson('/dandisets/?search=created_after:2024-02-01%20paging')).count).toBe(0);
  });

  it('embargoed dandisets: only with embargoed=true, which needs a user', async () => {
    const ids = (page: { results: { identifier: string }[] }) =>
      page.results.map((d) => d.identifier);
    expect(ids(await getJson('/dandisets/?page_size=100'))).not.toContain(IDS.embargoed);
    const anon = await get('/dandisets/?embargoed=true');
    expect(anon.status).toBe(401);
    expect(await anon.json()).toMatch(/Authentication credentials must be provided/);
    const owner = { Authorization: `token ${VALID_KEY}` };
    expect(ids(await getJson('/dandisets/?page_size=100', owner))).not.toContain(IDS.embargoed);
    expect(ids(await getJson('/dandisets/?page_size=100&embargoed=true', owner))).toContain(
      IDS.embargoed,
    );
    const other = { Authorization: `token ${OTHER_KEY}` };
    expect(ids(await getJson('/dandisets/?page_size=100&embargoed=true', other))).not.toContain(
      IDS.embargoed,
    );
  });

  it('a key no user has is refused on every endpoint, public ones included', async () => {
    for (const path of [
      '/dandisets/',
      `/dandisets/${IDS.rat}/`,
      '/assets/838bab7b-9ab4-4d66-97b3-898a367c9c7e/',
    ]) {
      const r = await get(path, { Authorization: `token ${STALE_KEY}` });
      expect(r.status).toBe(401);
      expect(await r.json()).toEqual({ detail: 'Invalid token.' });
    }
    const spaced = await get('/dandisets/', { Authorization: 'token a b' });
    expect((await spaced.json()).detail).toMatch(/should not contain spaces/);
    // Another scheme is not the token authenticator's: anonymous.
    expect((await get('/dandisets/', { Authorization: 'Basic abc' })).status).toBe(200);
  });

  it('versions list and version info', async () => {
    const versions = await getJson(`/dandisets/${IDS.versions}/versions/`);
    expect(versions.results.map((v: { version: string }) => v.version)).toEqual([
      'draft',
      '0.210512.1623',
      '0.230629.1955',
    ]);
    const info = await getJson(`/dandisets/${IDS.versions}/versions/0.230629.1955/info/`);
    expect(info.metadata).toMatchObject({
      name: 'Brainscan of a Unicorn',
      license: ['spdx:CC-BY-4.0'],
      assetsSummary: { numberOfFiles: 6 },
    });
    expect(info.metadata.contributor.length).toBeGreaterThan(0);
  });
});

describe('assets', () => {
  it('paged listing gives count on the first page only', async () => {
    const base = `/dandisets/${IDS.large}/versions/draft/assets/?page_size=1000&order=path`;
    const p1 = await getJson(base);
    expect(p1.count).toBe(10_000);
    expect(p1.results).toHaveLength(1000);
    expect(Object.keys(p1.results[0]).sort()).toEqual(
      ['asset_id', 'blob', 'created', 'modified', 'path', 'size', 'zarr'].sort(),
    );
    const p2 = await (await fetch(p1.next)).json();
    expect(p2.count).toBeNull();
    expect(p2.previous).toBeTruthy();
    expect(p2.results).toHaveLength(1000);
  });

  it('glob filter is case-insensitive and * spans folders', async () => {
    const r = await getJson(`/dandisets/${IDS.versions}/versions/0.230629.1955/assets/?glob=*.NWB`);
    expect(r.results.map((a: { path: string }) => a.path).sort()).toEqual([
      '9coP.nwb',
      'OK.nwb',
      'mv.nwb',
      'yCw7krL6rM.nwb',
    ]);
    const deep = await getJson(
      `/dandisets/${IDS.versions}/versions/0.210512.1623/assets/?glob=sub-*`,
    );
    expect(deep.count).toBe(2);
  });

  it('paths lists one level, with sizes and the S3 URL of files', async () => {
    const root = await getJson(`/dandisets/${IDS.versions}/versions/0.210512.1623/assets/paths/`);
    expect(root.results).toEqual([
      expect.objectContaining({ path: 'participants.tsv', aggregate_files: 1 }),
      expect.objectContaining({ path: 'sub-RAT123', aggregate_files: 2, asset: null }),
    ]);
    const sub = await getJson(
      `/dandisets/${IDS.versions}/versions/0.210512.1623/assets/paths/?path_prefix=sub-RAT123/`,
    );
    expect(sub.results[0]).toMatchObject({
      path: 'sub-RAT123/sub-RAT123.nwb',
      aggregate_size: 18792,
      asset: {
        asset_id: '838bab7b-9ab4-4d66-97b3-898a367c9c7e',
        url: `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`,
      },
    });
    expect(sub.results[1].asset.url).toMatch(/\/zarr\/9eea4d89-c304-4a94-9117-66334b704cbd\/$/);
    expect(
      (await get(`/dandisets/${IDS.versions}/versions/draft/assets/paths/?path_prefix=nope/`))
        .status,
    ).toBe(404);
    // A prefix naming a file: 200 and nothing under it, with or without the slash.
    for (const prefix of ['sub-RAT123/sub-RAT123.nwb', 'sub-RAT123/sub-RAT123.nwb/']) {
      const file = await getJson(
        `/dandisets/${IDS.versions}/versions/0.210512.1623/assets/paths/?path_prefix=${prefix}`,
      );
      expect(file).toMatchObject({ count: 0, results: [] });
    }
  });

  it('the asset listing: `path` naming one asset exactly gives that asset alone', async () => {
    const r = await getJson(
      `/dandisets/${IDS.large}/versions/draft/assets/?path=sub-big/sub-big_ses-0001.nwb`,
    );
    expect(r.results.map((a: { path: string }) => a.path)).toEqual([
      'sub-big/sub-big_ses-0001.nwb',
    ]);
    const prefix = await getJson(
      `/dandisets/${IDS.large}/versions/draft/assets/?path=sub-big/sub-big_ses-000`,
    );
    expect(prefix.count).toBe(10);
  });

  it('paths of the large dandiset: 16 folders, then a 2,500-file folder in pages', async () => {
    const root = await getJson(
      `/dandisets/${IDS.large}/versions/draft/assets/paths/?page_size=1000`,
    );
    expect(root.count).toBe(16);
    expect(root.results.every((r: { asset: unknown }) => r.asset === null)).toBe(true);
    const big = await getJson(
      `/dandisets/${IDS.large}/versions/draft/assets/paths/?path_prefix=sub-big/&page_size=1000`,
    );
    expect(big.count).toBe(2500);
    expect(big.next).toContain('page=2');
  });

  it('asset metadata has contentUrl: API download URL and S3 URL', async () => {
    const meta = await getJson('/assets/838bab7b-9ab4-4d66-97b3-898a367c9c7e/');
    expect(meta.contentUrl).toEqual([
      `${stub.url}/assets/838bab7b-9ab4-4d66-97b3-898a367c9c7e/download/`,
      `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`,
    ]);
    expect(meta).toMatchObject({ contentSize: 18792, encodingFormat: 'application/x-nwb' });
  });

  it('a Zarr asset has no download link (400)', async () => {
    const r = await get('/assets/3262d292-cf9d-4aa0-bdce-e3cfc9420768/download/');
    expect(r.status).toBe(400);
  });
});

describe('embargo, download and the bucket', () => {
  const embargoedPaths = `/dandisets/${IDS.embargoed}/versions/draft/assets/paths/?path_prefix=sub-001/`;

  it('401 without a key or with an unknown one, 403 for a non-owner, 200 for the owner', async () => {
    expect((await get(`/dandisets/${IDS.embargoed}/`)).status).toBe(401);
    expect(
      (await get(`/dandisets/${IDS.embargoed}/`, { Authorization: 'token nope' })).status,
    ).toBe(401);
    expect(
      (await get(`/dandisets/${IDS.embargoed}/`, { Authorization: `token ${OTHER_KEY}` })).status,
    ).toBe(403);
    const ok = await getJson(`/dandisets/${IDS.embargoed}/`, {
      Authorization: `token ${VALID_KEY}`,
    });
    expect(ok.embargo_status).toBe('EMBARGOED');
  });

  it('download redirects to a presigned URL on another origin that expires', async () => {
    const auth = { Authorization: `token ${VALID_KEY}` };
    const listing = await getJson(embargoedPaths, auth);
    const assetId = listing.results[0].asset.asset_id;
    const blobUrl = listing.results[0].asset.url;

    // The embargoed object is not public.
    expect((await fetch(blobUrl)).status).toBe(403);

    const redirect = await get(`/assets/${assetId}/download/`, auth);
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location') as string;
    expect(new URL(location).origin).toBe(stub.bucketUrl);
    expect(new URL(location).origin).not.toBe(new URL(stub.url).origin);
    expect(location).toContain('X-Amz-Expires=');

    const part = await fetch(location, { headers: { Range: 'bytes=0-7' } });
    expect(part.status).toBe(206);
    // Signed for GET: a HEAD is refused, so the size cannot be learned that way.
    expect((await fetch(location, { method: 'HEAD' })).status).toBe(403);
    const meta = await getJson(`/assets/${assetId}/`, auth);
    expect(meta.access[0].status).toBe('dandi:EmbargoedAccess');
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(
      new Uint8Array([0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a]),
    );

    stub.expirePresigned();
    const expired = await fetch(location, { headers: { Range: 'bytes=0-7' } });
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
  });

  it('presigned URLs expire by themselves after their TTL', async () => {
    stub.setPresignTtl(1);
    try {
      const r = await get(`/assets/838bab7b-9ab4-4d66-97b3-898a367c9c7e/download/`);
      const location = r.headers.get('location') as string;
      expect((await fetch(location, { headers: { Range: 'bytes=0-0' } })).status).toBe(206);
      await new Promise((res) => setTimeout(res, 2100));
      expect((await fetch(location, { headers: { Range: 'bytes=0-0' } })).status).toBe(403);
    } finally {
      stub.setPresignTtl(3600);
    }
  });

  it("the bucket exposes only ETag, Content-Length is the part's, and a key is refused", async () => {
    const url = `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`;
    const r = await fetch(url, { headers: { Range: 'bytes=10-19' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(r.headers.get('content-range')).toBe('bytes 10-19/18792');
    expect(r.headers.get('content-length')).toBe('10');
    // An unsigned public object answers HEAD with the whole length.
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('18792');
    expect((await fetch(url, { headers: { Authorization: `token ${VALID_KEY}` } })).status).toBe(
      400,
    );
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://x',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range',
      },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-headers')).toBe('range');
  });

  it('the API allows any origin and the Authorization header', async () => {
    const pre = await fetch(`${stub.url}/dandisets/`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://x',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    expect(pre.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
  });

  it('serves Zarr store keys', async () => {
    const r = await fetch(`${stub.bucketUrl}/zarr/9eea4d89-c304-4a94-9117-66334b704cbd/.zgroup`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ zarr_format: 2 });
  });
});

describe('modes', () => {
  it('down answers 503, reset drops the connection', async () => {
    stub.setMode('down');
    try {
      expect((await get(`/dandisets/${IDS.versions}/`)).status).toBe(503);
      stub.setMode('reset');
      await expect(get(`/dandisets/${IDS.versions}/`)).rejects.toThrow();
    } finally {
      stub.setMode('ok');
    }
  });
});
