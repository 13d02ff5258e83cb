/**
 * A file in Emscripten's FS whose bytes are produced on demand.
 *
 * HDF5's sec2 driver asks the FS for the file size (fstat) and then reads at offsets. We create
 * an ordinary MEMFS file node and replace its size and read operations, so every read HDF5 makes
 * goes through `readAt`. Offsets past 4 GiB work because positions are plain JS numbers.
 */
import type { EmscriptenFS, EmscriptenNode } from './h5wasmModule';

/** Fills `target` with bytes from `position`; returns the count (short only at end of file). */
export type ReadAt = (position: number, target: Uint8Array) => number;

export function mountLazyFile(fs: EmscriptenFS, path: string, size: number, readAt: ReadAt): void {
  const slash = path.lastIndexOf('/');
  const dir = path.slice(0, slash) || '/';
  const name = path.slice(slash + 1);
  fs.mkdirTree(dir);
  if (fs.analyzePath(path).exists) fs.unlink(path);
  const node: EmscriptenNode = fs.createFile(dir, name, {}, true, false);

  const getattr = node.node_ops.getattr;
  node.node_ops = {
    ...node.node_ops,
    getattr(n: EmscriptenNode) {
      const attributes = getattr(n);
      attributes.size = size;
      return attributes;
    },
  };
  // MEMFS's llseek reads usedBytes for SEEK_END.
  Object.defineProperty(node, 'usedBytes', { get: () => size });
  node.stream_ops = {
    ...node.stream_ops,
    read(
      _stream: unknown,
      buffer: Int8Array,
      offset: number,
      length: number,
      position: number,
    ): number {
      if (position >= size || length <= 0) return 0;
      const count = Math.min(length, size - position);
      const target = new Uint8Array(buffer.buffer, buffer.byteOffset + offset, count);
      return readAt(position, target);
    },
    write(): number {
      throw new fs.ErrnoError(EROFS);
    },
  };
}

/** Emscripten's errno numbers (they differ from Linux's). */
export const EIO = 29;
const EROFS = 69;
