/**
 * A ByteSource over HTTP(S) Range requests.
 *
 * Every read is one `Range: bytes=a-b` request (never a suffix range: S3 presigned URLs and some
 * proxies mishandle them). The answer is checked strictly, because a server that ignores Range
 * would otherwise make us download a whole multi-gigabyte file for a few kilobytes.
 */
import { urlFileName } from '../common/urlFileName';
import { ExplorerError } from '../errors';
import {
  OPENING_PROBE_BYTES,
  type ByteRange,
  type ByteSource,
  type IdentifyOptions,
  type PrimedBytes,
  type RangeReadResult,
  type SourceIdentity,
  type TailRead,
} from './ByteSource';
import { cancelledError, linkedController, throwIfAborted } from './abort';
import { parseContentRange } from './contentRange';
import { fetchOrExplain, originOf, shownUrl, type ReachabilityProbe } from './httpFailure';
import { HttpStatusError, errorForStatus } from './httpStatus';
import { discardBody, readBodyLimited } from './readBody';
import { identityKeyForUrl } from './urlKey';

const MAX_REDIRECTS = 10;

export interface HttpRangeSourceOptions {
  url: string;
  /** Size known in advance: identify() then makes no request. */
  size?: number;
  headers?: Record<string, string>;
  /** Origin the headers may go to; defaults to the origin of `url`. */
  headersOrigin?: string;
  /** Bytes read by identify()'s probe (kept for the next read). Default 512 KiB. */
  probeBytes?: number;
  displayName?: string;
  /** Replaceable for tests. */
  fetch?: typeof fetch;
  /** How a rejected fetch is told apart (CORS refusal or host down); replaceable for tests. */
  probe?: ReachabilityProbe;
}

type Seen = RangeReadResult['seen'];

export class HttpRangeSource implements ByteSource {
  readonly key: string;
  readonly displayName: string;
  readonly knownSize: number | undefined;
  private readonly url: string;
  private readonly headers: Record<string, string> | undefined;
  private readonly headersOrigin: string | undefined;
  private readonly probeBytes: number;
  private readonly fetchImpl: typeof fetch;
  private readonly probe: ReachabilityProbe | undefined;
  /** Size and validator learned from responses. */
  private size: number | undefined;
  private validator: string | null = null;
  /** Final URL after a redirect (e.g. a presigned S3 URL), used directly until it fails. */
  private resolvedUrl: string | null = null;
  private primed: PrimedBytes | null = null;
  private tailRead: TailRead | null = null;
  private identified = false;

  constructor(opts: HttpRangeSourceOptions) {
    this.url = opts.url;
    this.key = identityKeyForUrl(opts.url);
    this.displayName = opts.displayName ?? urlFileName(opts.url);
    this.knownSize = opts.size;
    this.size = opts.size;
    this.headers = opts.headers && Object.keys(opts.headers).length ? opts.headers : undefined;
    this.headersOrigin = originOf(opts.headersOrigin ?? opts.url);
    this.probeBytes = opts.probeBytes ?? OPENING_PROBE_BYTES;
    // Bound so a replaced global fetch (tests) is used, and to avoid "Illegal invocation".
    this.fetchImpl = opts.fetch ?? ((input, init) => fetch(input, init));
    this.probe = opts.probe;
  }

  async identify(signal?: AbortSignal, options?: IdentifyOptions): Promise<SourceIdentity> {
    throwIfAborted(signal);
    if (this.size !== undefined && (this.knownSize !== undefined || this.identified)) {
      // The validator stays null until some response has shown one.
      return { key: this.key, size: this.size, validator: this.validator };
    }
    const tail = linkedController(signal);
    let tailRead: TailRead | null = null;
    const onSize = (size: number) => {
      const range = options?.tail?.(size);
      if (!range || tailRead) return;
      // Past the probe only; nothing when the probe holds the whole file.
      const start = Math.max(range.start, this.probeBytes);
      const end = Math.min(range.end, size);
      if (end <= start) return;
      tailRead = {
        range: { start, end },
        bytes: this.readTail({ start, end }, size, tail.controller.signal),
        cancel: () => tail.controller.abort(),
      };
    };
    try {
      const identity = await this.identifyBy(signal, onSize);
      if (tailRead) this.tailRead = this.sameFileOnly(tailRead, identity);
      return identity;
    } catch (e) {
      tail.controller.abort();
      throw e;
    } finally {
      // The tail read goes on after identify(): it answers to its taker's cancel() from now on.
      tail.dispose();
    }
  }

