/**
 * The chunk indexes of files written for SWMR or with libver="latest" (AqNWB writes these):
 * extensible arrays (one unlimited dimension) and version 2 B-trees (several). Each returns
 * the bytes of the chunks it indexes, or null where its structure is not read here.
 *
 * Only sizes are needed, not which chunk is where, so every element is visited in storage
 * order without working out its chunk coordinates.
 */
import type { ByteCursor, FileBytes } from './fileBytes';

/** A chunk entry's size: unfiltered chunks are all `chunkBytes`; filtered ones say theirs. */
function entryBytes(
  cursor: ByteCursor,
  offsetSize: number,
  filtered: boolean,
  entrySize: number,
  chunkBytes: number,
): number {
  const address = cursor.address(offsetSize);
  let size = chunkBytes;
  if (filtered) {
    size = cursor.uint(entrySize - offsetSize - 4);
    cursor.skip(4); // filter mask
  }
  return address === null ? 0 : size;
}

function log2(n: number): number {
  return Math.round(Math.log2(n));
}

/** Sum of chunk sizes in an extensible array ("EAHD" header). */
export function extensibleArrayBytes(
  file: FileBytes,
  address: number,
  chunkBytes: number,
): number | null {
  const { offsetSize, lengthSize } = file.geometry();
  const header = file.at(address, 12 + 6 * lengthSize + offsetSize);
  if (header.ascii(4) !== 'EAHD') return null;
  header.skip(1); // version
  const filtered = header.u8() === 1;
  const entrySize = header.u8();
  const maxElementBits = header.u8();
  const indexElements = header.u8();
  const dataBlockMinElements = header.u8();
  const superBlockMinPointers = header.u8();
  const pageBits = header.u8();
  header.skip(6 * lengthSize); // statistics
  const indexAddress = header.address(offsetSize);
  if (indexAddress === null) return 0;

  const pageElements = 2 ** pageBits;
  const blockOffsetSize = Math.ceil(maxElementBits / 8);
  const superBlocks = 1 + maxElementBits - log2(dataBlockMinElements);
  const superBlockInfo = Array.from({ length: superBlocks }, (_, u) => ({
    dataBlocks: 2 ** Math.floor(u / 2),
    elements: 2 ** Math.floor((u + 1) / 2) * dataBlockMinElements,
  }));
  const directSuperBlocks = 2 * log2(superBlockMinPointers);
  const directDataBlocks = 2 * (superBlockMinPointers - 1);
  const secondaryCount = Math.max(0, superBlocks - directSuperBlocks);
  const entry = (cursor: ByteCursor) =>
    entryBytes(cursor, offsetSize, filtered, entrySize, chunkBytes);

  const index = file.at(
    indexAddress,
    6 + offsetSize + indexElements * entrySize + (directDataBlocks + secondaryCount) * offsetSize,
  );
  if (index.ascii(4) !== 'EAIB') return null;
  index.skip(2 + offsetSize);
  let total = 0;
  for (let i = 0; i < indexElements; i++) total += entry(index);

  const dataBlockPrefix = 6 + offsetSize + blockOffsetSize;
  /** One data block's entries; paged blocks keep them in pages, each with its checksum. */
  const dataBlock = (at: number, elements: number, pagesInitialised: boolean[] | null) => {
    if (elements <= pageElements) {
      const block = file.at(at, dataBlockPrefix + elements * entrySize);
      if (block.ascii(4) !== 'EADB') return null;
      block.pos = dataBlockPrefix;
      let sum = 0;
      for (let i = 0; i < elements; i++) sum += entry(block);
      return sum;
    }
    if (!pagesInitialised) return null;
    let sum = 0;
    const pageSize = pageElements * entrySize + 4;
    pagesInitialised.forEach((initialised, p) => {
      if (!initialised) return;
      const page = file.at(at + dataBlockPrefix + 4 + p * pageSize, pageElements * entrySize);
      for (let i = 0; i < pageElements; i++) sum += entry(page);
    });
    return sum;
  };

  // Data blocks of the first super blocks hang directly off the index block.
  for (let u = 0; u < Math.min(directSuperBlocks, superBlocks); u++) {
    for (let d = 0; d < superBlockInfo[u].dataBlocks; d++) {
      const at = index.address(offsetSize);
      if (at === null) continue;
      const sum = dataBlock(at, superBlockInfo[u].elements, null);
      if (sum === null) return null;
      total += sum;
    }
  }
  // The rest through secondary blocks, one per super block.
  for (let s = 0; s < secondaryCount; s++) {
    const at = index.address(offsetSize);
    if (at === null) continue;
    const { dataBlocks, elements } = superBlockInfo[directSuperBlocks + s];
    const pages = elements > pageElements ? elements / pageElements : 0;
    const bitmapBytes = pages ? dataBlocks * Math.ceil(pages / 8) : 0;
    const secondary = file.at(at, dataBlockPrefix + bitmapBytes + dataBlocks * offsetSize);
    if (secondary.ascii(4) !== 'EASB') return null;
    secondary.pos = dataBlockPrefix;
    const bitmap = secondary.bytes.slice(secondary.pos, secondary.pos + bitmapBytes);
    secondary.skip(bitmapBytes);
    for (let d = 0; d < dataBlocks; d++) {
      const blockAddress = secondary.address(offsetSize);
      if (blockAddress === null) continue;
      const initialised = pages
        ? Array.from({ length: pages }, (_, p) => {
            const bit = d * pages + p;
            return (bitmap[bit >> 3] & (0x80 >> (bit & 7))) !== 0;
          })
        : null;
      const sum = dataBlock(blockAddress, elements, initialised);
      if (sum === null) return null;
      total += sum;
    }
  }
  return total;
}

/** Record types of version 2 B-trees that index chunks. */
const BT2_CHUNKS = 10;
const BT2_FILTERED_CHUNKS = 11;

/**
 * Sum of chunk sizes in a version 2 B-tree ("BTHD" header). Unfiltered chunks are all the
 * same size, so the header's record count is enough; filtered chunks are summed from a root
 * that is a leaf, and deeper trees are left unknown.
 */
export function btree2Bytes(
  file: FileBytes,
  address: number,
  chunkBytes: number,
  rank: number,
): number | null {
  const { offsetSize, lengthSize } = file.geometry();
  const header = file.at(address, 16 + offsetSize + 2 + lengthSize);
  if (header.ascii(4) !== 'BTHD') return null;
  header.skip(1); // version
  const type = header.u8();
  header.skip(4); // node size
  const recordSize = header.uint(2);
  const depth = header.uint(2);
  header.skip(2); // split and merge percentages
  const root = header.address(offsetSize);
  const rootRecords = header.uint(2);
  const totalRecords = header.uint(lengthSize);
  if (root === null) return 0;
  if (type === BT2_CHUNKS) return totalRecords * chunkBytes;
  if (type !== BT2_FILTERED_CHUNKS || depth !== 0) return null;
  const leaf = file.at(root, 6 + rootRecords * recordSize);
  if (leaf.ascii(4) !== 'BTLF') return null;
  leaf.skip(2);
  const sizeBytes = recordSize - offsetSize - 4 - 8 * rank;
  let total = 0;
  for (let i = 0; i < rootRecords; i++) {
    const start = leaf.pos;
    const chunk = leaf.address(offsetSize);
    const size = leaf.uint(sizeBytes);
    if (chunk !== null) total += size;
    leaf.pos = start + recordSize;
  }
  return total;
}
