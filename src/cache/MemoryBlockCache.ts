/**
 * The synchronous block cache HDF5 reads from: an LRU bounded by total bytes. It must be
 * synchronous because h5wasm's read callback cannot await.
 */

export interface MemoryCacheStats {
  hits: number;
  misses: number;
  /** Bytes returned by get(). */
  bytesServed: number;
  /** Bytes held now. */
  bytes: number;
  blocks: number;
  evictions: number;
}

interface Entry {
  fileId: string;
  index: number;
  data: Uint8Array;
}

export const DEFAULT_MEMORY_CACHE_BYTES = 256 * 1024 * 1024;

export class MemoryBlockCache {
  /** Map order is recency order: the first entry is the least recently used. */
  private readonly entries = new Map<string, Entry>();
  /** Keys per file, so deleteFile does not scan every block. */
  private readonly byFile = new Map<string, Set<string>>();
  private readonly counters = { hits: 0, misses: 0, bytesServed: 0, bytes: 0, evictions: 0 };

  constructor(readonly maxBytes: number = DEFAULT_MEMORY_CACHE_BYTES) {}

  private static keyOf(fileId: string, index: number): string {
    // NUL cannot appear in our file ids, so keys never collide.
    return `${fileId}\u0000${index}`;
  }

  get(fileId: string, index: number): Uint8Array | undefined {
    const key = MemoryBlockCache.keyOf(fileId, index);
    const entry = this.entries.get(key);
    if (!entry) {
      this.counters.misses++;
      return undefined;
    }
    // Re-insert to mark as most recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.counters.hits++;
    this.counters.bytesServed += entry.data.byteLength;
    return entry.data;
  }

  /** Like get() but neither counts nor refreshes recency. */
  has(fileId: string, index: number): boolean {
    return this.entries.has(MemoryBlockCache.keyOf(fileId, index));
  }

  set(fileId: string, index: number, data: Uint8Array): void {
    const key = MemoryBlockCache.keyOf(fileId, index);
    this.remove(key);
    // A block bigger than the whole budget would evict everything and still not fit.
    if (data.byteLength > this.maxBytes) return;
    this.entries.set(key, { fileId, index, data });
    let keys = this.byFile.get(fileId);
    if (!keys) this.byFile.set(fileId, (keys = new Set()));
    keys.add(key);
    this.counters.bytes += data.byteLength;
    this.evictOverBudget();
  }

  deleteFile(fileId: string): void {
    for (const key of [...(this.byFile.get(fileId) ?? [])]) this.remove(key);
  }

  clear(): void {
    this.entries.clear();
    this.byFile.clear();
    this.counters.bytes = 0;
  }

  stats(): MemoryCacheStats {
    return { ...this.counters, blocks: this.entries.size };
  }

  private evictOverBudget(): void {
    for (const key of this.entries.keys()) {
      if (this.counters.bytes <= this.maxBytes) break;
      this.remove(key);
      this.counters.evictions++;
    }
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.counters.bytes -= entry.data.byteLength;
    const keys = this.byFile.get(entry.fileId);
    keys?.delete(key);
    if (keys?.size === 0) this.byFile.delete(entry.fileId);
  }
}
