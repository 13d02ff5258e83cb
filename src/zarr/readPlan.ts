/**
 * Planning the requests for a burst of byte-range reads of one file (LINDI chunk references):
 * the blocks they need, cut into as many requests as run at once. Pure functions.
 */
import type { ByteRange } from '../bytes/ByteSource';
import { spreadRuns } from '../cache/spreadRuns';

const floorTo = (n: number, unit: number) => Math.floor(n / unit) * unit;
const ceilTo = (n: number, unit: number) => Math.ceil(n / unit) * unit;

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
 * Cuts block-aligned `ranges` into at most `slots` requests when there are fewer, as the loader
 * cuts a load's runs (`spreadRuns`): the longest is halved while it is at least twice `minPiece`.
 */
export function splitForSlots(
  ranges: readonly ByteRange[],
  slots: number,
  minPiece: number,
  blockSize: number,
): ByteRange[] {
  const runs = ranges.map((r) => ({
    first: r.start / blockSize,
    count: (r.end - r.start) / blockSize,
  }));
  return spreadRuns(runs, slots, minPiece / blockSize).map((r) => ({
    start: r.first * blockSize,
    end: (r.first + r.count) * blockSize,
  }));
}
