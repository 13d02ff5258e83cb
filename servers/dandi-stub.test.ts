/** The stand-in serves DANDI's shapes, auth rules, paging, redirects and bucket CORS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IDS, startDandiStub, VALID_KEY, type DandiStub } from './dandi-stub';

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

  it('401 without a key, 403 with a wrong key, 200 with the right one', async () => {
    expect((await get(`/dandisets/${IDS.embargoed}/`)).status).toBe(401);
    expect(
      (await get(`/dandisets/${IDS.embargoed}/`, { Authorization: 'token nope' })).status,
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

  it('the bucket exposes only ETag and allows only Range on preflight', async () => {
    const url = `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`;
    const r = await fetch(url, { headers: { Range: 'bytes=10-19' } });
    expect(r.status).toBe(206);
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.headers.get('access-control-expose-headers')).toBe('ETag');
    expect(r.headers.get('content-range')).toBe('bytes 10-19/18792');
    const pre = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://x',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'range',
      },
    });
    expect(pre.status).toBe(204);
    const bad = await fetch(url, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://x',
        'Access-Control-Request-Method': 'GET',
        'Access-Control-Request-Headers': 'authorization',
      },
    });
    expect(bad.headers.get('access-control-allow-headers')).toBeNull();
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
