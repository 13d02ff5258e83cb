/**
 * Planning the requests for a burst of byte-range reads of one file (LINDI chunk references):
 * the blocks they need, cut into as many requests as run at once. Pure functions.
 */
import type { ByteRange } from '../bytes/ByteSource';

const floorTo = (n: number, unit: number) => Math.floor(n / unit) * unit;
const ceilTo = (n: number, unit: number) => Math.ceil(n / unit) * unit;
const length = (r: ByteRange) => r.end - r.start;

/** The block-aligned ranges that hold `ranges`, merged and sorted. */
export function blockRanges(ranges: readonly ByteRange[], blockSize: number): ByteRange[] {
  const aligned = ranges
    .map((r) => ({ start: floorTo(r.start, blockSize), end: ceilTo(r.end, blockSize) }))
    .sort((a, b) => a.start - b.start);
  const merged: ByteRange[] = [];
  for (const r of aligned) {
    const last = merged[merged.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

/**
 * Cuts `ranges` into at most `slots` requests when there are fewer: the longest is halved (at a
 * block boundary) while it is at least twice `minPiece`. Where a server paces each response (a
 * per-connection rate, as object stores and CDNs often have, and as the benchmark's range server
 * does), a long contiguous run arrives sooner in parallel pieces than as one answer, or as many
 * chunk-sized ones queued behind the loader's limit on requests in flight.
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
