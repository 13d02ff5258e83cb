/**
 * Local files remembered on this device: the File System Access handles of what was dropped or
 * picked, kept in IndexedDB (a handle survives a reload; the file's bytes are never copied), by
 * the name the address bar gives the file (`?local=<name>`). Chromium only; elsewhere nothing is
 * stored and the user drops the file again.
 */
import { createStore, del, entries, set, type UseStore } from 'idb-keyval';
import type { RememberedFile } from '../ui/open/RememberedFiles';

/** The most recently opened local files kept; older ones are forgotten. */
const MAX_REMEMBERED = 12;

let store: UseStore | null = null;
function handleStore(): UseStore {
  store ??= createStore('nwb-explorer-local-handles', 'handles');
  return store;
}

/** Newest first. A failing IndexedDB (private mode, blocked storage) remembers nothing. */
export async function listRemembered(): Promise<RememberedFile[]> {
  try {
    const all = await entries<string, RememberedFile>(handleStore());
    return all
      .map(([, record]) => record)
      .filter((record) => Array.isArray(record?.handles) && record.handles.every(Boolean))
      .sort((a, b) => b.openedAt - a.openedAt);
  } catch {
    return [];
  }
}

/** Keeps (or refreshes) one file's handles; returns the new list, newest first. */
export async function rememberFile(record: RememberedFile): Promise<RememberedFile[]> {
  try {
    await set(record.name, record, handleStore());
    const all = await listRemembered();
    await Promise.all(all.slice(MAX_REMEMBERED).map((old) => del(old.name, handleStore())));
    return all.slice(0, MAX_REMEMBERED);
  } catch {
    return listRemembered();
  }
}

export async function forgetFile(name: string): Promise<RememberedFile[]> {
  await del(name, handleStore()).catch(() => undefined);
  return listRemembered();
}
