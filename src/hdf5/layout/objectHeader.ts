/**
 * The messages of an HDF5 object header (version 1 or 2), continuation blocks followed.
 *
 * Version 1 headers start with a version byte of 1 and carry 8-byte message headers aligned to
 * 8 bytes; version 2 headers start with "OHDR", carry 4-byte message headers (6 with creation
 * order) and end each block with a checksum; their continuation blocks start with "OCHK".
 */
import { ByteCursor, type FileBytes } from '../fileBytes';
import { NotCached } from './cachedBlocks';

export const MSG_DATASPACE = 0x0001;
export const MSG_LINK_INFO = 0x0002;
export const MSG_DATATYPE = 0x0003;
export const MSG_LINK = 0x0006;
export const MSG_LAYOUT = 0x0008;
export const MSG_GROUP_INFO = 0x000a;
export const MSG_ATTRIBUTE = 0x000c;
export const MSG_CONTINUATION = 0x0010;
export const MSG_SYMBOL_TABLE = 0x0011;
export const MSG_ATTRIBUTE_INFO = 0x0015;

/** Past this many blocks, or this size of one, something is wrong: give up instead. */
const MAX_HEADER_BLOCKS = 64;
const MAX_HEADER_BLOCK_BYTES = 1024 * 1024;
/** Larger heaps and tables are taken as damaged lengths. */
export const MAX_STRUCTURE_BYTES = 16 * 1024 * 1024;

/** A header whose continuation blocks are not all in memory: the messages read so far. */
export class IncompleteHeader extends NotCached {
  constructor(readonly messages: HeaderMessage[]) {
    super();
  }
}

export interface HeaderMessage {
  type: number;
  body: Uint8Array;
}

interface HeaderBlock {
  address: number;
  length: number;
  continuation: boolean;
}

/**
 * Every message of the header at `address`; null when the bytes there are no object header.
 * Blocks that are not in memory (NotCached, from the prefetcher's reads) do not stop the others:
 * all continuation blocks seen are tried, then IncompleteHeader is thrown with what was read.
 */
export function readObjectHeader(file: FileBytes, address: number): HeaderMessage[] | null {
  const first = file.at(address, 16);
  const v2 = first.ascii(4) === 'OHDR';
  let flags = 0;
  const blocks: HeaderBlock[] = [];
  if (v2) {
    if (first.u8() !== 2) return null;
    flags = first.u8();
    let headerLength = 6;
    if (flags & 0x20) headerLength += 16; // access, modification, change, birth times
    if (flags & 0x10) headerLength += 4; // attribute storage phase change
    const sizeBytes = 1 << (flags & 0x3);
    const chunkSize = file.at(address + headerLength, sizeBytes).uint(sizeBytes);
    blocks.push({
      address: address + headerLength + sizeBytes,
      length: chunkSize,
      continuation: false,
    });
  } else {
    first.pos = 0;
    if (first.u8() !== 1) return null;
    first.skip(7); // reserved, message count, reference count
    blocks.push({ address: address + 16, length: first.uint(4), continuation: false });
  }
  const { offsetSize, lengthSize } = file.geometry();
  const messages: HeaderMessage[] = [];
  let incomplete = false;
  for (let n = 0; n < blocks.length && n < MAX_HEADER_BLOCKS; n++) {
    const block = blocks[n];
    if (!(block.length <= MAX_HEADER_BLOCK_BYTES)) return null;
    let cursor: ByteCursor;
    try {
      cursor = file.at(block.address, block.length);
    } catch (error) {
      if (!(error instanceof NotCached)) throw error;
      incomplete = true;
      continue;
    }
    let end = block.length;
    if (v2 && block.continuation) {
      // Continuation blocks of version 2 headers carry a signature and end with a checksum.
      if (cursor.ascii(4) !== 'OCHK') return null;
      end -= 4;
    }
    const messageHeader = v2 ? 4 + (flags & 0x04 ? 2 : 0) : 8;
    while (cursor.pos + messageHeader <= end) {
      let type: number;
      let size: number;
      if (v2) {
        type = cursor.u8();
        size = cursor.uint(2);
        cursor.skip(1 + (flags & 0x04 ? 2 : 0)); // message flags, creation order
      } else {
        type = cursor.uint(2);
        size = cursor.uint(2);
        cursor.skip(4); // message flags, reserved
      }
      if (cursor.pos + size > cursor.bytes.byteLength) return null;
      const body = cursor.bytes.subarray(cursor.pos, cursor.pos + size);
      messages.push({ type, body });
      if (type === MSG_CONTINUATION) {
        const at = new ByteCursor(body);
        const next = at.uint(offsetSize);
        blocks.push({ address: next, length: at.uint(lengthSize), continuation: true });
      }
      cursor.skip(size);
    }
  }
  if (incomplete) throw new IncompleteHeader(messages);
  return messages;
}

/**
 * The messages of a header as far as memory holds them (the prefetcher's view): a group's symbol
 * table message, or a dataset's layout, is often in the first block while attributes added
 * later sit in a continuation block not yet loaded.
 */
export function readHeaderSoFar(
  file: FileBytes,
  address: number,
): { messages: HeaderMessage[]; complete: boolean } | null {
  try {
    const messages = readObjectHeader(file, address);
    return messages && { messages, complete: true };
  } catch (error) {
    if (error instanceof IncompleteHeader) return { messages: error.messages, complete: false };
    throw error;
  }
}

/** The body of the first message of a type, as a cursor; null when the header has none. */
export function findMessage(messages: HeaderMessage[], type: number): ByteCursor | null {
  const found = messages.find((m) => m.type === type);
  return found ? new ByteCursor(found.body) : null;
}
