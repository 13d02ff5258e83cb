/**
 * Cutting long runs of blocks into parallel requests. Where a server paces each response (a
 * per-connection rate, as object stores and CDNs often have, and as the benchmark's range server
 * does), a long run arrives sooner as pieces fetched at once than as one answer: S3's own advice
 * for throughput is concurrent byte-range GETs. Pure function.
 */
import type { BlockRun } from './runs';

/**
 * Cuts `runs` into at most `slots` runs when there are fewer: the longest is halved while it is
 * at least twice `minPieceBlocks` (which may be a fraction: a least size in bytes over the block
 * size). Runs are returned sorted by their first block.
 */
export function spreadRuns(
  runs: readonly BlockRun[],
  slots: number,
  minPieceBlocks: number,
): BlockRun[] {
  const pieces = runs.map((r) => ({ ...r }));
  while (pieces.length < slots) {
    let longest = 0;
    for (let i = 1; i < pieces.length; i++) {
      if (pieces[i].count > pieces[longest].count) longest = i;
    }
    const piece = pieces[longest];
    if (!piece || piece.count < Math.max(2, 2 * minPieceBlocks)) break;
    const half = Math.floor(piece.count / 2);
    pieces.splice(
      longest,
      1,
      { first: piece.first, count: half },
      { first: piece.first + half, count: piece.count - half },
    );
  }
  return pieces.sort((a, b) => a.first - b.first);
}
