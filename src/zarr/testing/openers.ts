/** Test helpers: open stores as folders (local files) or over the range server. */
import { openAsBlob, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { FolderDescriptor } from '../../bytes/ByteSource';
import { BlockLoader } from '../../cache/BlockLoader';
import { MemoryBlockCache } from '../../cache/MemoryBlockCache';
import { openHdf5Reader } from '../../hdf5/openHdf5Reader';
import type { DataReader } from '../../reader/contract';
import { openZarr, type OpenedZarr, type ZarrFormat } from '../openZarr';

export const TESTDATA = path.resolve(__dirname, '../../../../shared/testdata');
export const TUTORIAL_ZARR = path.join(TESTDATA, 'hdmf-zarr/ecephys_tutorial.nwb.zarr');
export const TUTORIAL_HDF5 = path.join(
  TESTDATA,
  'neuroconv/ephy_testing_data/nwb/ecephys_tutorial_v2.5.0.nwb',
);

let counter = 0;

export function listFiles(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    const rel = prefix ? `${prefix}/${name}` : name;
    if (statSync(full).isDirectory()) out.push(...listFiles(full, rel));
    else out.push(rel);
  }
  return out;
}

export async function folderDescriptor(dir: string): Promise<FolderDescriptor> {
  const files = await Promise.all(
    listFiles(dir).map(async (rel) => {
      const blob = await openAsBlob(path.join(dir, rel));
      return {
        path: rel,
        file: Object.assign(blob, { name: path.basename(rel), lastModified: 1 }),
      };
    }),
  );
  return { kind: 'folder', name: path.basename(dir), files };
}

export async function openZarrFolder(dir: string, loader = new BlockLoader()): Promise<OpenedZarr> {
  return openZarr(loader, `t${++counter}`, await folderDescriptor(dir), 'zarr');
}

export async function openZarrUrl(
  url: string,
  loader = new BlockLoader(),
  format: ZarrFormat = 'zarr',
): Promise<OpenedZarr> {
  return openZarr(loader, `t${++counter}`, { kind: 'url', url }, format);
}

export async function openHdf5File(file: string): Promise<DataReader> {
  const blob = await openAsBlob(file);
  return openHdf5Reader({
    descriptor: {
      kind: 'file',
      file: Object.assign(blob, { name: path.basename(file), lastModified: 0 }),
    },
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(64 * 1024 * 1024),
  });
}
