/**
 * Blosc 1 chunks compressed with LZ4 (or LZ4HC, the same format), with or without byte shuffle,
 * decoded in plain TypeScript. Anything else (BloscLZ, Zstd, Zlib, Snappy, bit shuffle, a header
 * version we do not know) returns null and goes to numcodecs.
 *
 * The layout, from the c-blosc format description: a 16-byte header (format version, compressor
 * version, flags, type size, then little-endian uint32 uncompressed size, block size, compressed
 * size); flags bit 0 byte shuffle, bit 1 stored uncompressed after the header, bit 2 bit shuffle,
 * bit 4 blocks not split, bits 5-7 the compressor format (1: LZ4). Then one uint32 start offset
 * per block. A block is stored as one stream or, when split, one stream per byte of the type
 * (each the block's bytes at that position, after shuffling); a stream is an int32 length and
 * the LZ4 block, or the raw bytes when the length equals the stream's size.
 */
import { decodeLz4Block } from './lz4Block';

const HEADER = 16;
const FORMAT_VERSION = 2;
const LZ4_FORMAT = 1;
const LZ4_VERSION = 1;
const MAX_SPLITS = 16;
const MIN_BUFFER = 128;

const SHUFFLE = 0x01;
const MEMCPYED = 0x02;
const BITSHUFFLE = 0x04;
const FUTURE = 0x08;
const DONT_SPLIT = 0x10;

/** The decoded bytes, or null when this chunk is not one this decoder handles or is malformed. */
export function decodeBlosc(input: Uint8Array): Uint8Array | null {
  if (input.length < HEADER) return null;
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  const version = input[0];
  const flags = input[2];
  const typesize = input[3];
  const nbytes = view.getUint32(4, true);
  const blocksize = view.getUint32(8, true);
  const cbytes = view.getUint32(12, true);
  if (version !== FORMAT_VERSION || flags & FUTURE || cbytes > input.length) return null;
  if (nbytes === 0) return new Uint8Array(0);
  if (flags & MEMCPYED) {
    return nbytes + HEADER === cbytes ? input.slice(HEADER, HEADER + nbytes) : null;
  }
  if ((flags & 0xe0) >> 5 !== LZ4_FORMAT || input[1] !== LZ4_VERSION) return null;
  if (flags & BITSHUFFLE || blocksize === 0 || typesize === 0) return null;

  const nblocks = Math.ceil(nbytes / blocksize);
  const leftover = nbytes % blocksize;
  if (HEADER + nblocks * 4 > cbytes) return null;
  const shuffled = (flags & SHUFFLE) !== 0 && typesize > 1;
  const out = new Uint8Array(nbytes);
  const tmp = shuffled ? new Uint8Array(blocksize) : out;
  for (let j = 0; j < nblocks; j++) {
    const last = j === nblocks - 1 && leftover > 0;
    const size = last ? leftover : blocksize;
    // Splitting rule of c-blosc's decoder (the flag is absent from chunks of older writers).
    const split =
      !(flags & DONT_SPLIT) &&
      typesize <= MAX_SPLITS &&
      Math.floor(size / typesize) >= MIN_BUFFER &&
      !last;
    const streams = split ? typesize : 1;
    const streamSize = Math.floor(size / streams);
    if (streamSize * streams !== size) return null;
    const target = shuffled ? 0 : j * blocksize;
    let at = view.getUint32(HEADER + j * 4, true);
    for (let s = 0; s < streams; s++) {
      if (at + 4 > cbytes) return null;
      const length = view.getInt32(at, true);
      at += 4;
      if (length < 0 || length > cbytes - at) return null;
      const into = target + s * streamSize;
      if (length === streamSize) {
        tmp.set(input.subarray(at, at + length), into);
      } else if (!decodeLz4Block(input, at, at + length, tmp, into, streamSize)) {
        return null;
      }
      at += length;
    }
    if (shuffled) unshuffle(tmp, out, j * blocksize, size, typesize);
  }
  return out;
}

/** Whole little-endian words can be written through a wider view (true on every browser). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Undoes Blosc's byte shuffle of one block: byte `k` of element `i` was stored at
 * `k * count + i`; bytes past the last whole element are stored as they are. Element sizes 2, 4
 * and 8 are assembled into words (one store per word instead of one per byte: about 3x faster).
 */
function unshuffle(
  src: Uint8Array,
  out: Uint8Array,
  at: number,
  size: number,
  typesize: number,
): void {
  const count = Math.floor(size / typesize);
  const offset = out.byteOffset + at;
  if (LITTLE_ENDIAN && (typesize === 2 || typesize === 4 || typesize === 8) && offset % 4 === 0) {
    if (typesize === 2) {
      const words = new Uint16Array(out.buffer, offset, count);
      for (let i = 0; i < count; i++) words[i] = src[i] | (src[count + i] << 8);
    } else {
      const words = new Uint32Array(out.buffer, offset, (count * typesize) / 4);
      const per = typesize / 4;
      for (let half = 0; half < per; half++) {
        const b0 = half * 4 * count;
        const b1 = b0 + count;
        const b2 = b1 + count;
        const b3 = b2 + count;
        for (let i = 0, w = half; i < count; i++, w += per) {
          words[w] = src[b0 + i] | (src[b1 + i] << 8) | (src[b2 + i] << 16) | (src[b3 + i] << 24);
        }
      }
    }
  } else {
    for (let k = 0; k < typesize; k++) {
      const from = k * count;
      for (let i = 0, o = at + k; i < count; i++, o += typesize) out[o] = src[from + i];
    }
  }
  const whole = count * typesize;
  if (whole < size) out.set(src.subarray(whole, size), at + whole);
}
