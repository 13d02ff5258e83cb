/**
 * The DANDI field on the opening screen: src/dandi parses what was pasted; this maps the result
 * onto the app's address (a dandiset view, an asset inside it, or a file URL to open directly).
 */
import { PRODUCTION_API } from '../dandi/apiBase';
import { downloadUrl } from '../dandi/assetSource';
import { parseDandiInput } from '../dandi/parseInput';
import type { AppLocation } from './location';
import type { UrlSettings } from './urlState';

export type DandiInputResult =
  { ok: true; location: AppLocation; settings?: UrlSettings } | { ok: false; message: string };

export function dandiInputLocation(input: string, settings: UrlSettings = {}): DandiInputResult {
  const target = parseDandiInput(input);
  if (!target) {
    return {
      ok: false,
      message: 'Not a dandiset ID or DANDI link (expected e.g. 000409 or a dandiarchive.org URL).',
    };
  }
  switch (target.kind) {
    case 'dandiset': {
      const location: Extract<AppLocation, { view: 'dandi' }> = {
        view: 'dandi',
        dandiset: target.dandiset,
      };
      if (target.version) location.version = target.version;
      if (target.folder) location.folder = target.folder;
      return { ok: true, location, ...apiSettings(target.apiBase, settings) };
    }
    case 'asset': {
      if (target.dandiset) {
        const location: Extract<AppLocation, { view: 'dandi' }> = {
          view: 'dandi',
          dandiset: target.dandiset,
          assetId: target.assetId,
        };
        if (target.version) location.version = target.version;
        return { ok: true, location, ...apiSettings(target.apiBase, settings) };
      }
      // An asset link without its dandiset: open the asset's bytes directly.
      const api = target.apiBase ?? settings.dandiApi ?? PRODUCTION_API;
      return { ok: true, location: { view: 'file', url: downloadUrl(api, target.assetId) } };
    }
    case 'blob':
      return { ok: true, location: { view: 'file', url: target.url } };
    case 'zarr':
      return {
        ok: false,
        message: 'That is a Zarr asset; this version of the explorer reads HDF5 NWB files only.',
      };
  }
}

/** A link to another archive (sandbox, a mirror) carries its API base as the dandiApi setting. */
function apiSettings(
  apiBase: string | undefined,
  settings: UrlSettings,
): { settings?: UrlSettings } {
  if (!apiBase || apiBase === PRODUCTION_API || apiBase === settings.dandiApi) return {};
  return { settings: { ...settings, dandiApi: apiBase } };
}
