/**
 * The root group's object header address, from the superblock (versions 0 to 3).
 *
 * Versions 0 and 1 end with the root group's symbol table entry (after 24 or 28 bytes of fixed
 * fields and four addresses: base, free space, end of file, driver information); versions 2 and
 * 3 name the root object header directly after three addresses (base, extension, end of file).
 */
import type { FileBytes } from '../fileBytes';

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
