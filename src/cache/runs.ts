/** Groups block indices into runs of adjacent blocks: one network request per run. */

export interface BlockRun {
  first: number;
  /** Number of blocks. */
  count: number;
}

/** `indices` need not be sorted or unique. Runs longer than `maxBlocks` are split. */
export function groupRuns(indices: Iterable<number>, maxBlocks = Infinity): BlockRun[] {
  const sorted = [...new Set(indices)].sort((a, b) => a - b);
  const runs: BlockRun[] = [];
  for (const i of sorted) {
    const last = runs[runs.length - 1];
    if (last && last.first + last.count === i && last.count < maxBlocks) last.count++;
    else runs.push({ first: i, count: 1 });
  }
  return runs;
}
