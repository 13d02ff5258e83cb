/**
 * One object of a global heap collection ("GCOL"), by its index: where HDF5 keeps the bytes of
 * variable-length strings and the selections behind region references.
 */
import type { FileBytes } from './fileBytes';

/** Past this, a collection's size is taken as damage rather than read. */
const MAX_COLLECTION_BYTES = 16 * 1024 * 1024;

/** The object's bytes; throws when the collection or the object is not where it should be. */
export function globalHeapObject(file: FileBytes, address: number, index: number): Uint8Array {
  const { lengthSize } = file.geometry();
  const head = file.at(address, 8 + lengthSize);
  if (head.ascii(4) !== 'GCOL' || head.u8() !== 1) {
    throw new Error('No global heap collection where the file points.');
  }
  head.skip(3); // reserved
  const collectionSize = head.uint(lengthSize);
  if (!(collectionSize <= MAX_COLLECTION_BYTES))
    throw new Error('Global heap collection too large.');
  const heap = file.at(address, collectionSize);
  const objectHeader = 8 + lengthSize;
  heap.pos = objectHeader;
  while (heap.pos + objectHeader <= collectionSize) {
    const id = heap.uint(2);
    if (id === 0) break; // the free space: no object past it
    heap.skip(6); // reference count, reserved
    const size = heap.uint(lengthSize);
    if (id === index) {
      if (heap.pos + size > collectionSize)
        throw new Error('Global heap object past its collection.');
      return heap.bytes.subarray(heap.pos, heap.pos + size);
    }
    heap.skip(Math.ceil(size / 8) * 8);
  }
  throw new Error(`Global heap object ${index} not found.`);
}
