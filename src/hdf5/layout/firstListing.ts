/**
 * The root group's listing read straight from the file's opening blocks, without h5wasm: on a
 * first visit the tree can be drawn from it as soon as the head and tail of the file arrive,
 * while h5wasm (4 MB of WebAssembly) is still compiling. It must be exactly the answer the HDF5
 * reader gives to `listChildren('/', { attrs })`, so anything this parser does not fully know
 * makes it decline (null), and the reader answers as usual:
 *   - a child that is not a hard link (soft, external), or not a group or dataset;
 *   - dense link or attribute storage (fractal heaps);
 *   - a projected attribute that is not a scalar string, or a shared datatype or dataspace;
 *   - any byte not in the blocks given (nothing more is fetched for this), or a file whose
 *     superblock says it is longer than it is (truncated: the reader's open says so).
 */
import type { ChildEntry, Value } from '../../reader/contract';
import { ByteCursor, type FileBytes } from '../fileBytes';
import { globalHeapObject } from '../globalHeap';
import { groupLinks, isGroupHeader } from './groupLinks';
import {
  MSG_ATTRIBUTE,
  MSG_ATTRIBUTE_INFO,
  MSG_LAYOUT,
  readObjectHeader,
  type HeaderMessage,
} from './objectHeader';
import { endOfFileAddress, rootHeaderAddress } from './superblock';

/** Children past this many are left to the reader (the parse is meant to be quick). */
const MAX_CHILDREN = 256;

/** Thrown inside the parse for anything outside what it knows: the whole answer is declined. */
class Decline extends Error {}

export function rootListingFromBlocks(
  file: FileBytes,
  fileSize: number,
  attrs: readonly string[],
): ChildEntry[] | null {
  try {
    return rootListing(file, fileSize, attrs);
  } catch {
    // Declined, a block not given (NotCached), or bytes that are not what the format says (no
    // HDF5 at all, damage): the reader answers, and names the fault if there is one.
    return null;
  }
}

