/**
 * The persistent block cache in IndexedDB, through idb-keyval.
 *
 * idb-keyval's createStore opens one object store per database, so there are three databases:
 *   - blocks:     [identityKey, index] -> Uint8Array
 *   - files:      identityKey -> FileRecord (bytes stored, last use), for LRU eviction
 *   - identities: source key -> SourceIdentity, so a warm reopen needs no request
 * Block keys are arrays so one key range selects every block of a file.
 */
import {
  clear as clearStore,
  createStore,
  del,
  entries,
  get,
  getMany,
  promisifyRequest,
  set,
  setMany,
  type UseStore,
} from 'idb-keyval';
import type { SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { isQuotaError } from './quota';
import { identityKeyOf, keyHigh, keyLow } from './storeKeys';
import type { PersistentBlockStore } from './types';

export interface FileRecord {
  identity: SourceIdentity;
  /** Bytes of blocks written (re-writes of a block count again: an upper bound). */
  bytes: number;
  /** Date.now() of the last get or put. */
  lastUsed: number;
}

export interface IdbStores {
  blocks: UseStore;
  files: UseStore;
  identities: UseStore;
}

export interface IdbBlockStoreOptions {
  /** Database name prefix. Default 'nwbx'. */
  prefix?: string;
  /** Pre-made stores (tests wrap them to inject failures). */
  stores?: IdbStores;
  /** How long file-record updates are batched before being written. Default 2 s. */
  flushDelayMs?: number;
  /** Replaceable for tests. */
  now?: () => number;
}

interface PendingTouch {
  identity: SourceIdentity;
  addBytes: number;
  lastUsed: number;
}

/** Source key -> the identity its blocks are stored under (a warm reopen needs no request). */
function identitiesStore(prefix: string): UseStore {
  return createStore(`${prefix}-identities`, 'identities');
}

/**
 * The identity a source's blocks were last stored under, read without opening the block
 * databases: the page reads it at entry to find a return visit's kept answers.
 */
export function readRememberedIdentity(
  key: string,
  prefix = 'nwbx',
): Promise<SourceIdentity | undefined> {
  return get<SourceIdentity>(key, identitiesStore(prefix));
}

export class IdbBlockStore implements PersistentBlockStore {
  private readonly stores: IdbStores;
  private readonly flushDelayMs: number;
  private readonly now: () => number;
  /** File-record changes not written yet: writing one per block read would double the work. */
  private pending = new Map<string, PendingTouch>();
  private flushTimer: ReturnType<typeof setTimeout> | null = null;
  /** Identities whose file record has been written in this session. */
  private readonly recorded = new Set<string>();
  /** Files evicted to make room, for stats and tests. */
  evictions = 0;

  constructor(opts: IdbBlockStoreOptions = {}) {
    const prefix = opts.prefix ?? 'nwbx';
    this.stores = opts.stores ?? {
      blocks: createStore(`${prefix}-blocks`, 'blocks'),
      files: createStore(`${prefix}-files`, 'files'),
      identities: identitiesStore(prefix),
    };
    this.flushDelayMs = opts.flushDelayMs ?? 2000;
    this.now = opts.now ?? Date.now;
  }

  async getBlocks(identity: SourceIdentity, indices: number[]): Promise<Map<number, Uint8Array>> {
    const out = new Map<number, Uint8Array>();
    if (indices.length === 0) return out;
    const id = identityKeyOf(identity);
    const values = await getMany<Uint8Array | undefined>(
      indices.map((i) => [id, i]),
      this.stores.blocks,
    );
    values.forEach((v, k) => {
      if (v) out.set(indices[k], v);
    });
    if (out.size > 0) this.touch(id, identity, 0);
    return out;
  }

  async putBlocks(identity: SourceIdentity, blocks: Map<number, Uint8Array>): Promise<void> {
    if (blocks.size === 0) return;
    const id = identityKeyOf(identity);
    // Copied before any await: the caller may transfer its buffers to another thread meanwhile,
    // and a view on a larger buffer would make IndexedDB clone the whole buffer.
    const items: [IDBValidKey, Uint8Array][] = [...blocks].map(([i, b]) => [[id, i], b.slice()]);
    const bytes = items.reduce((n, [, b]) => n + b.byteLength, 0);
    for (;;) {
      try {
        await setMany(items, this.stores.blocks);
        this.touch(id, identity, bytes);
        // A file's first blocks get their record at once: a file without one could never be
        // evicted if the page closed before the batched flush.
        if (!this.recorded.has(id)) {
          this.recorded.add(id);
          await this.flush();
        }
        return;
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        if (!(await this.evictOldest(id))) {
          throw new ExplorerError(
            'quota',
            'The browser refused to store more blocks, even after evicting other files.',
            { cause: e },
          );
        }
      }
    }
  }

  async getRememberedIdentity(key: string): Promise<SourceIdentity | undefined> {
    return get<SourceIdentity>(key, this.stores.identities);
  }

  async rememberIdentity(identity: SourceIdentity): Promise<void> {
    await set(identity.key, { ...identity }, this.stores.identities);
  }

  async forget(key: string): Promise<void> {
    for (const id of [...this.pending.keys()]) {
      if (id >= keyLow(key) && id < keyHigh(key)) this.pending.delete(id);
    }
    for (const id of [...this.recorded])
      if (id >= keyLow(key) && id < keyHigh(key)) this.recorded.delete(id);
    await del(key, this.stores.identities);
    await this.deleteRange(
      this.stores.blocks,
      IDBKeyRange.bound([keyLow(key)], [keyHigh(key)], false, true),
    );
    await this.deleteRange(
      this.stores.files,
      IDBKeyRange.bound(keyLow(key), keyHigh(key), false, true),
    );
  }

  async clear(): Promise<void> {
    this.pending.clear();
    this.recorded.clear();
    await Promise.all([
      clearStore(this.stores.blocks),
      clearStore(this.stores.files),
      clearStore(this.stores.identities),
    ]);
  }

  /** The file records, pending updates included (for eviction, stats and tests). */
  async fileRecords(): Promise<FileRecord[]> {
    await this.flush();
    return (await entries<string, FileRecord>(this.stores.files)).map(([, r]) => r);
  }

  /** Writes batched file-record updates now. */
  async flush(): Promise<void> {
    if (this.flushTimer !== null) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    await this.stores.files('readwrite', (store) => {
      // Read-modify-write inside request callbacks (no await): the transaction stays active in
      // every browser.
      for (const [id, t] of batch) {
        const req = store.get(id) as IDBRequest<FileRecord | undefined>;
        req.onsuccess = () => {
          const rec = req.result ?? { identity: t.identity, bytes: 0, lastUsed: 0 };
          const lastUsed = Math.max(rec.lastUsed, t.lastUsed);
          store.put({ ...rec, bytes: rec.bytes + t.addBytes, lastUsed }, id);
        };
      }
      return promisifyRequest(store.transaction);
    });
  }

  private touch(id: string, identity: SourceIdentity, addBytes: number): void {
    const t = this.pending.get(id);
    this.pending.set(id, {
      identity,
      addBytes: (t?.addBytes ?? 0) + addBytes,
      lastUsed: this.now(),
    });
    if (this.flushTimer === null) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        this.flush().catch(() => undefined);
      }, this.flushDelayMs);
      // In Node (tests, benchmarks) a pending flush must not keep the process alive.
      (this.flushTimer as { unref?: () => void }).unref?.();
    }
  }

  /** Deletes the least recently used file other than `keep`; false when there is none. */
  private async evictOldest(keep: string): Promise<boolean> {
    await this.flush();
    const records = await entries<string, FileRecord>(this.stores.files);
    let oldest: [string, FileRecord] | null = null;
    for (const r of records) {
      if (r[0] !== keep && (!oldest || r[1].lastUsed < oldest[1].lastUsed)) oldest = r;
    }
    if (!oldest) return false;
    const [id] = oldest;
    await this.deleteRange(this.stores.blocks, IDBKeyRange.bound([id, 0], [id, Infinity]));
    await del(id, this.stores.files);
    this.recorded.delete(id);
    this.evictions++;
    return true;
  }

  private deleteRange(store: UseStore, range: IDBKeyRange): Promise<void> {
    return store('readwrite', (s) => {
      s.delete(range);
      return promisifyRequest(s.transaction);
    });
  }
}
