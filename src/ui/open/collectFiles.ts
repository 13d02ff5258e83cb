/**
 * Files from a drop or a picker, folders included. A dropped folder arrives as a directory entry
 * that has to be walked (the File and Directory Entries API); a picked folder (webkitdirectory)
 * arrives as a flat list.
 */

/** A file and its path relative to what was dropped ("session/probe.nwb"). */
export interface CollectedFile {
  file: File;
  relativePath: string;
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/**
 * Folders nested deeper than this are not walked (a guard against enormous trees). Zarr stores
 * nest deeply: /processing/<module>/<container>/<series>/data/ is six levels below the store.
 */
const MAX_DEPTH = 16;

async function walk(entry: FileSystemEntry, prefix: string, depth: number, out: CollectedFile[]) {
  if (entry.isFile) {
    out.push({
      file: await entryFile(entry as FileSystemFileEntry),
      relativePath: prefix + entry.name,
    });
    return;
  }
  if (!entry.isDirectory || depth > MAX_DEPTH) return;
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns batches (about 100 at a time in Chromium) until it returns an empty one.
  for (;;) {
    const batch = await readEntries(reader);
    if (batch.length === 0) break;
    for (const child of batch) await walk(child, prefix + entry.name + '/', depth + 1, out);
  }
}

export async function collectDropped(data: DataTransfer): Promise<CollectedFile[]> {
  const entries = Array.from(data.items)
    .map((item) => (item.kind === 'file' ? item.webkitGetAsEntry() : null))
    .filter((e): e is FileSystemEntry => e !== null);
  if (entries.length === 0) {
    return Array.from(data.files).map((file) => ({ file, relativePath: file.name }));
  }
  const out: CollectedFile[] = [];
  for (const entry of entries) await walk(entry, '', 0, out);
  return out;
}

export function collectPicked(files: FileList | null): CollectedFile[] {
  return Array.from(files ?? []).map((file) => ({
    file,
    relativePath: file.webkitRelativePath || file.name,
  }));
}

/** A Zarr store found among collected files: its folder name and its files relative to it. */
export interface ZarrFolder {
  name: string;
  files: { path: string; file: File }[];
}

const ZARR_ROOT_MARKERS = ['.zmetadata', '.zgroup', 'zarr.json'];

/**
 * The outermost folder holding Zarr root metadata (`.zgroup`, `zarr.json` or `.zmetadata`), with
 * its files; null when the files hold no Zarr store. Content decides, not a `.zarr` name.
 */
export function findZarrFolder(files: CollectedFile[]): ZarrFolder | null {
  let root: string | null = null;
  for (const { relativePath } of files) {
    const parts = relativePath.split('/');
    const name = parts.pop() ?? '';
    if (!ZARR_ROOT_MARKERS.includes(name) || parts.length === 0) continue;
    const folder = parts.join('/');
    if (root === null || folder.length < root.length) root = folder;
  }
  if (root === null) return null;
  const prefix = `${root}/`;
  return {
    name: root.split('/').pop() ?? root,
    files: files
      .filter((f) => f.relativePath.startsWith(prefix))
      .map((f) => ({ path: f.relativePath.slice(prefix.length), file: f.file })),
  };
}
