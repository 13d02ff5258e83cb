/** Grouping of wanted rows or element ranges into few reads. Pure functions. */

/** Half-open range [start, stop). */
export type Range = [number, number];

/**
 * Ranges sorted and merged where they touch or overlap, or lie at most `maxGap` apart (reading a
 * few unneeded elements costs less than another request).
 */
export function mergeRanges(ranges: readonly Range[], maxGap = 0): Range[] {
  const sorted = ranges.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out: Range[] = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1] + maxGap) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Sorted unique rows as runs of consecutive rows (merged across gaps up to maxGap). */
export function rowRuns(rows: readonly number[], maxGap = 0): Range[] {
  return mergeRanges(
    rows.map((r) => [r, r + 1] as Range),
    maxGap,
  );
}

/** The merged run that contains [a, b); runs must be merged and sorted. */
export function runContaining(runs: readonly Range[], a: number, b: number): Range | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [s, e] = runs[mid];
    if (e < b) lo = mid + 1;
    else if (s > a) hi = mid - 1;
    else return runs[mid];
  }
  return undefined;
}
