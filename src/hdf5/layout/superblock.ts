/** Where a symbol table group keeps its links: a B-tree and the local heap of their names. */
export interface SymbolTableAddresses {
  btree: number;
  heap: number;
}

/**
 * The root group's object header address, from the superblock (versions 0 to 3).
 *
 * Versions 0 and 1 end with the root group's symbol table entry (after 24 or 28 bytes of fixed
 * fields and four addresses: base, free space, end of file, driver information); versions 2 and
 * 3 name the root object header directly after three addresses (base, extension, end of file).
 */
import type { ByteCursor, FileBytes } from '../fileBytes';

export function rootHeaderAddress(file: FileBytes): number | null {
  const { base, offsetSize } = file.geometry();
  const version = file.read(base + 8, 1)[0];
  if (version === 0 || version === 1) {
    const entry = base + (version === 0 ? 24 : 28) + 4 * offsetSize;
    // The entry starts with the link name's heap offset, then the object header address.
    return file.at(entry - base + offsetSize, offsetSize).address(offsetSize);
  }
  if (version === 2 || version === 3) {
    return file.at(12 + 3 * offsetSize, offsetSize).address(offsetSize);
  }
  return null;
}

/**
 * The root group's B-tree and heap as cached in the superblock's root symbol table entry
 * (versions 0 and 1, cache type 1): the root's links are found from the head of the file alone,
 * without the root's object header, whose continuation blocks may be spread over the file.
 */
export function rootSymbolTable(file: FileBytes): SymbolTableAddresses | null {
  const { base, offsetSize } = file.geometry();
  const version = file.read(base + 8, 1)[0];
  if (version !== 0 && version !== 1) return null;
  const entry = (version === 0 ? 24 : 28) + 4 * offsetSize;
  return scratchPad(file.at(entry + offsetSize * 2, 8 + 2 * offsetSize), offsetSize);
}

/** The scratch pad of a symbol table entry, from its cache type on; null unless type 1. */
export function scratchPad(cursor: ByteCursor, offsetSize: number): SymbolTableAddresses | null {
  if (cursor.uint(4) !== 1) return null;
  cursor.skip(4); // reserved
  const btree = cursor.address(offsetSize);
  const heap = cursor.address(offsetSize);
  return btree === null || heap === null ? null : { btree, heap };
}

/** The end-of-file address the superblock records (relative to it): the bytes HDF5 expects. */
export function endOfFileAddress(file: FileBytes): number | null {
  const { base, offsetSize } = file.geometry();
  const version = file.read(base + 8, 1)[0];
  if (version === 0 || version === 1) {
    return file.at((version === 0 ? 24 : 28) + 2 * offsetSize, offsetSize).address(offsetSize);
  }
  if (version === 2 || version === 3) {
    return file.at(12 + 2 * offsetSize, offsetSize).address(offsetSize);
  }
  return null;
}
