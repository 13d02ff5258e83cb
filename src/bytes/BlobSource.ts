/** A ByteSource over a local File or Blob: slices are read lazily, never the whole file. */
import { ExplorerError } from '../errors';
import type { ByteRange, ByteSource, RangeReadResult, SourceIdentity } from './ByteSource';
import { cancelledError, throwIfAborted } from './abort';

export type NamedBlob = Blob & { name?: string; lastModified?: number };

export class BlobSource implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  readonly knownSize: number;
  private readonly validator: string | null;

  constructor(private readonly blob: NamedBlob) {
    const name = blob.name ?? 'blob';
    // Size and mtime in the key: a different file dropped under the same name gets its own cache.
    this.key = `local:${name}:${blob.size}:${blob.lastModified ?? ''}`;
    this.displayName = name;
    this.knownSize = blob.size;
    this.validator = blob.lastModified !== undefined ? String(blob.lastModified) : null;
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    throwIfAborted(signal);
    return { key: this.key, size: this.blob.size, validator: this.validator };
  }

  async read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    throwIfAborted(signal);
    const { start, end } = range;
    if (!(start >= 0 && end >= start)) {
      throw new ExplorerError('internal', `Bad byte range ${start}-${end}.`);
    }
    if (end > this.blob.size) {
      throw new ExplorerError(
        'truncated',
        `${this.displayName} ends at byte ${this.blob.size}, but byte ${end - 1} was asked for.`,
      );
    }
    let buffer: ArrayBuffer;
    try {
      buffer = await this.blob.slice(start, end).arrayBuffer();
    } catch (e) {
      // A File whose disk copy was moved or changed since it was picked fails with NotFoundError
      // or NotReadableError.
      throw new ExplorerError(
        'not-found',
        `${this.displayName} can no longer be read (moved or changed on disk?).`,
        { cause: e },
      );
    }
    if (signal?.aborted) throw cancelledError();
    return {
      data: new Uint8Array(buffer),
      seen: { size: this.blob.size, validator: this.validator },
    };
  }
}
