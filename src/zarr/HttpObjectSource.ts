/**
 * A ByteSource for one small object of a Zarr store (metadata or a chunk) over HTTP.
 *
 * Unlike HttpRangeSource, identify() is a plain GET of the whole object: a Zarr object is read
 * whole, so the answer doubles as its bytes (one request, no preflight for a Range header, no
 * guess of the size). Later range reads (a shard index) use single Range requests.
 */
import type {
  ByteRange,
  ByteSource,
  PrimedBytes,
  RangeReadResult,
  SourceIdentity,
} from '../bytes/ByteSource';
import { cancelledError, throwIfAborted } from '../bytes/abort';
import { errorForStatus } from '../bytes/httpStatus';
import { identityKeyForUrl } from '../bytes/urlKey';
import { ExplorerError } from '../errors';

export interface HttpObjectSourceOptions {
  url: string;
  /** Sent only to `headersOrigin` (a DANDI token never leaves its host). */
  headers?: Record<string, string>;
  headersOrigin?: string;
  displayName: string;
  fetch?: typeof fetch;
}

export class HttpObjectSource implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  private readonly fetchImpl: typeof fetch;
  private primed: PrimedBytes | null = null;
  private identity: SourceIdentity | null = null;

  constructor(private readonly opts: HttpObjectSourceOptions) {
    this.key = identityKeyForUrl(opts.url);
    this.displayName = opts.displayName;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    throwIfAborted(signal);
    if (this.identity) return this.identity;
    const res = await this.send(undefined, signal);
    if (res.status !== 200 && res.status !== 206) {
      void res.body?.cancel().catch(() => undefined);
      throw errorForStatus(res.status, this.displayName, res.headers.get('retry-after'));
    }
    const data = new Uint8Array(await this.body(res, signal));
    const validator = res.headers.get('etag') ?? res.headers.get('last-modified');
    this.identity = { key: this.key, size: data.byteLength, validator };
    if (data.byteLength > 0) {
      this.primed = {
        start: 0,
        data,
        seen: { size: data.byteLength, ...(validator ? { validator } : {}) },
      };
    }
    return this.identity;
  }

  takePrimed(): PrimedBytes | null {
    const p = this.primed;
    this.primed = null;
    return p;
  }

  async read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    const { start, end } = range;
    if (end <= start) return { data: new Uint8Array(0), seen: {} };
    const res = await this.send(`bytes=${start}-${end - 1}`, signal);
    if (res.status !== 206) {
      void res.body?.cancel().catch(() => undefined);
      if (res.status === 200) {
        throw new ExplorerError(
          'no-range-support',
          `${this.displayName}: the server does not support byte-range requests.`,
        );
      }
      throw errorForStatus(res.status, this.displayName, res.headers.get('retry-after'));
    }
    const data = new Uint8Array(await this.body(res, signal));
    if (data.byteLength !== end - start) {
      throw new ExplorerError('network', `${this.displayName}: the connection closed mid-answer.`);
    }
    const validator = res.headers.get('etag') ?? res.headers.get('last-modified');
    return { data, seen: validator ? { validator } : {} };
  }

  private async send(range: string | undefined, signal?: AbortSignal): Promise<Response> {
    const own = this.ownHeaders();
    const headers: Record<string, string> = { ...own, ...(range ? { Range: range } : {}) };
    try {
      return await this.fetchImpl(this.opts.url, { headers, signal });
    } catch (e) {
      if (signal?.aborted) throw cancelledError();
      throw new ExplorerError(
        'network',
        `Could not reach ${hostOf(this.opts.url)}, or the browser refused the answer (CORS).`,
        { cause: e },
      );
    }
  }

  private async body(res: Response, signal?: AbortSignal): Promise<ArrayBuffer> {
    try {
      return await res.arrayBuffer();
    } catch (e) {
      if (signal?.aborted) throw cancelledError();
      throw new ExplorerError('network', `${this.displayName}: the connection closed mid-answer.`, {
        cause: e,
      });
    }
  }

  private ownHeaders(): Record<string, string> | undefined {
    const { headers, headersOrigin } = this.opts;
    if (!headers) return undefined;
    const origin = headersOrigin ?? originOf(this.opts.url);
    return originOf(this.opts.url) === origin ? headers : undefined;
  }
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
