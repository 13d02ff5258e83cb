/**
 * The one rule for a name that says "HDF5 file": the picker and a dropped folder offer such files
 * to open (other files there only serve as link targets), and index.html's early start
 * (scripts/vite-early-workers.ts) reads only a link to one.
 * A leaf module (imports nothing), so every layer, and the build, may use it.
 */
export const HDF5_FILE_NAME = /\.(nwb|h5|hdf5|hdf|he5)$/i;

export function isHdf5Name(name: string): boolean {
  return HDF5_FILE_NAME.test(name);
}
