/**
 * What the opening screen does with a parsed DANDI input: a dandiset (or one of its assets)
 * becomes a 'dandi' location; a bare S3 blob or Zarr URL is a plain file URL. The archive the
 * input names (sandbox, a custom API) is returned too, for the `dandiApi` setting.
 */
import type { AppLocation } from '../../links/location';
import type { DandiTarget } from '../../dandi/parseInput';

export function dandiTargetLocation(target: DandiTarget): {
  location: AppLocation;
  apiBase?: string;
} {
  switch (target.kind) {
    case 'dandiset':
      return {
        location: {
          view: 'dandi',
          dandiset: target.dandiset,
          ...(target.version ? { version: target.version } : {}),
          ...(target.folder ? { folder: target.folder } : {}),
        },
        apiBase: target.apiBase,
      };
    case 'asset':
      // Without the dandiset an asset can still be opened through its API download URL.
      if (!target.dandiset) {
        const base = target.apiBase ?? 'https://api.dandiarchive.org/api';
        return {
          location: { view: 'file', url: `${base}/assets/${target.assetId}/download/` },
          apiBase: target.apiBase,
        };
      }
      return {
        location: {
          view: 'dandi',
          dandiset: target.dandiset,
          ...(target.version ? { version: target.version } : {}),
          assetId: target.assetId,
        },
        apiBase: target.apiBase,
      };
    case 'blob':
    case 'zarr':
      return { location: { view: 'file', url: target.url } };
  }
}
