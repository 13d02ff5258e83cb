/**
 * The performance requirement, counted at the stand-in: a 10,000-asset dandiset shows its first
 * folder level after two API requests (the dandiset, one page of assets/paths), and opening an
 * asset the listing showed costs no API request at all. The UI follows the same order (see
 * DandiBrowser); e2e/dandi.spec.ts counts the same in the browser.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IDS, startDandiStub, type DandiStub } from '../../servers/dandi-stub';
import { createApiKeyStore } from './apiKeyStore';
import { refFromPathItem } from './assetSource';
import { DandiClient } from './DandiClient';

let stub: DandiStub;
beforeAll(async () => {
  stub = await startDandiStub();
});
afterAll(() => stub.close());

it('first folder level of 10,000 assets: 2 requests; opening a listed asset: 0', async () => {
  const client = new DandiClient({ apiBase: stub.url, keys: createApiKeyStore(null) });
  stub.requests.length = 0;

  const info = await client.getDandiset(IDS.large);
  const version = DandiClient.defaultVersion(info);
  const root = await client.listPaths(IDS.large, version, '');
  expect(stub.requests.map((r) => r.path)).toEqual([
    `/api/dandisets/${IDS.large}/`,
    `/api/dandisets/${IDS.large}/versions/${version}/assets/paths/?page_size=1000`,
  ]);
  expect(root.count).toBe(16);
  expect(root.next).toBeNull();
  expect(info.most_recent_published_version?.asset_count).toBe(10_000);

  // One folder down (one more request), then open a file from it: no API request.
  const folder = await client.listPaths(IDS.large, version, 'sub-03/');
  expect(stub.requests).toHaveLength(3);
  const source = await client.resolveAssetSource(refFromPathItem(folder.results[7])!, {
    dandiset: IDS.large,
    version,
  });
  expect(stub.requests).toHaveLength(3);
  expect(source).toMatchObject({ kind: 'url', size: 18792 });
  expect((source as { url: string }).url.startsWith(stub.bucketUrl)).toBe(true);
});
