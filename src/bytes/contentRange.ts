/** Parses `Content-Range: bytes a-b/N`, `bytes a-b/*` and `bytes *\/N` (the 416 form). */

export interface ContentRange {
  /** Inclusive first and last byte; absent in the `bytes *\/N` form. */
  start?: number;
  end?: number;
  /** Full size, when the server states it. */
  total?: number;
}

export function parseContentRange(value: string | null): ContentRange | null {
  if (!value) return null;
  const m = /^\s*bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)\s*$/i.exec(value);
  if (!m) return null;
  const [, a, b, n] = m;
  const out: ContentRange = {};
  if (a !== undefined && b !== undefined) {
    out.start = Number(a);
    out.end = Number(b);
    if (out.end < out.start) return null;
  }
  if (n !== '*') out.total = Number(n);
  return out;
}
