/**
 * Planning the requests for a burst of byte-range reads of one file (LINDI chunk references):
 * which block-aligned span the opening request carries, and how the rest is cut into requests.
 * Pure functions over block-aligned ranges.
 */
import type { ByteRange } from '../bytes/ByteSource';

const floorTo = (n: number, unit: number) => Math.floor(n / unit) * unit;
const ceilTo = (n: number, unit: number) => Math.ceil(n / unit) * unit;
const length = (r: ByteRange) => r.end - r.start;

/**
 * The block-aligned span, at most `limit` bytes unless one read alone is longer, that covers the
 * most of `ranges` (ties: the earliest).
 */
export function densestSpan(
  ranges: readonly ByteRange[],
  blockSize: number,
  limit: number,
): ByteRange {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end);
  const floor = (n: number) => floorTo(n, blockSize);
  const ceil = (n: number) => ceilTo(n, blockSize);
  let best: ByteRange = { start: floor(sorted[0].start), end: ceil(sorted[0].end) };
  let bestCount = 1;
  for (let i = 0; i < sorted.length; i++) {
    const start = floor(sorted[i].start);
    let end = ceil(sorted[i].end);
    let count = 1;
    for (let j = i + 1; j < sorted.length; j++) {
      const next = Math.max(end, ceil(sorted[j].end));
      if (next - start > limit) continue;
      end = next;
      count++;
    }
    if (count > bestCount) {
      best = { start, end };
      bestCount = count;
    }
  }
  return best;
}

/** The block-aligned ranges that `ranges` need and `held` do not cover, merged and sorted. */
export function missingRanges(
  ranges: readonly ByteRange[],
  held: readonly ByteRange[],
  blockSize: number,
): ByteRange[] {
  const aligned = ranges
    .map((r) => ({ start: floorTo(r.start, blockSize), end: ceilTo(r.end, blockSize) }))
    .sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const r of aligned) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  let out = merged;
  for (const h of held) {
    out = out.flatMap((r) => {
      if (h.end <= r.start || h.start >= r.end) return [r];
      const parts: ByteRange[] = [];
      if (r.start < h.start) parts.push({ start: r.start, end: h.start });
      if (h.end < r.end) parts.push({ start: h.end, end: r.end });
      return parts;
    });
  }
  return out;
}

/**
 * Cuts `ranges` into at most `slots` requests when there are fewer: the longest is halved (at a
 * block boundary) while it is at least twice `minPiece`. Requests in flight together each get
 * the connection's bandwidth, so a long contiguous run arrives sooner in parallel pieces than as
 * one answer, or as many chunk-sized ones queued behind the loader's limit on requests in flight.
 */
export function splitForSlots(
  ranges: readonly ByteRange[],
  slots: number,
  minPiece: number,
  blockSize: number,
): ByteRange[] {
  const pieces = ranges.map((r) => ({ ...r }));
  while (pieces.length < slots) {
    let longest = 0;
    for (let i = 1; i < pieces.length; i++) {
      if (length(pieces[i]) > length(pieces[longest])) longest = i;
    }
    const piece = pieces[longest];
    if (!piece || length(piece) < 2 * minPiece) break;
    const middle = piece.start + floorTo(length(piece) / 2, blockSize);
    pieces.splice(
      longest,
      1,
      { start: piece.start, end: middle },
      { start: middle, end: piece.end },
    );
  }
  return pieces.sort((a, b) => a.start - b.start);
}
