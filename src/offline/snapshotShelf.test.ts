import { describe, expect, it } from 'vitest';
import {
  clearShelf,
  MAX_CHARS,
  SHELF_PREFIX,
  SHELF_SIZE,
  shelve,
  shelved,
  type ShelfStorage,
} from './snapshotShelf';
import type { ViewSnapshot } from './viewSnapshot';

/** localStorage as the shelf sees it, full past `capacity` characters (keys and values). */
class FakeStorage implements ShelfStorage {
  readonly items = new Map<string, string>();
  constructor(private readonly capacity = Infinity) {}
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    const others = [...this.items].filter(([k]) => k !== key);
    const used = others.reduce((n, [k, v]) => n + k.length + v.length, 0);
    if (used + key.length + value.length > this.capacity) throw new Error('QuotaExceededError');
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
  pictures() {
    return [...this.items.keys()].filter((k) => k.startsWith(SHELF_PREFIX)).sort();
  }
}

const snapshot = (search: string, filler = ''): ViewSnapshot => ({
  search,
  build: '/assets/index-abc.js',
  identity: { key: 'https://data.example/a.nwb', size: 1000, validator: '"etag"' },
  css: '.tree{}',
  nodes: [{ t: 'div', c: [filler] }],
  scrolls: [],
  treeRows: 3,
});

describe('the shelf of view pictures', () => {
  it('gives back what it kept, by the address', () => {
    const storage = new FakeStorage();
    expect(shelve(storage, snapshot('?url=a'))).toBe(true);
    expect(shelved(storage, '?url=a')).toEqual(snapshot('?url=a'));
    expect(shelved(storage, '?url=b')).toBeNull();
  });

  it(`keeps the last ${SHELF_SIZE} addresses, a picture taken again counting as new`, () => {
    const storage = new FakeStorage();
    for (let i = 0; i < SHELF_SIZE; i++) shelve(storage, snapshot(`?url=${i}`));
    shelve(storage, snapshot('?url=0')); // taken again: now the newest
    shelve(storage, snapshot('?url=new'));
    expect(storage.pictures()).toHaveLength(SHELF_SIZE);
    expect(shelved(storage, '?url=0')).not.toBeNull();
    expect(shelved(storage, '?url=1')).toBeNull(); // the oldest went
    expect(shelved(storage, '?url=new')).not.toBeNull();
  });

  it('gives up the oldest pictures when the storage is full, never anything else', () => {
    const storage = new FakeStorage(3000);
    storage.setItem('nwbx-s3-keys', 'remembered'); // what the person asked to keep
    shelve(storage, snapshot('?url=a', 'x'.repeat(900)));
    shelve(storage, snapshot('?url=b', 'x'.repeat(900)));
    expect(storage.pictures()).toHaveLength(2);
    expect(shelve(storage, snapshot('?url=c', 'x'.repeat(900)))).toBe(true);
    expect(shelved(storage, '?url=a')).toBeNull();
    expect(shelved(storage, '?url=c')).not.toBeNull();
    expect(storage.getItem('nwbx-s3-keys')).toBe('remembered');
  });

  it('keeps no picture that is too big, or that does not fit at all', () => {
    const storage = new FakeStorage(2000);
    expect(shelve(storage, snapshot('?url=big', 'x'.repeat(MAX_CHARS)))).toBe(false);
    expect(shelve(storage, snapshot('?url=wide', 'x'.repeat(2500)))).toBe(false);
    expect(storage.pictures()).toEqual([]);
  });

  it('gives up every picture, and nothing else, when cleared', () => {
    const storage = new FakeStorage();
    storage.setItem('nwbx-s3-keys', 'remembered');
    shelve(storage, snapshot('?url=a'));
    shelve(storage, snapshot('?url=b'));
    clearShelf(storage);
    expect([...storage.items.keys()]).toEqual(['nwbx-s3-keys']);
  });

  it('reads a damaged picture as none', () => {
    const storage = new FakeStorage();
    storage.setItem(`${SHELF_PREFIX}?url=a`, '{"search":');
    expect(shelved(storage, '?url=a')).toBeNull();
  });
});
