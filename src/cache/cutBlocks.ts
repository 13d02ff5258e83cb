/** Cutting a response into cache blocks. */

/**
 * Cuts `data`, which starts at byte `start` of a file of `fileSize` bytes, into whole blocks.
 * A piece of a block at either end is left out (`stopAtPartial` stops at the first one: a probe
 * that ends mid-block). One block that is the whole response needs no copy; others get their own
 * buffer, so a cached block never pins a large response buffer.
 */
export function cutBlocks(
  start: number,
  data: Uint8Array,
  blockSize: number,
  fileSize: number,
  stopAtPartial = false,
): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  const end = start + data.byteLength;
  for (let b = Math.ceil(start / blockSize); b * blockSize < end; b++) {
    const blockStart = b * blockSize;
    const blockEnd = Math.min(blockStart + blockSize, fileSize);
    if (blockEnd > end || blockEnd <= blockStart) {
      if (stopAtPartial) break;
      continue;
    }
    const whole =
      blockStart === start &&
      blockEnd === end &&
      data.byteOffset === 0 &&
      data.byteLength === data.buffer.byteLength;
    out.set(b, whole ? data : data.slice(blockStart - start, blockEnd - start));
  }
  return out;
}
