/**
 * The family driver's mark in an HDF5 superblock, and how to hide it.
 *
 * A file written with HDF5's family driver is one address space cut into members of a fixed size.
 * Its superblock (version 0 or 1, at byte 0 of member 0) points at a driver-information block
 * naming "NCSAfami" and the member size, and HDF5 refuses to open it with any other driver while
 * that pointer is set. `h5repart -family_to_sec2` shows the fix: set the pointer to the undefined
 * address (all 0xFF bytes). Superblocks 0 and 1 carry no checksum, so presenting that one field
 * changed is enough; the members on disk or on the server are never touched.
 */

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];
const FAMILY_DRIVER_ID = 'NCSAfami';

export interface FamilyLayout {
  /** Bytes per member (every member but the last is exactly this long). */
  memberSize: number;
  /** End of the whole address space: the logical file's size. */
  eof: number;
  /** Byte range of the driver-information address in the superblock, shown as 0xFF. */
  driverAddress: { start: number; end: number };
}

export type FamilyParse = { ok: true; layout: FamilyLayout } | { ok: false; reason: string };

/** Reads the family layout from the first bytes of member 0 (a few hundred bytes suffice). */
export function parseFamilySuperblock(head: Uint8Array): FamilyParse {
  if (!SIGNATURE.every((byte, i) => head[i] === byte)) {
    return { ok: false, reason: 'The first member does not start with an HDF5 signature.' };
  }
  const version = head[8];
  if (version !== 0 && version !== 1) {
    return {
      ok: false,
      reason: `Superblock version ${version} keeps the family driver in a checksummed extension; only versions 0 and 1 can be opened as one file here.`,
    };
  }
  const offsetSize = head[13];
  if (offsetSize !== 8 && offsetSize !== 4) {
    return { ok: false, reason: `Unexpected size of offsets (${offsetSize}).` };
  }
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  // Version 1 adds the indexed-storage K and two reserved bytes before the addresses.
  const addresses = version === 0 ? 24 : 28;
  const readAddress = (at: number): number | null => {
    if (at + offsetSize > head.length) return null;
    if (offsetSize === 4) {
      const value = view.getUint32(at, true);
      return value === 0xffffffff ? null : value;
    }
    const value = view.getBigUint64(at, true);
    return value === 0xffffffffffffffffn ? null : Number(value);
  };
  const eof = readAddress(addresses + 2 * offsetSize);
  const driverAt = addresses + 3 * offsetSize;
  const driverBlock = readAddress(driverAt);
  if (eof === null) return { ok: false, reason: 'The superblock has no end-of-file address.' };
  if (driverBlock === null) {
    return { ok: false, reason: 'This is a single HDF5 file, not a family member.' };
  }
  // Driver-information block: version, 3 reserved, size (4), driver id (8), then the info.
  if (driverBlock + 24 > head.length) {
    return { ok: false, reason: 'The driver-information block lies past the bytes read.' };
  }
  const id = String.fromCharCode(...head.subarray(driverBlock + 8, driverBlock + 16));
  if (id !== FAMILY_DRIVER_ID) {
    return { ok: false, reason: `The file names the "${id}" driver, not the family driver.` };
  }
  const memberSize = Number(view.getBigUint64(driverBlock + 16, true));
  if (!(memberSize > 0)) return { ok: false, reason: 'The family member size is zero.' };
  return {
    ok: true,
    layout: { memberSize, eof, driverAddress: { start: driverAt, end: driverAt + offsetSize } },
  };
}

/** Shows the driver-information address as undefined inside `data`, which starts at `start`. */
export function hideFamilyDriver(data: Uint8Array, start: number, layout: FamilyLayout): void {
  const from = Math.max(layout.driverAddress.start, start);
  const to = Math.min(layout.driverAddress.end, start + data.length);
  if (from < to) data.fill(0xff, from - start, to - start);
}
