/**
 * Where bytes come from. A ByteSource reads byte ranges of one immutable file.
 *
 * Implementations: HttpRangeSource (HTTP(S) with Range requests) and BlobSource (a local File or
 * Blob). Both are usable in a worker and in Node. Sources do not cache: the block cache in
 * src/cache wraps them.
 */
import type { S3Credentials } from './s3/signedS3Fetch';

/**
 * Bytes the first read of a source brings (HttpRangeSource's size probe). The HDF5 backend
 * counts them as its head prefetch, since loading them costs no request of its own.
 */
export const OPENING_PROBE_BYTES = 512 * 1024;

/** What identifies the exact bytes of a file, so cached blocks of a changed file are never mixed in. */
export interface SourceIdentity {
  /** Stable key of the file: URL (without volatile query parts) or "local:<name>". */
  key: string;
  size: number;
  /** Strong validator when the server shows one (ETag, else Last-Modified; lastModified for local files). */
  validator: string | null;
}

export interface ByteRange {
  /** First byte, inclusive. */
  start: number;
  /** Last byte, exclusive. */
  end: number;
}

export interface RangeReadResult {
  data: Uint8Array;
  /** Identity as seen on this response (size from Content-Range, validator from ETag), when shown. */
  seen: Partial<Pick<SourceIdentity, 'size' | 'validator'>>;
}

export interface ByteSource {
  /** Key before any request is made (URL or local name); the full identity needs `identify()`. */
  readonly key: string;
  /** A human name for status and errors. */
  readonly displayName: string;
  /**
   * Size and validator. May cost one request (the first range read doubles as the probe: an
   * implementation should fill its identity from the first response it gets).
   */
  identify(signal?: AbortSignal, options?: IdentifyOptions): Promise<SourceIdentity>;
  /**
   * Reads [start, end). Resolves with exactly end - start bytes unless the file is shorter, in
   * which case it throws ExplorerError('truncated'). Throws ExplorerError for every failure.
   */
  read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult>;
  /** Size known without any request (e.g. given in the descriptor), so a cache can check it for free. */
  readonly knownSize?: number;
  /**
   * Hands over, once, the bytes `identify()` read while probing, so the block loader can keep
   * them instead of fetching the same range again. Null when there are none (left).
   */
  takePrimed?(): PrimedBytes | null;
  /**
   * Hands over, once, the read of the range `IdentifyOptions.tail` named, which `identify()`
   * started and did not wait for. Null when there is none (a source that ignores the option, a
   * size known in advance, a probe that held the whole file).
   */
  takeTailRead?(): TailRead | null;
}

/**
 * The tail read begun beside the size probe, still in flight when `identify()` returns: the
 * probe's bytes are worth using before the tail's arrive (an HDF5 file's root B-tree and heap are
 * in its head, so the next round can start), and a read that needs the tail waits for it.
 */
export interface TailRead {
  range: ByteRange;
  /** The bytes, or null when the read failed or showed another file than the probe did. */
  bytes: Promise<PrimedBytes | null>;
  /** Aborts the read (it then resolves null). */
  cancel(): void;
}

export interface IdentifyOptions {
  /**
   * A second range to read while probing, from the size the probe's answer shows (the file's
   * tail, where HDF5 writers leave the root's metadata): asked for as soon as the probe's headers
   * arrive, so it costs no round of its own. Null: none for this size.
   */
  tail?: (size: number) => ByteRange | null;
}

/** Bytes a source read during `identify()`, starting at `start`. */
export interface PrimedBytes extends RangeReadResult {
  start: number;
}

/**
 * Describes a source so it can be re-created in another worker (sources themselves hold
 * functions and are not clonable). File objects are clonable and cross postMessage.
 */
export type SourceDescriptor =
  | {
      kind: 'url';
      url: string;
      /** Size known in advance (e.g. from DANDI asset metadata): skips the size probe. */
      size?: number;
      /**
       * Extra headers (e.g. an API token). Sent only to `headersOrigin`, never to any other
       * origin, including after redirects.
       */
      headers?: Record<string, string>;
      headersOrigin?: string;
      /** Keys for a private S3 (or S3-compatible) endpoint: requests to the URL's origin are signed. */
      s3?: S3Credentials;
    }
  | {
      kind: 'file';
      file: Blob & { name?: string; lastModified?: number };
      /** Other files dropped with it (a folder), so external links can be followed. */
      siblings?: (Blob & { name?: string; lastModified?: number })[];
    }
  | {
      /** One HDF5 file split by the family driver into members (see FamilySource). */
      kind: 'family';
      /** Member names with one `%d` or `%0Nd`: a URL pattern, or the local files' pattern. */
      pattern: string;
      /** Local members in index order; absent for members fetched from `pattern` as URLs. */
      files?: (Blob & { name?: string; lastModified?: number })[];
      headers?: Record<string, string>;
      headersOrigin?: string;
    };

/**
 * A dropped folder read as a whole, e.g. a `.nwb.zarr` store (only the Zarr backend reads it).
 * Kept apart from SourceDescriptor: a folder is not one file, so no ByteSource describes it.
 */
export interface FolderDescriptor {
  kind: 'folder';
  /** The folder's name, e.g. "session.nwb.zarr". */
  name: string;
  /** Its files, by path relative to the folder ("acquisition/ts/.zarray"). */
  files: { path: string; file: Blob & { name?: string; lastModified?: number } }[];
}

/** Anything the app can ask to open: one file (URL or local) or a folder. */
export type OpenSource = SourceDescriptor | FolderDescriptor;
