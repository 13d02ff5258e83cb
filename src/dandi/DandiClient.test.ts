/** The client against the local stand-in (servers/dandi-stub.ts). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  IDS,
  OTHER_KEY,
  STALE_KEY,
  startDandiStub,
  VALID_KEY,
  type DandiStub,
} from '../../servers/dandi-stub';
import type { ExplorerError } from '../errors';
import { createApiKeyStore, type ApiKeyStore } from './apiKeyStore';
import { refFromListItem, refFromPathItem } from './assetSource';
import { DandiClient } from './DandiClient';
import { DandiApiError } from './http';
import { resolveBlobUrl } from './urlTarget';

let stub: DandiStub;
let keys: ApiKeyStore;
let client: DandiClient;

beforeAll(async () => {
  stub = await startDandiStub({ slowMs: 5000 });
});
afterAll(() => stub.close());
beforeEach(() => {
  keys = createApiKeyStore(null);
  client = new DandiClient({ apiBase: stub.url, keys, timeoutMs: 2000 });
  stub.requests.length = 0;
  stub.bucketRequests.length = 0;
});

const rejection = async (p: Promise<unknown>): Promise<ExplorerError> => {
  try {
    await p;
  } catch (e) {
    return e as ExplorerError;
  }
  throw new Error('expected a rejection');
};

describe('dandisets and versions', () => {
  it('default version: latest published, else draft', async () => {
    expect(DandiClient.defaultVersion(await client.getDandiset(IDS.versions))).toBe(
      '0.230629.1955',
    );
    expect(DandiClient.defaultVersion(await client.getDandiset(IDS.draftOnly))).toBe('draft');
  });

  it('lists every version and reads version metadata', async () => {
    const versions = await client.listVersions(IDS.versions);
    expect(versions.map((v) => v.version)).toEqual(['draft', '0.210512.1623', '0.230629.1955']);
    const info = await client.getVersionInfo(IDS.versions, '0.210512.1623');
    expect(info.metadata.name).toBe('Brainscan of a Unicorn');
    expect(info.metadata.assetsSummary?.numberOfFiles).toBe(3);
  });

  it('search pages', async () => {
    const p1 = await client.searchDandisets('brainscan', { pageSize: 1 });
    expect(p1.count).toBe(2);
    const p2 = await client.fetchPage<(typeof p1.results)[number]>(p1.next as string);
    expect(p2.results[0].identifier).toBe(IDS.draftOnly);
  });

  it('unknown dandiset and unknown version are clear not-found errors', async () => {
    const e1 = await rejection(client.getDandiset(IDS.unknown));
    expect(e1.code).toBe('not-found');
    expect(e1.message).toBe(
      `Dandiset ${IDS.unknown} does not exist on 127.0.0.1:${new URL(stub.url).port}.`,
    );
    const e2 = await rejection(client.getVersionInfo(IDS.versions, '0.000000.0000'));
    expect(e2.code).toBe('not-found');
    expect(e2.message).toMatch(/has no version "0.000000.0000"/);
  });

  it('an empty dandiset lists nothing', async () => {
    const page = await client.listPaths(IDS.empty, 'draft', '');
    expect(page.results).toEqual([]);
  });
});

describe('listings', () => {
  it('follows next through a 2,500-file folder', async () => {
    let page = await client.listPaths(IDS.large, 'draft', 'sub-big/', { pageSize: 1000 });
    expect(page.count).toBe(2500);
    const all = [...page.results];
    while (page.next) {
      page = await client.fetchPage(page.next);
      expect(page.count ?? null).toBeNull();
      all.push(...page.results);
    }
    expect(all).toHaveLength(2500);
    expect(new Set(all.map((r) => r.path)).size).toBe(2500);
  });

  it('glob listing', async () => {
    const page = await client.listAssets(IDS.large, 'draft', { glob: 'sub-big/*_ses-000*.nwb' });
    expect(page.count).toBe(10);
  });
});

describe('opening assets', () => {
  it('a file from assets/paths resolves with no request at all', async () => {
    const page = await client.listPaths(IDS.rat, 'draft', 'sub-RAT123/');
    const before = stub.requests.length;
    const source = await client.resolveAssetSource(refFromPathItem(page.results[0])!, {
      dandiset: IDS.rat,
      version: 'draft',
    });
    expect(stub.requests.length).toBe(before);
    expect(source).toEqual({
      kind: 'url',
      url: `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`,
      size: 18792,
    });
    const bytes = await fetch((source as { url: string }).url, { headers: { Range: 'bytes=0-3' } });
    expect(bytes.status).toBe(206);
  });

  it('a glob result resolves from its blob id once the bucket is known', async () => {
    await client.listPaths(IDS.large, 'draft', ''); // folders only: no URL to learn from
    const page = await client.listAssets(IDS.large, 'draft', {
      glob: '*ses-0001.nwb',
      pageSize: 1,
    });
    const ref = refFromListItem(page.results[0]);
    const first = stub.requests.length;
    const s1 = await client.resolveAssetSource(ref);
    // Unknown bucket: one metadata request, which teaches the bucket.
    expect(stub.requests.length).toBe(first + 1);
    expect(s1).toMatchObject({ kind: 'url', size: 18792 });
    const page2 = await client.listAssets(IDS.large, 'draft', {
      glob: '*ses-0002.nwb',
      pageSize: 1,
    });
    const second = stub.requests.length;
    await client.resolveAssetSource(refFromListItem(page2.results[0]));
    expect(stub.requests.length).toBe(second);
  });

  it('an asset known only by id resolves through its metadata', async () => {
    const source = await client.resolveAssetSource({
      assetId: '86645ab4-782a-403e-9e1a-f65df91b70a9',
      path: '',
    });
    expect(source).toMatchObject({ kind: 'url', size: 217760 });
  });

  it('a Zarr asset is handed over as its store folder URL', async () => {
    const page = await client.listPaths(IDS.versions, '0.230629.1955', '');
    const zarrRow = page.results.find((r) => r.path === 'b.zarr')!;
    const resolved = await client.resolveAsset(refFromPathItem(zarrRow)!, {
      dandiset: IDS.versions,
    });
    expect(resolved).toMatchObject({
      kind: 'zarr',
      storeUrl: expect.stringMatching(/\/zarr\/[0-9a-f-]{36}\/$/),
    });
    const source = await client.resolveAssetSource(refFromPathItem(zarrRow)!);
    expect(source).toEqual({ kind: 'url', url: (resolved as { storeUrl: string }).storeUrl });
    expect((source as { url: string }).url.endsWith('/')).toBe(true);
    const e2 = await rejection(client.resolveAssetDownloadUrl(zarrRow.asset!.asset_id));
    expect(e2.code).toBe('unsupported');
  });
});

describe('embargoed dandisets', () => {
  it("says a key is needed, that an unknown key is no longer valid, that another user's is refused", async () => {
    const e1 = await rejection(client.getDandiset(IDS.embargoed));
    expect(e1.code).toBe('forbidden');
    expect(e1.message).toMatch(/embargoed: paste a DANDI API key/);
    keys.set(client.apiBase, 'wrong', false);
    const e2 = await rejection(client.getDandiset(IDS.embargoed));
    expect(e2.code).toBe('forbidden');
    expect(e2.message).toMatch(/no longer valid/);
    expect(keys.isRejected(client.apiBase)).toBe(true);
    keys.set(client.apiBase, OTHER_KEY, false);
    expect(keys.isRejected(client.apiBase)).toBe(false);
    const e3 = await rejection(client.getDandiset(IDS.embargoed));
    expect(e3.message).toMatch(/key was refused/);
  });

  it('an asset known only by its id: the metadata says it is embargoed (one request)', async () => {
    const assetId = (await (async () => {
      keys.set(client.apiBase, VALID_KEY, false);
      const page = await client.listPaths(IDS.embargoed, 'draft', 'sub-002/');
      return page.results[0].asset!.asset_id;
    })()) as string;
    // A fresh client knows nothing of the dandiset.
    const fresh = new DandiClient({ apiBase: stub.url, keys, timeoutMs: 2000 });
    stub.requests.length = 0;
    const source = await fresh.resolveAssetSource({ assetId, path: '' });
    expect(stub.requests.map((r) => r.path)).toEqual([`/api/assets/${assetId}/`]);
    expect(source).toMatchObject({
      kind: 'url',
      url: `${stub.url}/assets/${assetId}/download/`,
      size: 2_394_856,
      headers: { Authorization: `token ${VALID_KEY}` },
    });
    keys.clear(client.apiBase);
    const e = await rejection(fresh.resolveAssetSource({ assetId, path: '' }));
    expect(e.code).toBe('forbidden');
  });

  it('with the key: lists, resolves through the download redirect, the key never leaves the API', async () => {
    keys.set(client.apiBase, VALID_KEY, false);
    const info = await client.getDandiset(IDS.embargoed);
    expect(client.isEmbargoed(info.identifier)).toBe(true);
    const page = await client.listPaths(IDS.embargoed, 'draft', 'sub-001/');
    const source = await client.resolveAssetSource(refFromPathItem(page.results[0])!, {
      dandiset: IDS.embargoed,
      version: 'draft',
    });
    expect(source).toMatchObject({
      kind: 'url',
      url: `${stub.url}/assets/${page.results[0].asset!.asset_id}/download/`,
      size: 217760,
      headers: { Authorization: `token ${VALID_KEY}` },
      headersOrigin: new URL(stub.url).origin,
    });

    const presigned = await client.resolveAssetDownloadUrl(page.results[0].asset!.asset_id);
    expect(new URL(presigned).origin).toBe(stub.bucketUrl);
    const part = await fetch(presigned, { headers: { Range: 'bytes=0-3' } });
    expect(part.status).toBe(206);

    // A refresh after expiry gives a new, working URL.
    stub.expirePresigned();
    expect((await fetch(presigned, { headers: { Range: 'bytes=0-3' } })).status).toBe(403);
    const fresh = await client.resolveAssetDownloadUrl(page.results[0].asset!.asset_id);
    expect(fresh).not.toBe(presigned);
    expect((await fetch(fresh, { headers: { Range: 'bytes=0-3' } })).status).toBe(206);

    const apiAuth = stub.requests
      .filter((r) => r.method !== 'OPTIONS')
      .every((r) => r.headers.authorization === `token ${VALID_KEY}`);
    expect(apiAuth).toBe(true);
    expect(stub.bucketRequests.length).toBeGreaterThan(0);
    expect(stub.bucketRequests.every((r) => r.headers.authorization === undefined)).toBe(true);
  });

  it('the key is not sent for open dandisets', async () => {
    keys.set(client.apiBase, VALID_KEY, false);
    await client.getDandiset(IDS.rat);
    const page = await client.listPaths(IDS.rat, 'draft', 'sub-RAT123/');
    const source = await client.resolveAssetSource(refFromPathItem(page.results[0])!, {
      dandiset: IDS.rat,
    });
    expect(source).not.toHaveProperty('headers');
  });
});

describe('API down or slow', () => {
  it('times out as a network error', async () => {
    stub.setMode('slow');
    try {
      const e = await rejection(client.getDandiset(IDS.rat));
      expect(e.code).toBe('network');
      expect(e.message).toMatch(/did not answer within/);
    } finally {
      stub.setMode('ok');
    }
  });

  it('503 is a server error; a dropped connection is a network error', async () => {
    stub.setMode('down');
    try {
      expect((await rejection(client.getDandiset(IDS.rat))).code).toBe('server');
      stub.setMode('reset');
      expect((await rejection(client.getDandiset(IDS.rat))).code).toBe('network');
    } finally {
      stub.setMode('ok');
    }
  });

  it('a caller abort is cancelled', async () => {
    const ac = new AbortController();
    const p = client.getDandiset(IDS.rat, { signal: ac.signal });
    ac.abort();
    expect((await rejection(p)).code).toBe('cancelled');
  });
});

describe('a stale key', () => {
  it('is refused on public endpoints too: the request is made again without it, once', async () => {
    keys.set(client.apiBase, STALE_KEY, true);
    const info = await client.getDandiset(IDS.rat);
    expect(info.identifier).toBe(IDS.rat);
    const gets = stub.requests.filter((r) => r.method !== 'OPTIONS');
    // (The last two: an aborted request of an earlier test may arrive late.)
    expect(gets.slice(-2).map((r) => r.headers.authorization ?? null)).toEqual([
      `token ${STALE_KEY}`,
      null,
    ]);
    expect(keys.isRejected(client.apiBase)).toBe(true);
    // From now on the key is not sent at all.
    await client.listPaths(IDS.rat, 'draft', '');
    expect(stub.requests.at(-1)?.headers.authorization).toBeUndefined();
    // Still remembered until the user forgets it; forgetting lifts the mark.
    expect(keys.get(client.apiBase)).toBe(STALE_KEY);
    keys.clear(client.apiBase);
    expect(keys.isRejected(client.apiBase)).toBe(false);
  });

  it('a search retried without the key also drops embargoed=true (a 401 without a key)', async () => {
    keys.set(client.apiBase, STALE_KEY, false);
    const page = await client.searchDandisets('mermaid');
    expect(page.results.map((d) => d.identifier)).toEqual([IDS.draftOnly]);
    const paths = stub.requests.filter((r) => r.method !== 'OPTIONS').map((r) => r.path);
    expect(paths[0]).toContain('embargoed=true');
    expect(paths[1]).not.toContain('embargoed');
  });
});

describe('search', () => {
  it("includes the user's embargoed dandisets only with a key", async () => {
    const ids = async () =>
      (await client.searchDandisets('embargoed ecephys')).results.map((d) => d.identifier);
    expect(await ids()).toEqual([]);
    expect(stub.requests.at(-1)?.path).not.toContain('embargoed=true');
    keys.set(client.apiBase, VALID_KEY, false);
    expect(await ids()).toEqual([IDS.embargoed]);
    expect(client.isEmbargoed(IDS.embargoed)).toBe(true);
  });

  it("an unknown operator is a 400 carrying the archive's message", async () => {
    const e = await rejection(client.searchDandisets('dandi:000017'));
    expect(e).toBeInstanceOf(DandiApiError);
    expect((e as DandiApiError).status).toBe(400);
    expect((e as DandiApiError).archiveMessage).toMatch(/^Unknown search operator "dandi"\./);
    expect(e.message).toMatch(/refused the request: Unknown search operator/);
  });
});

describe('folders and files', () => {
  it('a path_prefix naming a file lists nothing; the file is found by its exact path', async () => {
    const page = await client.listPaths(IDS.rat, 'draft', 'sub-RAT123/sub-RAT123.nwb/');
    expect(page.results).toEqual([]);
    const ref = await client.findAssetAtPath(IDS.rat, 'draft', 'sub-RAT123/sub-RAT123.nwb');
    expect(ref).toMatchObject({
      assetId: '838bab7b-9ab4-4d66-97b3-898a367c9c7e',
      size: 18792,
      s3Url: `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`,
    });
    expect(await client.findAssetAtPath(IDS.rat, 'draft', 'sub-RAT123/nope.nwb')).toBeNull();
  });
});

describe('S3 blob URLs', () => {
  it('a public blob gets its size from a HEAD; an embargoed one is refused clearly', async () => {
    const url = `${stub.bucketUrl}/blobs/2db/af0/2dbaf0fd-5003-4a0a-b4c0-bc8cdbdb3826`;
    expect(await resolveBlobUrl(url)).toEqual({ kind: 'url', url, size: 18792 });
    keys.set(client.apiBase, VALID_KEY, false);
    const page = await client.listPaths(IDS.embargoed, 'draft', 'sub-001/');
    const e = await rejection(resolveBlobUrl(page.results[0].asset!.url!));
    expect(e.code).toBe('forbidden');
    expect(e.message).toMatch(/embargoed dandiset/);
  });
});
