import { describe, expect, it } from 'vitest';
import type { AppLocation } from '../links/location';
import { parseUrlState } from '../links/urlState';
import { explorerNavLinks } from './ExplorerNav';

describe('explorerNavLinks', () => {
  const asset: AppLocation = {
    view: 'dandi',
    dandiset: '000409',
    version: '0.230401.1234',
    folder: 'sub-1/ses 2',
    assetId: 'abc-123',
    assetPath: 'sub-1/ses 2/x.nwb',
    path: '/units',
  };
  const settings = { dandiApi: 'https://api.example.org/api' };

  it('links back to the dandiset, version and folder, keeping the DANDI API', () => {
    const [home, dandiset] = explorerNavLinks(asset, settings);
    expect(parseUrlState(home.href)).toEqual({ location: { view: 'home' }, settings });
    // The href reopens exactly where the click goes (the asset and the path are left behind).
    expect(parseUrlState(dandiset.href)).toEqual({ location: dandiset.target, settings });
    expect(dandiset.target).toEqual({
      view: 'dandi',
      dandiset: '000409',
      version: '0.230401.1234',
      folder: 'sub-1/ses 2',
    });
    expect(dandiset.leavesAsset).toBe(true);
  });

  it('has only the home link for a file opened by URL, and no settings to keep', () => {
    const links = explorerNavLinks({ view: 'file', url: '/x.nwb' }, {});
    expect(links.map((l) => l.href)).toEqual(['?']);
  });
});
