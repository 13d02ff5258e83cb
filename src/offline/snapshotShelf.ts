/**
 * Where pictures of views (viewSnapshot.ts) are kept: the page's localStorage. index.html paints
 * one while the page is still being parsed, before any of the app's script, and localStorage is
 * the one store a page can read synchronously there: IndexedDB answered 70-280 ms after the
 * page's first script ran, on a browser just started (bench/browser.ts, `kept answers read`).
 * Kept few and small: the last SHELF_SIZE addresses, each at most MAX_CHARS, the oldest given up
 * first when the origin's storage is full (the S3 keys and DANDI key a person asked to remember
 * share it, and are never given up for a picture).
 */
import type { ViewSnapshot } from './viewSnapshot';

/** A picture's key: this, then the address's query (index.html reads the same). */
export const SHELF_PREFIX = 'nwbe:view:';
/** The addresses with a picture, oldest first. */
const INDEX_KEY = 'nwbe:views';
export const SHELF_SIZE = 8;
export const MAX_CHARS = 400_000;

/** The part of Storage the shelf uses. */
export type ShelfStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Keeps the picture of `snapshot.search`'s view; false when it is too big or does not fit. */
export function shelve(storage: ShelfStorage, snapshot: ViewSnapshot): boolean {
  const text = JSON.stringify(snapshot);
  if (text.length > MAX_CHARS) return false;
  const index = indexOf(storage).filter((search) => search !== snapshot.search);
  while (index.length >= SHELF_SIZE) storage.removeItem(SHELF_PREFIX + index.shift());
  for (;;) {
    try {
      storage.setItem(SHELF_PREFIX + snapshot.search, text);
      break;
    } catch {
      // Full: the oldest picture makes room, until there is none left to give up.
      const oldest = index.shift();
      if (oldest === undefined) {
        writeIndex(storage, index);
        return false;
      }
      storage.removeItem(SHELF_PREFIX + oldest);
    }
  }
  writeIndex(storage, [...index, snapshot.search]);
  return true;
}

/** The picture kept for an address's query, if any. */
export function shelved(storage: ShelfStorage, search: string): ViewSnapshot | null {
  const text = storage.getItem(SHELF_PREFIX + search);
  if (text === null) return null;
  try {
    return JSON.parse(text) as ViewSnapshot;
  } catch {
    return null;
  }
}

/** Gives up every picture (the person cleared what the app keeps of files). */
export function clearShelf(storage: ShelfStorage): void {
  for (const search of indexOf(storage)) storage.removeItem(SHELF_PREFIX + search);
  storage.removeItem(INDEX_KEY);
}

function indexOf(storage: ShelfStorage): string[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(INDEX_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((s): s is string => typeof s === 'string') : [];
  } catch {
    return [];
  }
}

function writeIndex(storage: ShelfStorage, index: string[]): void {
  try {
    storage.setItem(INDEX_KEY, JSON.stringify(index));
  } catch {
    // Full even for the index: the pictures are still found by their keys.
  }
}
