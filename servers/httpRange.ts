/** Parsing of a single `Range: bytes=...` header, as a static file server needs it. */

export type RangeRequest =
  /** No usable Range header: send the whole body with 200. */
  | { kind: 'none' }
  /** A satisfiable single range: [start, end] inclusive, clamped to the size. */
  | { kind: 'range'; start: number; end: number }
  /** Starts at or past the end of the file: 416. */
  | { kind: 'unsatisfiable' };

/**
 * RFC 9110 lets a server ignore a Range header it does not like, so malformed or multi-range
 * headers fall back to the whole body instead of an error: that is what the browser copes with.
 */
export function parseRange(header: string | undefined, size: number): RangeRequest {
  if (!header) return { kind: 'none' };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return { kind: 'none' };
  const [, a, b] = m;
  if (a === '' && b === '') return { kind: 'none' };
  if (a === '') {
    // Suffix range: the last N bytes.
    const n = Number(b);
    if (n === 0) return { kind: 'unsatisfiable' };
    if (size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'range', start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(a);
  const end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  if (b !== '' && Number(b) < start) return { kind: 'none' };
  if (start >= size) return { kind: 'unsatisfiable' };
  return { kind: 'range', start, end };
}
