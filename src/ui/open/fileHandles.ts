/**
 * File System Access handles (Chromium): a handle to a local file or folder can be kept in
 * IndexedDB and read again after a reload, once the user allows it. Drops and pickers hand them
 * over; here they are read back into the same CollectedFile list a drop gives.
 *
 * TypeScript's DOM library lacks most of this API (pickers, permissions, directory iteration),
 * so the parts used are declared here, narrowly, and every one is checked before use.
 */
import type { CollectedFile } from './collectFiles';

export type HandlePermission = 'granted' | 'denied' | 'prompt';

/** The parts of FileSystemHandle this app uses (permissions are Chromium-only). */
export interface StoredHandle {
  kind: 'file' | 'directory';
  name: string;
  queryPermission?(descriptor: { mode: 'read' }): Promise<HandlePermission>;
  requestPermission?(descriptor: { mode: 'read' }): Promise<HandlePermission>;
}

interface FileHandle extends StoredHandle {
  kind: 'file';
  getFile(): Promise<File>;
}

interface DirectoryHandle extends StoredHandle {
  kind: 'directory';
  values(): AsyncIterable<FileHandle | DirectoryHandle>;
}

type AnyHandle = FileHandle | DirectoryHandle;

interface PickerWindow {
  showOpenFilePicker?(options: object): Promise<FileHandle[]>;
  showDirectoryPicker?(options: object): Promise<DirectoryHandle>;
}

interface HandleItem {
  getAsFileSystemHandle?(): Promise<StoredHandle | null | undefined>;
}

function pickerWindow(): PickerWindow {
  return window as unknown as PickerWindow;
}

/** Whether this browser can hand out file handles that survive a reload (Chromium can). */
export function canRememberFiles(): boolean {
  return (
    typeof window !== 'undefined' &&
    typeof pickerWindow().showOpenFilePicker === 'function' &&
    typeof DataTransferItem !== 'undefined' &&
    'getAsFileSystemHandle' in DataTransferItem.prototype
  );
}

/**
 * The handles of a drop. Must be called during the drop event itself (the items go stale once it
 * returns); the promise may settle later. Resolves to null when the browser gives no handles
 * (Firefox, Safari, or a drop made by a script, which carries File objects only).
 */
export function handlesOfDrop(data: DataTransfer): Promise<StoredHandle[] | null> {
  const items = Array.from(data.items).filter((item) => item.kind === 'file');
  const getters = items.map((item) => (item as unknown as HandleItem).getAsFileSystemHandle);
  if (items.length === 0 || getters.some((get) => typeof get !== 'function')) {
    return Promise.resolve(null);
  }
  const pending = items.map((item) =>
    (item as unknown as Required<HandleItem>).getAsFileSystemHandle(),
  );
  return Promise.all(pending).then(
    // A drop made by a script resolves to undefined (not the null the spec says): no handle.
    (handles) => (handles.every(isHandle) ? (handles as StoredHandle[]) : null),
    () => null,
  );
}

function isHandle(value: unknown): value is StoredHandle {
  const kind = (value as Partial<StoredHandle> | null | undefined)?.kind;
  return kind === 'file' || kind === 'directory';
}

const PICKER_TYPES = [
  {
    description: 'NWB and HDF5 files',
    accept: { 'application/x-hdf5': ['.nwb', '.h5', '.hdf5', '.hdf'] },
  },
];

/** Whether the browser has its native picker of this kind (whose handles can be kept). */
export function hasNativePicker(kind: 'file' | 'folder'): boolean {
  const w = pickerWindow();
  return typeof (kind === 'file' ? w.showOpenFilePicker : w.showDirectoryPicker) === 'function';
}

/** The native picker's handles ([] when the user cancelled). Check hasNativePicker first. */
export async function pickHandles(kind: 'file' | 'folder'): Promise<StoredHandle[]> {
  const w = pickerWindow();
  try {
    if (kind === 'file' && w.showOpenFilePicker) {
      return await w.showOpenFilePicker({ multiple: true, types: PICKER_TYPES });
    }
    if (kind === 'folder' && w.showDirectoryPicker) {
      return [await w.showDirectoryPicker({ mode: 'read' })];
    }
    return [];
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') return [];
    throw e;
  }
}

/**
 * Read permission for a stored handle: asked of the browser only when `ask` is set, which must
 * happen in a click (the browser shows its prompt then). Handles without the permission methods
 * (older Chromium) are taken as granted: reading them says soon enough if they are not.
 */
export async function handlePermission(
  handle: StoredHandle,
  ask: boolean,
): Promise<HandlePermission> {
  const descriptor = { mode: 'read' } as const;
  const current = (await handle.queryPermission?.(descriptor)) ?? 'granted';
  if (current !== 'prompt' || !ask || !handle.requestPermission) return current;
  return handle.requestPermission(descriptor);
}

/** Folders nested deeper than this are not walked (as for a dropped folder). */
const MAX_DEPTH = 16;

async function walk(handle: AnyHandle, prefix: string, depth: number, out: CollectedFile[]) {
  if (handle.kind === 'file') {
    out.push({ file: await handle.getFile(), relativePath: prefix + handle.name });
    return;
  }
  if (depth > MAX_DEPTH) return;
  for await (const child of handle.values()) {
    await walk(child, `${prefix}${handle.name}/`, depth + 1, out);
  }
}

/**
 * The files behind handles, with paths as a drop of the same things gives them ("store/.zattrs").
 * A file or folder that was moved or deleted since fails with a DOMException named NotFoundError.
 */
export async function filesOfHandles(handles: StoredHandle[]): Promise<CollectedFile[]> {
  const out: CollectedFile[] = [];
  for (const handle of handles) await walk(handle as AnyHandle, '', 0, out);
  return out;
}

/** A handle whose file or folder is gone (moved, renamed or deleted). */
export function isGoneError(e: unknown): boolean {
  return e instanceof DOMException && (e.name === 'NotFoundError' || e.name === 'NotReadableError');
}
