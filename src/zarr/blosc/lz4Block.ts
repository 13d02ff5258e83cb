/**
 * LZ4 block format decoding (the raw blocks Blosc stores, no LZ4 frame). Written here because
 * Blosc-LZ4 is the most common compressor of Zarr NWB stores and decoding it in plain JavaScript
 * is several times faster than numcodecs' WASM build for a chunk (which copies the input into
 * the WASM heap and the output out of it, on one thread).
 *
 * A block is a series of sequences: a token (high nibble: literal count, low nibble: match
 * length - 4; 15 means more length bytes follow, each added, until one below 255), the literals,
 * then a 2-byte little-endian offset back into the output and the match. The last sequence has
 * literals only.
 */

/**
 * Decodes `src[from, to)` into exactly `size` bytes at `out[at]`. False when the input is not a
 * well-formed block of that size (the caller then hands the chunk to the reference decoder).
 */
export function decodeLz4Block(
  src: Uint8Array,
  from: number,
  to: number,
  out: Uint8Array,
  at: number,
  size: number,
): boolean {
  let ip = from;
  let op = at;
  const end = at + size;
  if (end > out.length || to > src.length) return false;
  while (ip < to) {
    const token = src[ip++];
    let literals = token >>> 4;
    if (literals === 15) {
      const more = lengthBytes(src, ip, to);
      if (more < 0) return false;
      literals += more;
      ip += Math.floor(more / 255) + 1;
    }
    if (ip + literals > to || op + literals > end) return false;
    if (literals > 16) {
      out.set(src.subarray(ip, ip + literals), op);
      ip += literals;
      op += literals;
    } else {
      for (let k = 0; k < literals; k++) out[op++] = src[ip++];
    }
    if (ip === to) break;
    if (ip + 2 > to) return false;
    const offset = src[ip] | (src[ip + 1] << 8);
    ip += 2;
    let match = token & 15;
    if (match === 15) {
      const more = lengthBytes(src, ip, to);
      if (more < 0) return false;
      match += more;
      ip += Math.floor(more / 255) + 1;
    }
    match += 4;
    let m = op - offset;
    if (offset === 0 || m < at || op + match > end) return false;
    if (offset >= match && match > 32) {
      out.copyWithin(op, m, m + match);
      op += match;
    } else {
      // Overlapping copies repeat the last `offset` bytes: byte by byte, in order.
      for (const stop = op + match; op < stop;) out[op++] = out[m++];
    }
  }
  return op === end;
}

/**
 * The sum of a length's extra bytes starting at `ip` (each 255 means another follows), or -1 when
 * they run past `to`. The bytes read are `floor(sum / 255) + 1`.
 */
function lengthBytes(src: Uint8Array, ip: number, to: number): number {
  let sum = 0;
  let b: number;
  do {
    if (ip >= to) return -1;
    b = src[ip++];
    sum += b;
  } while (b === 255);
  return sum;
}
