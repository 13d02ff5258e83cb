/**
 * A Zarr store whose objects are read through the block loader, so they share the persistent
 * block cache and the request/byte counters with HDF5 files.
 *
 * Keying: each object is a "file" of the loader under its own identity: the object's URL (or
 * "local:<folder path>/<key>" for a dropped folder), its size and its ETag. Its blocks are
 * cached like any file's, and a warm reopen finds the remembered identity and makes no request.
 * A missing object (404) is remembered as missing for the session only.
 */
import type { ByteSource } from '../bytes/ByteSource';
import type { BlockLoader } from '../cache/BlockLoader';
import { asExplorerError } from '../errors';
import type { GetOptions, RangeQuery, ZarrStore } from './store';

export interface ObjectSources {
  /** The source of one object, or null when the key cannot exist (not in a folder's listing). */
  sourceFor(key: string): ByteSource | null;
  /** Every key when known (a folder), else null. */
  keys: ReadonlySet<string> | null;
}

export class LoaderStore implements ZarrStore {
  readonly keys: ReadonlySet<string> | null;
  private readonly sources = new Map<string, ByteSource | null>();
  private readonly missing = new Set<string>();
  private readonly fileIds = new Set<string>();

  constructor(
    private readonly loader: BlockLoader,
    private readonly storeId: string,
    private readonly objects: ObjectSources,
  ) {
    this.keys = objects.keys;
  }

  async get(key: string, options?: GetOptions): Promise<Uint8Array | undefined> {
    const size = await this.open(key, options?.signal);
    if (size === undefined) return undefined;
    return this.bytes(key, 0, size, options?.signal);
  }

  async getRange(
    key: string,
    range: RangeQuery,
    options?: GetOptions,
  ): Promise<Uint8Array | undefined> {
    const size = await this.open(key, options?.signal);
    if (size === undefined) return undefined;
    const start = 'suffixLength' in range ? Math.max(0, size - range.suffixLength) : range.offset;
    const end = 'suffixLength' in range ? size : Math.min(size, range.offset + range.length);
    return this.bytes(key, start, end, options?.signal);
  }

  /** Forgets the loader files of this store. */
  close(): void {
    for (const id of this.fileIds) this.loader.close(id);
    this.fileIds.clear();
  }

  private fileId(key: string): string {
    return `${this.storeId}\u0001${key}`;
  }

  /** Size of the object, or undefined when it does not exist. */
  private async open(key: string, signal?: AbortSignal): Promise<number | undefined> {
    if (this.missing.has(key)) return undefined;
    if (this.keys && !this.keys.has(key)) return undefined;
    let source = this.sources.get(key);
    if (source === undefined) {
      source = this.objects.sourceFor(key);
      this.sources.set(key, source);
    }
    if (!source) return undefined;
    const id = this.fileId(key);
    try {
      const identity = await this.loader.open(id, source, signal);
      this.fileIds.add(id);
      return identity.size;
    } catch (e) {
      const error = asExplorerError(e);
      if (error.code === 'not-found' || error.code === 'forbidden') {
        // S3 answers 403 for a missing key of a bucket that cannot be listed.
        this.missing.add(key);
        this.sources.delete(key);
        return undefined;
      }
      throw error;
    }
  }

  private async bytes(
    key: string,
    start: number,
    end: number,
    signal?: AbortSignal,
  ): Promise<Uint8Array> {
    return readRange(this.loader, this.fileId(key), start, end, signal);
  }
}

/**
 * Bytes [start, end) of an open loader file, assembled from its blocks. `planned`: the range is
 * one piece of a burst its caller cut for the request slots (the loader does not cut it again).
 */
export async function readRange(
  loader: BlockLoader,
  fileId: string,
  start: number,
  end: number,
  signal?: AbortSignal,
  planned = false,
): Promise<Uint8Array> {
  if (end <= start) return new Uint8Array(0);
  const bs = loader.blockSize;
  const first = Math.floor(start / bs);
  const last = Math.floor((end - 1) / bs);
  const indices: number[] = [];
  for (let b = first; b <= last; b++) indices.push(b);
  const blocks = await loader.load(fileId, indices, signal, { planned });
  // Always a fresh buffer at offset 0: some codecs read `bytes.buffer` directly.
  const out = new Uint8Array(end - start);
  for (let b = first; b <= last; b++) {
    const block = blocks.get(b)!;
    const from = Math.max(start, b * bs);
    const to = Math.min(end, b * bs + block.byteLength);
    out.set(block.subarray(from - b * bs, to - b * bs), from - start);
  }
  return out;
}
