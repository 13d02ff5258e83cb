/**
 * The bytes a dataset occupies in the file, as H5Dget_storage_size reports them (what h5dump
 * prints as SIZE): h5wasm does not expose that call, so it is read from the file here.
 *
 * The dataset's object header gives its layout message: compact and contiguous storage state
 * their size; chunked storage sums the size of every allocated chunk, found through the chunk
 * index. Version 1 B-trees (the index of files written with HDF5's default format, most NWB
 * files), single-chunk, implicit, unpaged fixed-array, extensible-array and (mostly) version 2
 * B-tree indexes are read; for the rest (paged fixed arrays, deep B-trees of filtered chunks,
 * virtual datasets, HDF5 1.4-era layouts) null is returned rather than a guess.
 */
import { btree2Bytes, extensibleArrayBytes } from './chunkIndexes';
import { ByteCursor, isBlockMiss, type FileBytes } from './fileBytes';
import { MSG_LAYOUT, findMessage, readObjectHeader } from './layout/objectHeader';

export { MSG_LAYOUT };

const COMPACT = 0;
const CONTIGUOUS = 1;
const CHUNKED = 2;

/** Chunk index types of the version 4 layout message. */
const INDEX_SINGLE = 1;
const INDEX_IMPLICIT = 2;
const INDEX_FIXED_ARRAY = 3;
const INDEX_EXTENSIBLE_ARRAY = 4;
const INDEX_BTREE2 = 5;

/** Stored bytes of the dataset whose object header is at `address`; null when not known. */
export function storageSize(file: FileBytes, address: number, shape: number[]): number | null {
  const layout = findHeaderMessage(file, address, MSG_LAYOUT);
  return layout ? sizeFromLayout(file, layout, shape) : null;
}

/** The body of the first message of a type in an object header (version 1 or 2). */
export function findHeaderMessage(
  file: FileBytes,
  address: number,
  wanted: number,
): ByteCursor | null {
  const messages = readObjectHeader(file, address);
  return messages && findMessage(messages, wanted);
}

function sizeFromLayout(file: FileBytes, layout: ByteCursor, shape: number[]): number | null {
  const { offsetSize, lengthSize } = file.geometry();
  const version = layout.u8();
  if (version < 3) return null; // HDF5 1.4-era layouts: not seen in NWB files
  const layoutClass = layout.u8();
  if (layoutClass === COMPACT) return layout.uint(2);
  if (layoutClass === CONTIGUOUS) {
    const address = layout.address(offsetSize);
    const size = layout.uint(lengthSize);
    return address === null ? 0 : size;
  }
  if (layoutClass !== CHUNKED) return null;
  if (version === 3) {
    const rank = layout.u8();
    const address = layout.address(offsetSize);
    return address === null ? 0 : btreeChunkBytes(file, address, rank);
  }
  const flags = layout.u8();
  const rank = layout.u8();
  const dimBytes = layout.u8();
  const dims = Array.from({ length: rank }, () => layout.uint(dimBytes));
  const chunkBytes = dims.reduce((a, b) => a * b, 1); // the last "dimension" is the element size
  const indexType = layout.u8();
  if (indexType === INDEX_SINGLE) {
    const filteredSize = flags & 0x2 ? layout.uint(lengthSize) : chunkBytes;
    if (flags & 0x2) layout.skip(4); // filter mask
    return layout.address(offsetSize) === null ? 0 : filteredSize;
  }
  if (indexType === INDEX_IMPLICIT) {
    if (layout.address(offsetSize) === null) return 0;
    const chunks = shape.reduce((n, size, k) => n * Math.ceil(size / dims[k]), 1);
    return chunks * chunkBytes;
  }
  if (indexType === INDEX_FIXED_ARRAY) {
    layout.skip(1); // page bits
    const address = layout.address(offsetSize);
    return address === null ? 0 : fixedArrayBytes(file, address, chunkBytes);
  }
  if (indexType === INDEX_EXTENSIBLE_ARRAY) {
    layout.skip(5); // creation parameters, repeated in the array's header
    const address = layout.address(offsetSize);
    return address === null ? 0 : extensibleArrayBytes(file, address, chunkBytes);
  }
  if (indexType === INDEX_BTREE2) {
    layout.skip(6); // node size, split and merge percentages
    const address = layout.address(offsetSize);
    return address === null ? 0 : btree2Bytes(file, address, chunkBytes, rank - 1);
  }
  return null;
}

/** Sum of chunk sizes under a version 1 B-tree of chunks ("TREE", node type 1). */
function btreeChunkBytes(file: FileBytes, address: number, rank: number): number | null {
  const { offsetSize } = file.geometry();
  const keySize = 8 + rank * 8;
  const head = file.at(address, 8 + 2 * offsetSize);
  if (head.ascii(4) !== 'TREE' || head.u8() !== 1) return null;
  const level = head.u8();
  const entries = head.uint(2);
  const node = file.at(address + 8 + 2 * offsetSize, entries * (keySize + offsetSize) + keySize);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    const chunkSize = node.uint(4);
    node.skip(keySize - 4);
    const child = node.uint(offsetSize);
    if (level === 0) total += chunkSize;
    else {
      const below = btreeChunkBytes(file, child, rank);
      if (below === null) return null;
      total += below;
    }
  }
  return total;
}

/** Sum of chunk sizes in an unpaged fixed array ("FAHD" header, "FADB" data block). */
function fixedArrayBytes(file: FileBytes, address: number, chunkBytes: number): number | null {
  const { offsetSize, lengthSize } = file.geometry();
  const header = file.at(address, 8 + lengthSize + offsetSize);
  if (header.ascii(4) !== 'FAHD') return null;
  header.skip(1); // version
  const client = header.u8(); // 0: unfiltered chunks, 1: filtered chunks
  const entrySize = header.u8();
  const pageBits = header.u8();
  const count = header.uint(lengthSize);
  const blockAddress = header.address(offsetSize);
  if (blockAddress === null) return 0;
  if (count > 2 ** pageBits) return null; // paged data block: not read here
  const prefix = 4 + 2 + offsetSize;
  const block = file.at(blockAddress, prefix + count * entrySize);
  if (block.ascii(4) !== 'FADB') return null;
  block.pos = prefix;
  let total = 0;
  for (let i = 0; i < count; i++) {
    const chunk = block.address(offsetSize);
    if (client === 0) {
      if (chunk !== null) total += chunkBytes;
    } else {
      const size = block.uint(entrySize - offsetSize - 4);
      block.skip(4); // filter mask
      if (chunk !== null) total += size;
    }
  }
  return total;
}

/**
 * Stored bytes of a dataset read through h5wasm: its object header address comes from an
 * object reference to it (H5Rcreate needs no write access). Null when the dataset lives in
 * another file (behind an external link), whose bytes these are not, or when it is unknown.
 */
export function datasetStorageSize(
  file: FileBytes,
  dataset: { create_reference(): { ref_data: ArrayLike<number> } },
  shape: number[],
  inMainFile: boolean,
): number | null {
  if (!inMainFile) return null;
  const address = headerAddress(dataset);
  try {
    return storageSize(file, address, shape);
  } catch (error) {
    // A block not loaded yet must reach the run loop; malformed structures mean "unknown".
    if (isBlockMiss(error)) throw error;
    return null;
  }
}

/** The file address of a dataset's object header, from an object reference to it. */
export function headerAddress(dataset: {
  create_reference(): { ref_data: ArrayLike<number> };
}): number {
  const ref = Uint8Array.from(dataset.create_reference().ref_data);
  return new ByteCursor(ref).uint(ref.byteLength);
}