  /** The probe's answer: size and validator. */
  private async identifyBy(
    signal: AbortSignal | undefined,
    onSize: (size: number) => void,
  ): Promise<SourceIdentity> {
    const { data, seen } = await this.fetchRange(0, this.probeBytes, signal, onSize);
    // A 206 shorter than asked without a visible Content-Range still tells the size: it hit EOF.
    let size = seen.size ?? (data.length < this.probeBytes ? data.length : undefined);
    size ??= await this.headSize(signal);
    if (size === undefined) {
      throw new ExplorerError(
        'cors',
        `${shownUrl(this.url)} answered, but does not show this page the file size: the ` +
          'server must expose Content-Range (Access-Control-Expose-Headers: Content-Range, ' +
          'Content-Length).',
      );
    }
    this.size = size;
    this.identified = true;
    if (data.length > 0) this.primed = { start: 0, data, seen };
    if (seen.validator) this.validator = seen.validator;
    return { key: this.key, size, validator: this.validator };
  }

  /**
   * The tail's bytes are kept only when they are of the file the probe saw (same size, same
   * validator); the identity is the probe's whatever the tail's answer taught (a newer version is
   * found by the next read's check, as for any change).
   */
  private sameFileOnly(read: TailRead, identity: SourceIdentity): TailRead {
    const bytes = read.bytes.then((tail) =>
      tail &&
      tail.seen.size === identity.size &&
      (tail.seen.validator ?? null) === (identity.validator ?? null)
        ? tail
        : null,
    );
    return { ...read, bytes };
  }

  /** The tail read beside the probe; never fails (null): the reader asks for it again then. */
  private async readTail(
    range: ByteRange,
    size: number,
    signal: AbortSignal,
  ): Promise<PrimedBytes | null> {
    try {
      const result = await this.fetchRange(range.start, range.end, signal);
      if (result.data.length !== range.end - range.start) return null;
      return { start: range.start, data: result.data, seen: { size, ...result.seen } };
    } catch {
      return null;
    }
  }

  takePrimed(): PrimedBytes | null {
    const p = this.primed;
    this.primed = null;
    return p;
  }

  takeTailRead(): TailRead | null {
    const read = this.tailRead;
    this.tailRead = null;
    return read;
  }

