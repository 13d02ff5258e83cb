/**
 * The files an across-files location names: a list of URLs as given, or the .nwb assets of a
 * dandiset (a folder of it, or a glob), resolved to where their bytes are; or dropped files.
 */
import { DandiClient, type AssetListItem } from '../../dandi';
import { refFromListItem } from '../../dandi/assetSource';
import type { AppLocation } from '../../links/location';
import type { SourceDescriptor } from '../../links/sourceDescriptor';
import { dandiClientFor } from '../dandi/useDandiClient';
import { isHdf5Name } from '../../common/hdf5FileName';
import type { CollectedFile } from '../open/collectFiles';

export interface NamedSource {
  name: string;
  source: SourceDescriptor;
}

type AcrossLocation = Extract<AppLocation, { view: 'across' }>;

/** The glob a location asks for: its own, else every .nwb under its folder. */
export function acrossGlob(location: AcrossLocation): string {
  if (location.glob) return location.glob;
  return location.folder ? `${location.folder.replace(/\/+$/, '')}/*.nwb` : '*.nwb';
}

export async function listAcrossFiles(
  location: AcrossLocation,
  apiBase: string,
  signal: AbortSignal,
): Promise<NamedSource[]> {
  if (!location.dandiset) {
    return (location.urls ?? []).map((url) => ({
      name: url,
      source: { kind: 'url', url: new URL(url, window.location.href).href },
    }));
  }
  const client = dandiClientFor(apiBase);
  const id = location.dandiset;
  const version =
    location.version ?? DandiClient.defaultVersion(await client.getDandiset(id, { signal }));
  const items: AssetListItem[] = [];
  let page = await client.listAssets(id, version, { glob: acrossGlob(location), signal });
  items.push(...page.results);
  while (page.next) {
    page = await client.fetchPage<AssetListItem>(page.next, { signal });
    items.push(...page.results);
  }
  const nwb = items.filter((a) => a.path.toLowerCase().endsWith('.nwb'));
  return Promise.all(
    nwb.map(async (item) => ({
      name: item.path,
      source: await client.resolveAssetSource(
        refFromListItem(item),
        { dandiset: id, version },
        { signal },
      ),
    })),
  );
}

/** The HDF5 files among those dropped, by their path in the folder, each able to follow links. */
export function localSources(collected: CollectedFile[]): NamedSource[] {
  const all = collected.map((c) => c.file);
  return collected
    .filter((c) => isHdf5Name(c.relativePath))
    .sort((a, b) => a.relativePath.localeCompare(b.relativePath))
    .map((c) => ({
      name: c.relativePath,
      source: { kind: 'file', file: c.file, siblings: all.filter((f) => f !== c.file) },
    }));
}
