/**
 * Retry-on-miss: works everywhere (no SharedArrayBuffer, Node included).
 *
 * A missing block makes the read fail; the block is noted, the h5wasm call fails, and the
 * caller (Hdf5Reader.run) awaits settlePending(), which loads what was noted into the memory
 * cache, and runs the call again. Misses found in one read are loaded together, and the loader
 * coalesces adjacent ones into one request.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import type { BlockLoaderLike } from './blockLoaderLike';
import { PendingWork, type SyncBridge } from './syncBridge';

export type BlockSink = (fileId: string, index: number, data: Uint8Array) => void;

export class RetryOnMissBridge implements SyncBridge {
  readonly mode = 'retry-on-miss' as const;
  private readonly missing = new Map<string, Set<number>>();
  private readonly opening = new Map<string, SourceDescriptor>();
  private readonly identities = new Map<string, SourceIdentity>();
  /** Opens that failed stay failed, so the rerun sees the error instead of trying forever. */
  private readonly failedOpens = new Map<string, unknown>();

  constructor(
    private readonly loader: BlockLoaderLike,
    private readonly sink: BlockSink,
  ) {}

  blocks(fileId: string, indices: number[]): Map<number, Uint8Array> {
    // The signal is not needed here: settlePending, called by the same reader call right after
    // the synchronous h5wasm call, gets it.
    let set = this.missing.get(fileId);
    if (!set) this.missing.set(fileId, (set = new Set()));
    for (const i of indices) set.add(i);
    throw new PendingWork();
  }

  open(fileId: string, descriptor: SourceDescriptor): SourceIdentity {
    const known = this.identities.get(fileId);
    if (known) return known;
    if (this.failedOpens.has(fileId)) throw this.failedOpens.get(fileId);
    this.opening.set(fileId, descriptor);
    throw new PendingWork();
  }

  async settlePending(signal?: AbortSignal): Promise<boolean> {
    if (this.missing.size === 0 && this.opening.size === 0) return false;
    const opens = [...this.opening];
    const wanted = [...this.missing];
    this.opening.clear();
    this.missing.clear();
    for (const [fileId, descriptor] of opens) {
      try {
        this.identities.set(fileId, await this.loader.openDescriptor(fileId, descriptor, signal));
      } catch (error) {
        // A cancelled open is not a failed one: another call may open the file again.
        if (signal?.aborted) throw error;
        this.failedOpens.set(fileId, error);
      }
    }
    await Promise.all(
      wanted.map(async ([fileId, set]) => {
        const blocks = await this.loader.load(
          fileId,
          [...set].sort((a, b) => a - b),
          signal,
        );
        for (const [index, data] of blocks) this.sink(fileId, index, data);
      }),
    );
    return true;
  }
}