  async read(range: ByteRange, signal?: AbortSignal): Promise<RangeReadResult> {
    throwIfAborted(signal);
    const { start, end } = range;
    if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start)) {
      throw new ExplorerError('internal', `Bad byte range ${start}-${end}.`);
    }
    if (end === start) return { data: new Uint8Array(0), seen: {} };
    const p = this.primed;
    if (p && start >= p.start && end <= p.start + p.data.length) {
      this.primed = null;
      return { data: p.data.slice(start - p.start, end - p.start), seen: p.seen };
    }
    if (this.size !== undefined && end > this.size) throw this.truncated(end, this.size);
    const result = await this.fetchRange(start, end, signal);
    if (result.data.length < end - start) {
      throw this.truncated(end, result.seen.size ?? start + result.data.length);
    }
    return result;
  }

  private truncated(end: number, size: number): ExplorerError {
    return new ExplorerError(
      'truncated',
      `${this.displayName} ends at byte ${size}, but byte ${end - 1} was asked for.`,
    );
  }

  /** One range request; the result may be shorter than asked only at EOF. */
  private async fetchRange(
    start: number,
    end: number,
    signal?: AbortSignal,
    onSize?: (size: number) => void,
  ): Promise<RangeReadResult> {
    const usedResolved = this.resolvedUrl !== null;
    try {
      return await this.fetchRangeOnce(start, end, signal, onSize);
    } catch (e) {
      // An expired presigned URL: go through the original URL again to get a fresh one.
      if (usedResolved && e instanceof HttpStatusError && [401, 403, 404].includes(e.status)) {
        this.resolvedUrl = null;
        return this.fetchRangeOnce(start, end, signal, onSize);
      }
      throw e;
    }
  }

  private async fetchRangeOnce(
    start: number,
    end: number,
    signal?: AbortSignal,
    onSize?: (size: number) => void,
  ): Promise<RangeReadResult> {
    const { controller, dispose } = linkedController(signal);
    try {
      const res = await this.send({ Range: `bytes=${start}-${end - 1}` }, controller.signal);
      const result = await this.interpret(res, start, end, controller.signal, onSize);
      this.learn(result.seen);
      return result;
    } catch (e) {
      throw this.wrapError(e, signal);
    } finally {
      dispose();
    }
  }

  /**
   * Keeps what the latest response said, so identify() after a 'changed' error describes the
   * file as it is now. A size given in the descriptor is kept: the loader compares the two.
   */
  private learn(seen: Seen): void {
    if (seen.size !== undefined && this.knownSize === undefined) this.size = seen.size;
    if (seen.validator) this.validator = seen.validator;
  }

  /**
   * Checks a response against the asked range and reads its body, never past what was asked.
   * `onSize` hears the file's size from a good 206's headers, before the body is read.
   */
  private async interpret(
    res: Response,
    start: number,
    end: number,
    signal: AbortSignal,
    onSize?: (size: number) => void,
  ): Promise<RangeReadResult> {
    const validator = res.headers.get('etag') ?? res.headers.get('last-modified');
    const seen: Seen = validator ? { validator } : {};
    const asked = `bytes ${start}-${end - 1}`;

    if (res.status === 206) {
      const cr = parseContentRange(res.headers.get('content-range'));
      let expected = end - start;
      if (cr) {
        if (cr.start !== start || cr.end === undefined || cr.end >= end) {
          discardBody(res);
          throw this.noRange(`asked for ${asked}, got ${res.headers.get('content-range')}`);
        }
        expected = cr.end - cr.start + 1;
        if (cr.total !== undefined) {
          seen.size = cr.total;
          onSize?.(cr.total);
        }
      } else if (res.headers.get('content-range') !== null) {
        discardBody(res);
        throw this.noRange(`unreadable Content-Range "${res.headers.get('content-range')}"`);
      }
      const body = await readBodyLimited(res, expected);
      throwIfAborted(signal);
      if (!body.ok) throw this.noRange(`asked for ${end - start} bytes, the answer was longer`);
      if (cr && body.data.length < expected) {
        // The connection ended early: transient, so 'network' makes it retryable.
        throw new ExplorerError(
          'network',
          `${shownUrl(this.url)}: the connection closed mid-answer; retrying may help.`,
        );
      }
      return { data: body.data, seen };
    }

    if (res.status === 200) {
      // The server ignored Range and is sending the whole file from byte 0. That is only
      // usable when it fits in what we asked for (a small file probed from the start).
      const length = Number(res.headers.get('content-length') ?? NaN);
      if (start !== 0 || length > end - start) {
        discardBody(res);
        throw this.noRange('it answered 200 with the whole file');
      }
      const body = await readBodyLimited(res, end - start);
      throwIfAborted(signal);
      if (!body.ok) throw this.noRange('it answered 200 with the whole file');
      seen.size = body.data.length;
      return { data: body.data, seen };
    }

    discardBody(res);
    if (res.status === 416) {
      const total = parseContentRange(res.headers.get('content-range'))?.total;
      if (total !== undefined) this.learn({ size: total });
      throw new ExplorerError(
        'truncated',
        total !== undefined
          ? `${this.displayName} ends at byte ${total}, but ${asked} was asked for.`
          : `${this.displayName} ends before ${asked}.`,
      );
    }
    throw errorForStatus(res.status, shownUrl(res.url || this.url), res.headers.get('retry-after'));
  }

  private noRange(detail: string): ExplorerError {
    return new ExplorerError(
      'no-range-support',
      `${shownUrl(this.url)} does not answer byte-range requests (${detail}); a 206 answer with ` +
        'the asked bytes was expected.',
    );
  }

  /** Fetches with redirects followed by hand when headers are attached, so they never leak. */
  private async send(extra: Record<string, string>, signal: AbortSignal): Promise<Response> {
    let url = this.resolvedUrl ?? this.url;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      const own = this.headersFor(url);
      const init: RequestInit = { headers: { ...own, ...extra }, signal };
      if (own) init.redirect = 'manual';
      let res = await this.request(url, init, own);
      if (res.type === 'opaqueredirect') {
        // Browsers hide a manual redirect's Location. Let the browser follow it with only the
        // Authorization header, which the Fetch standard drops on a cross-origin redirect.
        const auth = Object.entries(own ?? {}).filter(([k]) => k.toLowerCase() === 'authorization');
        res = await this.request(
          url,
          { headers: { ...Object.fromEntries(auth), ...extra }, signal, redirect: 'follow' },
          own,
        );
      }
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        discardBody(res);
        url = new URL(location, url).href;
        continue;
      }
      const finalUrl = res.redirected && res.url ? res.url : url;
      if (finalUrl !== this.url) this.resolvedUrl = finalUrl;
      return res;
    }
    throw new ExplorerError(
      'network',
      `${shownUrl(this.url)}: more than ${MAX_REDIRECTS} redirects; check the address.`,
    );
  }

  /** One fetch whose rejection is explained (a CORS refusal or a host that is down). */
  private request(
    url: string,
    init: RequestInit,
    own: Record<string, string> | undefined,
  ): Promise<Response> {
    const signal = init.signal ?? undefined;
    return fetchOrExplain(this.fetchImpl, url, init, {
      signal,
      probe: this.probe,
      sentHeaders: Object.keys(own ?? {}),
    });
  }

  /** The descriptor's headers, only for a request to their origin. */
  private headersFor(url: string): Record<string, string> | undefined {
    if (!this.headers || !this.headersOrigin) return undefined;
    return originOf(url) === this.headersOrigin ? this.headers : undefined;
  }

  /** Content-Length of a HEAD, for servers whose CORS hides Content-Range but not Content-Length. */
  private async headSize(signal?: AbortSignal): Promise<number | undefined> {
    const { controller, dispose } = linkedController(signal);
    try {
      const url = this.resolvedUrl ?? this.url;
      const own = this.headersFor(url);
      const res = await this.request(
        url,
        {
          method: 'HEAD',
          headers: own,
          signal: controller.signal,
          redirect: own ? 'manual' : 'follow',
        },
        own,
      );
      if (!res.ok) return undefined;
      const n = Number(res.headers.get('content-length') ?? NaN);
      return Number.isSafeInteger(n) && n >= 0 ? n : undefined;
    } catch (e) {
      throw this.wrapError(e, signal);
    } finally {
      dispose();
    }
  }

  /**
   * Failures after the request was sent (fetch's own are explained by `request`): a body read
   * rejects with TypeError when the connection drops, AbortError when aborted.
   */
  private wrapError(e: unknown, signal?: AbortSignal): ExplorerError {
    if (signal?.aborted) return cancelledError();
    if (e instanceof ExplorerError) return e;
    const name = (e as { name?: unknown } | null)?.name;
    if (name === 'AbortError') return cancelledError();
    if (e instanceof TypeError) {
      return new ExplorerError(
        'network',
        `${shownUrl(this.url)}: the connection closed mid-answer; retrying may help.`,
        { cause: e },
      );
    }
    return new ExplorerError('internal', String((e as Error)?.message ?? e), { cause: e });
  }
}
