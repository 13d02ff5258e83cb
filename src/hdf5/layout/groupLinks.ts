/**
 * The links of a group: names and, for hard links, the object header they point to.
 *
 * Three storages exist. Symbol table groups (the default format, most NWB files) keep their
 * links in a version 1 B-tree whose leaves are symbol nodes ("SNOD") naming heap offsets in a
 * local heap ("HEAP"). Newer groups keep a few links as link messages in the header (compact),
 * and many in a fractal heap indexed by a version 2 B-tree (dense): not read here, the caller
 * is told so and leaves the group to h5wasm.
 */
import { ByteCursor, type FileBytes } from '../fileBytes';
import { NotCached, attempt } from './cachedBlocks';
import {
  MSG_GROUP_INFO,
  MSG_LINK,
  MSG_LINK_INFO,
  MSG_SYMBOL_TABLE,
  MAX_STRUCTURE_BYTES,
  findMessage,
  type HeaderMessage,
} from './objectHeader';
import { scratchPad, type SymbolTableAddresses } from './superblock';

export interface GroupLink {
  name: string;
  /** The object header a hard link points to; null for soft and external links. */
  address: number | null;
  /** A symbol table group's B-tree and heap, when its parent's symbol node caches them. */
  table?: SymbolTableAddresses;
}

export type GroupLinks = { links: GroupLink[] } | { dense: true };

/** B-tree depth past which the tree is taken as corrupt. */
const MAX_BTREE_LEVEL = 16;

const utf8 = new TextDecoder();

export function isGroupHeader(messages: HeaderMessage[]): boolean {
  return messages.some((m) =>
    [MSG_SYMBOL_TABLE, MSG_LINK_INFO, MSG_LINK, MSG_GROUP_INFO].includes(m.type),
  );
}

/** The group's links; null when the header is no group's. Throws NotCached once all is tried. */
export function groupLinks(file: FileBytes, messages: HeaderMessage[]): GroupLinks | null {
  const symbols = findMessage(messages, MSG_SYMBOL_TABLE);
  const { offsetSize } = file.geometry();
  if (symbols) {
    const btree = symbols.uint(offsetSize);
    const heap = symbols.uint(offsetSize);
    return { links: symbolTableLinks(file, btree, heap) };
  }
  const info = findMessage(messages, MSG_LINK_INFO);
  if (info) {
    info.skip(1); // version
    const flags = info.u8();
    if (flags & 0x1) info.skip(8); // maximum creation index
    if (info.address(offsetSize) !== null) return { dense: true };
  }
  if (!info && !isGroupHeader(messages)) return null;
  return {
    links: messages
      .filter((m) => m.type === MSG_LINK)
      .map((m) => linkMessage(new ByteCursor(m.body), offsetSize)),
  };
}

function linkMessage(cursor: ByteCursor, offsetSize: number): GroupLink {
  cursor.skip(1); // version
  const flags = cursor.u8();
  const type = flags & 0x08 ? cursor.u8() : 0;
  if (flags & 0x04) cursor.skip(8); // creation order
  if (flags & 0x10) cursor.skip(1); // character set
  const lengthBytes = 1 << (flags & 0x3);
  const nameLength = cursor.uint(lengthBytes);
  const name = utf8.decode(cursor.bytes.subarray(cursor.pos, cursor.pos + nameLength));
  cursor.skip(nameLength);
  return { name, address: type === 0 ? cursor.address(offsetSize) : null };
}

export function symbolTableLinks(file: FileBytes, btree: number, heap: number): GroupLink[] {
  // The heap and the B-tree are independent: both are asked for before either is parsed.
  const names = attempt(() => localHeapData(file, heap));
  const entries: SymbolEntry[] = [];
  const walked = attempt(() =>
    eachNode(file, btree, 0, (snod) => entries.push(...symbolNode(file, snod))),
  );
  if (!names || walked === undefined) throw new NotCached();
  return entries.map(({ nameOffset, address, table }) => {
    let end = nameOffset;
    while (end < names.byteLength && names[end] !== 0) end++;
    const name = utf8.decode(names.subarray(nameOffset, end));
    return table ? { name, address, table } : { name, address };
  });
}

/** The data segment of a local heap ("HEAP"): the names of a symbol table group's links. */
function localHeapData(file: FileBytes, heap: number): Uint8Array {
  const { offsetSize, lengthSize } = file.geometry();
  const header = file.at(heap, 8 + 2 * lengthSize + offsetSize);
  if (header.ascii(4) !== 'HEAP') throw new Error('No local heap where the group says.');
  header.skip(4); // version, reserved
  const size = header.uint(lengthSize);
  if (!(size <= MAX_STRUCTURE_BYTES)) throw new Error('Local heap too large.');
  header.skip(lengthSize); // free list
  return file.at(header.uint(offsetSize), size).bytes;
}

/** Calls `leaf` on every symbol node under a group B-tree node; all siblings are tried. */
function eachNode(
  file: FileBytes,
  address: number,
  depth: number,
  leaf: (a: number) => void,
): true {
  if (depth > MAX_BTREE_LEVEL) throw new Error('Group B-tree too deep.');
  const { offsetSize, lengthSize } = file.geometry();
  const head = file.at(address, 8 + 2 * offsetSize);
  if (head.ascii(4) !== 'TREE' || head.u8() !== 0) throw new Error('No group B-tree node here.');
  const level = head.u8();
  const entries = head.uint(2);
  const node = file.at(
    address + 8 + 2 * offsetSize,
    entries * (lengthSize + offsetSize) + lengthSize,
  );
  let notCached: unknown = null;
  for (let i = 0; i < entries; i++) {
    node.skip(lengthSize); // key: a heap offset
    const child = node.uint(offsetSize);
    try {
      if (level === 0) leaf(child);
      else eachNode(file, child, depth + 1, leaf);
    } catch (error) {
      if (!(error instanceof NotCached)) throw error;
      notCached = error;
    }
  }
  if (notCached) throw notCached;
  return true;
}

interface SymbolEntry {
  nameOffset: number;
  address: number | null;
  table?: SymbolTableAddresses;
}

/** The entries of a symbol node: heap offsets of names, object header addresses, scratch pads. */
function symbolNode(file: FileBytes, address: number): SymbolEntry[] {
  const { offsetSize } = file.geometry();
  const head = file.at(address, 8);
  if (head.ascii(4) !== 'SNOD') throw new Error('No symbol node here.');
  head.skip(2); // version, reserved
  const count = head.uint(2);
  const entrySize = 2 * offsetSize + 24;
  const body = file.at(address + 8, count * entrySize);
  const out: SymbolEntry[] = [];
  for (let i = 0; i < count; i++) {
    body.pos = i * entrySize;
    const nameOffset = body.uint(offsetSize);
    const header = body.address(offsetSize);
    // Cache type 2 is a soft link: no object header of its own.
    const softLink = body.bytes[body.pos] === 2;
    const table = scratchPad(body, offsetSize);
    out.push({ nameOffset, address: softLink ? null : header, ...(table ? { table } : {}) });
  }
  return out;
}
