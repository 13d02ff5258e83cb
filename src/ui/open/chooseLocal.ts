/**
 * What to open among local files that arrived together (a drop, a picker, remembered handles):
 * one file (the others serve its external links), a Zarr store as a whole, or a choice for the
 * user. Pure, so a drop and a reopen after a reload decide alike.
 */
import { isHdf5Name } from '../../common/hdf5FileName';
import { findZarrFolder, type CollectedFile, type ZarrFolder } from './collectFiles';

export type LocalChoice =
  | { kind: 'file'; chosen: CollectedFile; siblings: File[] }
  | { kind: 'folder'; store: ZarrFolder }
  | { kind: 'choose'; candidates: CollectedFile[] };

export interface ChooseOptions {
  /** Path (as collected) of the file to open, e.g. the one opened before a reload. */
  path?: string;
  /** Name of the file to open when present (the address bar's `local=` after a reload). */
  name?: string;
}

export function chooseLocal(files: CollectedFile[], opts: ChooseOptions = {}): LocalChoice | null {
  if (files.length === 0) return null;
  const open = (chosen: CollectedFile): LocalChoice => ({
    kind: 'file',
    chosen,
    siblings: files.filter((f) => f !== chosen).map((f) => f.file),
  });
  const wanted =
    (opts.path !== undefined && files.find((f) => f.relativePath === opts.path)) ||
    (opts.name !== undefined && files.find((f) => f.file.name === opts.name));
  if (wanted) return open(wanted);
  const candidates = files.filter((f) => isHdf5Name(f.file.name));
  const store = findZarrFolder(files);
  // A Zarr store opens as a whole, unless HDF5 files came with it (then the user chooses one).
  if (store && candidates.length === 0) return { kind: 'folder', store };
  // A single file (whatever its name) opens at once; it may still turn out not to be HDF5.
  if (files.length === 1) return open(files[0]);
  if (candidates.length === 1) return open(candidates[0]);
  return { kind: 'choose', candidates: candidates.length > 0 ? candidates : files };
}
