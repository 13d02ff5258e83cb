/**
 * A PersistentBlockStore held in memory, for Node tests and benchmarks. With a byte budget it
 * fails writes the way a full IndexedDB does, so eviction can be exercised without a browser.
 */
import type { SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError } from '../errors';
import { isQuotaError, quotaExceededError } from './quota';
import { identityKeyOf } from './storeKeys';
import type { PersistentBlockStore } from './types';

interface FileEntry {
  identity: SourceIdentity;
  blocks: Map<number, Uint8Array>;
  bytes: number;
  lastUsed: number;
}

export interface MemoryBlockStoreOptions {
  /** Total bytes of blocks allowed; writes past it fail with QuotaExceededError. */
  budgetBytes?: number;
}

export class MemoryBlockStore implements PersistentBlockStore {
  private readonly files = new Map<string, FileEntry>();
  private readonly remembered = new Map<string, SourceIdentity>();
  private readonly budgetBytes: number;
  /** A counter, not Date.now(): several operations in one millisecond must still be ordered. */
  private clock = 0;
  /** Files evicted to make room, for tests. */
  evictions = 0;
  /** Calls that reached the store, for tests that assert the warm path. */
  readonly calls = { getBlocks: 0, putBlocks: 0 };

  constructor(opts: MemoryBlockStoreOptions = {}) {
    this.budgetBytes = opts.budgetBytes ?? Infinity;
  }

  get totalBytes(): number {
    let n = 0;
    for (const f of this.files.values()) n += f.bytes;
    return n;
  }

  async getBlocks(identity: SourceIdentity, indices: number[]): Promise<Map<number, Uint8Array>> {
    this.calls.getBlocks++;
    const out = new Map<number, Uint8Array>();
    const file = this.files.get(identityKeyOf(identity));
    if (!file) return out;
    file.lastUsed = ++this.clock;
    for (const i of indices) {
      const b = file.blocks.get(i);
      if (b) out.set(i, b);
    }
    return out;
  }

  async putBlocks(identity: SourceIdentity, blocks: Map<number, Uint8Array>): Promise<void> {
    this.calls.putBlocks++;
    const id = identityKeyOf(identity);
    for (;;) {
      try {
        this.write(id, identity, blocks);
        return;
      } catch (e) {
        if (!isQuotaError(e)) throw e;
        if (!this.evictOldest(id)) {
          throw new ExplorerError(
            'quota',
            'The block cache is full even after evicting other files.',
            {
              cause: e,
            },
          );
        }
      }
    }
  }

  async getRememberedIdentity(key: string): Promise<SourceIdentity | undefined> {
    return this.remembered.get(key);
  }

  async rememberIdentity(identity: SourceIdentity): Promise<void> {
    this.remembered.set(identity.key, { ...identity });
  }

  async forget(key: string): Promise<void> {
    this.remembered.delete(key);
    for (const [id, f] of this.files) if (f.identity.key === key) this.files.delete(id);
  }

  async clear(): Promise<void> {
    this.files.clear();
    this.remembered.clear();
  }

  /** All-or-nothing, like an IndexedDB transaction. */
  private write(id: string, identity: SourceIdentity, blocks: Map<number, Uint8Array>): void {
    const file = this.files.get(id);
    let added = 0;
    for (const [i, b] of blocks) added += b.byteLength - (file?.blocks.get(i)?.byteLength ?? 0);
    if (this.totalBytes + added > this.budgetBytes) throw quotaExceededError();
    const entry = file ?? { identity: { ...identity }, blocks: new Map(), bytes: 0, lastUsed: 0 };
    // A copy taken now: the caller may transfer its buffers to another thread afterwards.
    for (const [i, b] of blocks) entry.blocks.set(i, b.slice());
    entry.bytes += added;
    entry.lastUsed = ++this.clock;
    this.files.set(id, entry);
  }

  /** Drops the least recently used file other than `keep`; false if there is none. */
  private evictOldest(keep: string): boolean {
    let oldest: [string, FileEntry] | null = null;
    for (const e of this.files) {
      if (e[0] !== keep && (!oldest || e[1].lastUsed < oldest[1].lastUsed)) oldest = e;
    }
    if (!oldest) return false;
    this.files.delete(oldest[0]);
    this.evictions++;
    return true;
  }
}
