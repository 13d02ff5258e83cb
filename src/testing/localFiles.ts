/**
 * Test helpers shared by the layers above the HDF5 backend: the real files in ../shared/testdata
 * and a DataReader over a local file (Node, no network), so the NWB layer can be tested on real
 * files while its own code still reads only through the contract.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, openAsBlob, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { BlockLoader } from '../cache/BlockLoader';
import { MemoryBlockCache } from '../cache/MemoryBlockCache';
import { openHdf5Reader } from '../hdf5/openHdf5Reader';
import type { DataReader } from '../reader/contract';

export const TESTDATA = path.resolve(__dirname, '../../../shared/testdata');

/** Every HDF5 NWB file under a folder, sorted (Zarr stores skipped). */
export function findHdf5Files(dir: string = TESTDATA): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (name.endsWith('.zarr')) continue;
    if (statSync(full).isDirectory()) out.push(...findHdf5Files(full));
    else if (name.endsWith('.nwb')) out.push(full);
  }
  return out.sort();
}

export async function openLocalReader(file: string): Promise<DataReader> {
  const blob = await openAsBlob(file);
  const named = Object.assign(blob, { name: path.basename(file), lastModified: 0 });
  return openHdf5Reader({
    descriptor: { kind: 'file', file: named },
    loader: new BlockLoader({ persistent: null }),
    memory: new MemoryBlockCache(64 * 1024 * 1024),
  });
}

/** Debian's python3 (with python3-h5py), for independent readings; null when not installed. */
export const DEBIAN_PYTHON = ['/usr/bin/python3'].find((p) => {
  if (!existsSync(p)) return false;
  try {
    execFileSync(p, ['-c', 'import h5py'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Runs a Python helper script with Debian's python3 and parses the JSON it prints. */
export function runPythonJson<T>(script: string, args: string[]): T {
  if (!DEBIAN_PYTHON)
    throw new Error('python3-h5py is not installed (apt-get install python3-h5py)');
  const out = execFileSync(DEBIAN_PYTHON, [script, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(out) as T;
}