function rootListing(file: FileBytes, fileSize: number, attrs: readonly string[]): ChildEntry[] {
  const { base } = file.geometry();
  const root = rootHeaderAddress(file);
  const end = endOfFileAddress(file);
  if (root === null || end === null || base + end > fileSize || root >= end) throw new Decline();
  const links = groupLinks(file, headerAt(file, root));
  if (!links || 'dense' in links || links.links.length > MAX_CHILDREN) throw new Decline();
  const entries = links.links.map((link): ChildEntry => {
    if (link.address === null || !/^[\x20-\x7e]+$/.test(link.name)) throw new Decline();
    const messages = headerAt(file, link.address);
    const kind = messages.some((m) => m.type === MSG_LAYOUT)
      ? 'dataset'
      : isGroupHeader(messages)
        ? 'group'
        : null;
    if (!kind) throw new Decline();
    const path = `/${link.name}`;
    return { name: link.name, path, kind, attrs: projected(file, messages, attrs) };
  });
  // HDF5 lists a group's links in name order (ASCII names: code unit order is byte order).
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function headerAt(file: FileBytes, address: number): HeaderMessage[] {
  const messages = readObjectHeader(file, address);
  if (!messages) throw new Decline();
  return messages;
}

/** The wanted attributes an object header holds, as the reader projects them. */
function projected(
  file: FileBytes,
  messages: HeaderMessage[],
  wanted: readonly string[],
): Record<string, Value> {
  const info = messages.find((m) => m.type === MSG_ATTRIBUTE_INFO);
  if (info && attributesAreDense(file, info.body)) throw new Decline();
  const out: Record<string, Value> = {};
  for (const message of messages) {
    if (message.type !== MSG_ATTRIBUTE) continue;
    const attribute = parseAttribute(file, message.body, wanted);
    if (attribute) out[attribute.name] = attribute.value;
  }
  // In the order asked for, as the reader builds it.
  return Object.fromEntries(wanted.filter((n) => n in out).map((n) => [n, out[n]]));
}

/** Whether an attribute info message points at a fractal heap (attributes stored densely). */
function attributesAreDense(file: FileBytes, body: Uint8Array): boolean {
  const cursor = new ByteCursor(body);
  cursor.skip(1); // version
  const flags = cursor.u8();
  if (flags & 0x1) cursor.skip(2); // maximum creation index
  return cursor.address(file.geometry().offsetSize) !== null;
}

/**
 * An attribute message (versions 1-3): its name, and its value when the name is wanted. Only a
 * scalar string (fixed length or variable length) is read; a wanted attribute of any other kind
 * declines the whole answer, so the reader's own reading of it is what the tree shows.
 */
function parseAttribute(
  file: FileBytes,
  body: Uint8Array,
  wanted: readonly string[],
): { name: string; value: string } | null {
  const cursor = new ByteCursor(body);
  const version = cursor.u8();
  if (version < 1 || version > 3) throw new Decline();
  const flags = cursor.u8();
  const nameSize = cursor.uint(2);
  const typeSize = cursor.uint(2);
  const spaceSize = cursor.uint(2);
  if (version === 3) cursor.skip(1); // name character set
  const padded = (n: number) => (version === 1 ? Math.ceil(n / 8) * 8 : n);
  const nameBytes = body.subarray(cursor.pos, cursor.pos + nameSize);
  const zero = nameBytes.indexOf(0);
  const name = String.fromCharCode(...(zero >= 0 ? nameBytes.subarray(0, zero) : nameBytes));
  if (!wanted.includes(name)) return null;
  // A shared datatype or dataspace is stored elsewhere.
  if (flags & 0x3) throw new Decline();
  cursor.skip(padded(nameSize));
  const type = new ByteCursor(body.subarray(cursor.pos, cursor.pos + typeSize));
  cursor.skip(padded(typeSize));
  const space = new ByteCursor(body.subarray(cursor.pos, cursor.pos + spaceSize));
  cursor.skip(padded(spaceSize));
  if (!isScalarSpace(space)) throw new Decline();
  const data = body.subarray(cursor.pos);
  return { name, value: scalarString(file, type, data) };
}

function isScalarSpace(space: ByteCursor): boolean {
  const version = space.u8();
  const rank = space.u8();
  space.skip(1); // flags
  if (version === 1) return rank === 0;
  if (version === 2) return space.u8() === 0; // type 0: scalar
  return false;
}

const STRING_CLASS = 3;
const VLEN_CLASS = 9;

/** A scalar string attribute's value as h5wasm gives it: cut at the first zero byte. */
function scalarString(file: FileBytes, type: ByteCursor, data: Uint8Array): string {
  const classAndVersion = type.u8();
  const bits = type.uint(3);
  const size = type.uint(4);
  const typeClass = classAndVersion & 0x0f;
  if (typeClass === STRING_CLASS) {
    return decodeText(data.subarray(0, size), (bits >> 4) & 0x0f);
  }
  // A variable-length string: its bytes are in a global heap collection.
  if (typeClass !== VLEN_CLASS || (bits & 0x0f) !== 1) throw new Decline();
  const { offsetSize } = file.geometry();
  const value = new ByteCursor(data);
  const length = value.uint(4);
  const collection = value.address(offsetSize);
  const index = value.uint(4);
  if (collection === null) throw new Decline();
  const bytes = globalHeapObject(file, collection, index);
  if (bytes.byteLength < length) throw new Decline();
  return decodeText(bytes.subarray(0, length), (bits >> 8) & 0x0f);
}

const utf8 = new TextDecoder();

/** h5wasm's decoding: UTF-8 for character set 1; ASCII only here otherwise (else: declined). */
function decodeText(bytes: Uint8Array, charset: number): string {
  const zero = bytes.indexOf(0);
  const text = zero >= 0 ? bytes.subarray(0, zero) : bytes;
  if (charset === 1) return utf8.decode(text);
  if (charset !== 0 || text.some((b) => b > 0x7f)) throw new Decline();
  return String.fromCharCode(...text);
}
