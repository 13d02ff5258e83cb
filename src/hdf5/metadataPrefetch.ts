/**
 * Reads HDF5 metadata ahead of h5wasm, so that a chain of dependent reads costs a few rounds.
 *
 * h5wasm walks a group one object header at a time: each header is a block miss, and only once
 * it is parsed is the next address known. Before a group is listed or described, this parses
 * what is already in memory (src/hdf5/layout/), notes every block the next level needs (all
 * children's headers at once, then their continuations, attribute heaps, small data and index
 * roots), loads them in one round through the block reader (both bridges), and parses again.
 *
 * It is only a prefetcher: h5wasm still reads everything itself and finds it cached. A wrong or
 * failed parse costs at most the bounded bytes below, never a wrong answer.
 */
import { FileBytes } from './fileBytes';
import { CachedBlocks } from './layout/cachedBlocks';
import { planPrefetch, type PlanOutcome } from './layout/planPrefetch';
import { runBridged, type BridgedContext } from './runBridged';

/** Rounds of loading per prefetch: the levels a group listing needs, with a margin. */
const MAX_ROUNDS = 6;
/** Bytes one prefetch may load: a wide group's headers, never a dataset's bulk. */
export const MAX_PREFETCH_BYTES = 4 * 1024 * 1024;

export interface PrefetchReport {
  outcome: PlanOutcome | 'failed';
  rounds: number;
  blocks: number;
}

export interface PrefetchTarget {
  fileId: string;
  size: number;
  blockSize: number;
}

export async function prefetchMetadata(
  context: BridgedContext,
  target: PrefetchTarget,
  path: string,
  signal?: AbortSignal,
): Promise<PrefetchReport> {
  const { fileId, size, blockSize } = target;
  const budget = Math.floor(MAX_PREFETCH_BYTES / blockSize);
  let loaded = 0;
  let outcome: PrefetchReport['outcome'] = 'incomplete';
  let rounds = 0;
  for (; rounds < MAX_ROUNDS; rounds++) {
    const blocks = new CachedBlocks(
      (index) => context.blockReader.cached(fileId, index),
      blockSize,
      size,
    );
    try {
      outcome = planPrefetch(new FileBytes(blocks.readAt), blocks, path);
    } catch {
      outcome = 'failed'; // bytes that are no HDF5 structure: h5wasm will say what is wrong
    }
    const wanted = [...blocks.missing].slice(0, Math.max(0, budget - loaded));
    if (wanted.length === 0) break;
    loaded += wanted.length;
    await runBridged(context, () => context.blockReader.ensure(fileId, wanted), signal);
  }
  return { outcome, rounds, blocks: loaded };
}
