/**
 * Reads a response body with a hard byte limit. A server that ignores Range sends the whole
 * file; reading it all to find out would cost gigabytes, so the reader stops and cancels the
 * stream the moment the body outgrows what was asked for.
 */

export type LimitedBody =
  | { ok: true; data: Uint8Array }
  /** The body went past `limit`; the stream has been cancelled. */
  | { ok: false; receivedAtLeast: number };

export async function readBodyLimited(response: Response, limit: number): Promise<LimitedBody> {
  const body = response.body;
  if (!body) return { ok: true, data: new Uint8Array(0) };
  const reader = body.getReader();
  // One buffer of the expected size: no concatenation of chunks for the usual exact-length body.
  let buffer = new Uint8Array(limit);
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (length + value.byteLength > limit) {
      // Fire and forget: cancel() resolves when the stream is torn down, which we do not need.
      reader.cancel().catch(() => undefined);
      return { ok: false, receivedAtLeast: length + value.byteLength };
    }
    buffer.set(value, length);
    length += value.byteLength;
  }
  if (length < buffer.length) buffer = buffer.slice(0, length);
  return { ok: true, data: buffer };
}

/** Discards a body we will not read, so the connection is freed. */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}
