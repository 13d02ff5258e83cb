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
import { HttpRangeSource } from '../bytes/HttpRangeSource';
import { cancelledError, throwIfAborted } from '../bytes/abort';
import { fetchOrExplain, originOf, shownUrl } from '../bytes/httpFailure';
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
  /** Range reads (a shard index) go through the file source: one request and error path. */
  private ranges: HttpRangeSource | null = null;

  constructor(private readonly opts: HttpObjectSourceOptions) {
    this.key = identityKeyForUrl(opts.url);
    this.displayName = opts.displayName;
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
  }

  async identify(signal?: AbortSignal): Promise<SourceIdentity> {
    throwIfAborted(signal);
    if (this.identity) return this.identity;
    const own = this.ownHeaders();
    const res = await fetchOrExplain(
      this.fetchImpl,
      this.opts.url,
      { headers: own, signal },
      { signal, sentHeaders: Object.keys(own ?? {}) },
    );
    if (res.status !== 200 && res.status !== 206) {
      void res.body?.cancel().catch(() => undefined);
      throw errorForStatus(res.status, shownUrl(this.opts.url), res.headers.get('retry-after'));
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

  read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    this.ranges ??= new HttpRangeSource({
      url: this.opts.url,
      headers: this.opts.headers,
      headersOrigin: this.opts.headersOrigin,
      displayName: this.displayName,
      fetch: this.fetchImpl,
      size: this.identity?.size,
    });
    return this.ranges.read(range, signal);
  }

  private async body(res: Response, signal?: AbortSignal): Promise<ArrayBuffer> {
    try {
      return await res.arrayBuffer();
    } catch (e) {
      if (signal?.aborted) throw cancelledError();
      throw new ExplorerError(
        'network',
        `${shownUrl(this.opts.url)}: the connection closed mid-answer; retrying may help.`,
        { cause: e },
      );
    }
  }

  private ownHeaders(): Record<string, string> | undefined {
    const { headers, headersOrigin } = this.opts;
    if (!headers) return undefined;
    const origin = headersOrigin ?? originOf(this.opts.url);
    return originOf(this.opts.url) === origin ? headers : undefined;
  }
}
