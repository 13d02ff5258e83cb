/**
 * The blocks worth loading before HDF5 starts reading a file.
 *
 * HDF5 writers (h5py, pynwb) append metadata at the end of the file when they close it: the root
 * group's link storage, heaps and B-tree nodes often live in the last few hundred KiB. Loading
 * the head and the tail in one round while opening saves a round trip per block there (on the
 * pynwb ophys file in shared/testdata: 6 requests to the first tree without it, 2 with it). The
 * head comes with the size probe (512 KiB); the tail is asked for as soon as the probe's answer
 * shows the size (OPENING_READ), so both arrive in the probe's round. A warm open finds both in
 * the persistent store and makes none.
 */
import { OPENING_PROBE_BYTES } from '../bytes/ByteSource';
import type { OpenOptions } from '../cache/BlockLoader';
import { BLOCK_SIZE } from '../cache/types';

/** The head is what the size probe already brought in: loading it costs no extra request. */
export const HEAD_PREFETCH_BYTES = OPENING_PROBE_BYTES;
export const TAIL_PREFETCH_BYTES = 512 * 1024;

/** How an HDF5 file is opened by the block loader: its tail read beside the size probe. */
export const OPENING_READ: OpenOptions = { tailBytes: TAIL_PREFETCH_BYTES };

/** Head and tail blocks together, sorted. */
export function openingBlocks(size: number, blockSize = BLOCK_SIZE): number[] {
  const { head, tail } = openingHeadAndTail(size, blockSize);
  return [...new Set([...head, ...tail])].sort((a, b) => a - b);
}

/**
 * The opening blocks as two groups: the head arrives with the size probe, the tail a little
 * later (asked for when the probe's headers show the size), so a reader starts on the head.
 * Blocks in both (a small file) are in the head only.
 */
export function openingHeadAndTail(
  size: number,
  blockSize = BLOCK_SIZE,
): { head: number[]; tail: number[] } {
  const last = Math.floor(Math.max(0, size - 1) / blockSize);
  const headEnd = Math.min(last, Math.ceil(HEAD_PREFETCH_BYTES / blockSize) - 1);
  const tailStart = Math.max(headEnd + 1, Math.floor((size - TAIL_PREFETCH_BYTES) / blockSize));
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => from + k);
  return { head: range(0, headEnd), tail: range(tailStart, last) };
}
