/**
 * What a reader of an object will read after its header, found from the header's messages:
 * the global heap collections holding its variable-length attribute values, its contiguous data
 * when small (with the heap collections of variable-length elements there), the root of its
 * chunk index, and for a group the first node of its link storage.
 *
 * Every function here only notes blocks (CachedBlocks.want, or a NotCached read); none returns
 * anything a reader relies on.
 */
import { ByteCursor, type FileBytes } from '../fileBytes';
import { attempt, type CachedBlocks } from './cachedBlocks';
import {
  MSG_ATTRIBUTE,
  MSG_DATATYPE,
  MSG_LAYOUT,
  MSG_SYMBOL_TABLE,
  findMessage,
  type HeaderMessage,
} from './objectHeader';

/** Contiguous data up to this size is loaded with the header round (a table column of ~8k rows). */
export const SMALL_DATA_BYTES = 64 * 1024;
/** Elements of a variable-length value scanned for heap collections. */
const MAX_VLEN_ELEMENTS = 4096;
/** Distinct heap collections asked for per value. */
const MAX_COLLECTIONS = 16;
/** Bytes noted at an index root or link-storage node: the block holding its start. */
const NODE_BYTES = 1024;

const CLASS_VLEN = 9;
const LAYOUT_CONTIGUOUS = 1;
const LAYOUT_CHUNKED = 2;

export function wantStorageTargets(
  file: FileBytes,
  blocks: CachedBlocks,
  messages: HeaderMessage[],
): void {
  const { base } = file.geometry();
  for (const message of messages) {
    if (message.type === MSG_ATTRIBUTE) {
      attempt(() => wantAttributeHeaps(file, blocks, new ByteCursor(message.body)));
    }
  }
  const symbols = findMessage(messages, MSG_SYMBOL_TABLE);
  if (symbols) {
    const { offsetSize } = file.geometry();
    blocks.want(base + symbols.uint(offsetSize), NODE_BYTES);
    blocks.want(base + symbols.uint(offsetSize), NODE_BYTES);
  }
  const layout = findMessage(messages, MSG_LAYOUT);
  if (layout) attempt(() => wantLayoutTargets(file, blocks, messages, layout));
}

function wantLayoutTargets(
  file: FileBytes,
  blocks: CachedBlocks,
  messages: HeaderMessage[],
  layout: ByteCursor,
): void {
  const { base, offsetSize, lengthSize } = file.geometry();
  const version = layout.u8();
  if (version < 3) return;
  const layoutClass = layout.u8();
  if (layoutClass === LAYOUT_CONTIGUOUS) {
    const address = layout.address(offsetSize);
    const size = layout.uint(lengthSize);
    if (address === null || size > SMALL_DATA_BYTES) return;
    blocks.want(base + address, size);
    const type = findMessage(messages, MSG_DATATYPE);
    if (type && (type.u8() & 0x0f) === CLASS_VLEN) {
      const data = file.at(address, size);
      wantHeapsOf(file, blocks, data, Math.floor(size / (8 + offsetSize)));
    }
    return;
  }
  if (layoutClass !== LAYOUT_CHUNKED) return;
  let index: number | null;
  if (version === 3) {
    layout.skip(1); // rank
    index = layout.address(offsetSize);
  } else {
    const flags = layout.u8();
    const rank = layout.u8();
    const dimBytes = layout.u8();
    layout.skip(rank * dimBytes);
    const indexType = layout.u8();
    // Index-specific fields before the address: see the layout message's version 4 table.
    const skips: Record<number, number> = {
      1: flags & 0x2 ? lengthSize + 4 : 0,
      2: 0,
      3: 1,
      4: 5,
      5: 6,
    };
    if (!(indexType in skips)) return;
    layout.skip(skips[indexType]);
    index = layout.address(offsetSize);
    if (indexType === 1 || indexType === 2) return; // the address is the data itself
  }
  if (index !== null) blocks.want(base + index, NODE_BYTES);
}

/** Heap collections behind a variable-length attribute's value. */
function wantAttributeHeaps(file: FileBytes, blocks: CachedBlocks, body: ByteCursor): void {
  const version = body.u8();
  body.skip(1); // reserved or flags
  const nameSize = body.uint(2);
  const typeSize = body.uint(2);
  const spaceSize = body.uint(2);
  if (version === 3) body.skip(1); // name character set
  const padded = (n: number) => (version === 1 ? Math.ceil(n / 8) * 8 : n);
  body.skip(padded(nameSize));
  const typeStart = body.pos;
  const typeClass = body.u8() & 0x0f;
  if (typeClass !== CLASS_VLEN) return;
  body.pos = typeStart + padded(typeSize);
  const count = elementCount(new ByteCursor(body.bytes.subarray(body.pos)), file);
  body.skip(padded(spaceSize));
  wantHeapsOf(file, blocks, body, count);
}

/** Elements of a dataspace message (version 1 or 2): 1 for a scalar, 0 for a null space. */
function elementCount(space: ByteCursor, file: FileBytes): number {
  const { lengthSize } = file.geometry();
  const version = space.u8();
  const rank = space.u8();
  space.skip(1); // flags
  if (version === 1) space.skip(5);
  else if (space.u8() === 2) return 0; // null dataspace
  let count = 1;
  for (let i = 0; i < rank; i++) count *= space.uint(lengthSize);
  return count;
}

/**
 * Notes the global heap collections named by variable-length elements (length, collection
 * address, index) starting at the cursor; the collection's size is in its header, so a
 * collection not yet in memory is noted by its header first and in full on the next round.
 */
function wantHeapsOf(file: FileBytes, blocks: CachedBlocks, data: ByteCursor, count: number): void {
  const { base, offsetSize, lengthSize } = file.geometry();
  const collections = new Set<number>();
  for (let i = 0; i < Math.min(count, MAX_VLEN_ELEMENTS); i++) {
    if (data.pos + 8 + offsetSize > data.bytes.byteLength) break;
    const length = data.uint(4);
    const address = data.address(offsetSize);
    data.skip(4); // object index
    if (length > 0 && address !== null) collections.add(address);
    if (collections.size >= MAX_COLLECTIONS) break;
  }
  for (const address of collections) {
    attempt(() => {
      const head = file.at(address, 8 + lengthSize);
      if (head.ascii(4) !== 'GCOL') return;
      head.skip(4); // version, reserved
      blocks.want(base + address, head.uint(lengthSize));
    });
  }
}
