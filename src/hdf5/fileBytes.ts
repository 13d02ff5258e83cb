/**
 * Raw bytes of an open HDF5 file, for the few structures h5wasm does not expose: the global
 * heap behind region references and the layout of a dataset's storage.
 *
 * Reads go through the same block reader as HDF5's own, so they must run inside
 * Hdf5Reader.run: a missing block fails the read, and the run loop loads it and calls again.
 */
import type { ReadAt } from './lazyFileNode';

/** Emscripten's errno errors: what a read of a block not loaded yet fails with. */
export function isBlockMiss(error: unknown): boolean {
  return typeof error === 'object' && error !== null && 'errno' in error;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

/** Sizes the superblock fixes for the whole file. */
export interface FileGeometry {
  /** Where the superblock is: addresses in the file are relative to it. */
  base: number;
  /** Bytes of a file address ("size of offsets"). */
  offsetSize: number;
  /** Bytes of a length field ("size of lengths"). */
  lengthSize: number;
}

/** A little-endian cursor over a block of file bytes. */
export class ByteCursor {
  private readonly view: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public pos = 0,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  u8(): number {
    return this.view.getUint8(this.pos++);
  }

  /** An unsigned little-endian integer of 1 to 8 bytes (exact up to 2^53). */
  uint(size: number): number {
    let value = 0;
    for (let i = size - 1; i >= 0; i--) value = value * 256 + this.bytes[this.pos + i];
    this.pos += size;
    return value;
  }

  /** An address field: null when it is the "undefined address" (all bits set). */
  address(size: number): number | null {
    const undefinedAddress = this.bytes
      .subarray(this.pos, this.pos + size)
      .every((b) => b === 0xff);
    const value = this.uint(size);
    return undefinedAddress ? null : value;
  }

  skip(count: number): void {
    this.pos += count;
  }

  ascii(length: number): string {
    const text = String.fromCharCode(...this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }
}

export class FileBytes {
  private geometryCache: FileGeometry | null = null;

  constructor(private readonly readAt: ReadAt) {}

  /** `length` bytes at an absolute position (short only at the end of the file). */
  read(position: number, length: number): Uint8Array {
    const target = new Uint8Array(length);
    const count = this.readAt(position, target);
    return count === length ? target : target.subarray(0, count);
  }

  /** A cursor over `length` bytes at a file address (relative to the superblock). */
  at(address: number, length: number): ByteCursor {
    return new ByteCursor(this.read(this.geometry().base + address, length));
  }

  geometry(): FileGeometry {
    this.geometryCache ??= this.findSuperblock();
    return this.geometryCache;
  }

  /** The superblock sits at 0, 512, 1024, 2048... (after a user block, if any). */
  private findSuperblock(): FileGeometry {
    for (let base = 0; base < 1 << 30; base = base === 0 ? 512 : base * 2) {
      const head = this.read(base, 16);
      if (head.length < 16) break;
      if (!SIGNATURE.every((b, i) => head[i] === b)) continue;
      const version = head[8];
      // Versions 0 and 1 keep the sizes at bytes 13 and 14; versions 2 and 3 at 9 and 10.
      const [offsetSize, lengthSize] = version < 2 ? [head[13], head[14]] : [head[9], head[10]];
      return { base, offsetSize, lengthSize };
    }
    throw new Error('No HDF5 superblock found.');
  }
}
