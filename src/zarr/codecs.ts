/**
 * Codecs zarrita lacks or that we decode faster, registered once: numcodecs' vlen-bytes
 * (hdmf-zarr writes date strings with it; decoded to text, as HDF5 gives them) and Blosc (LZ4
 * chunks in TypeScript, the rest through numcodecs: see blosc/bloscCodec.ts). Pickle is never
 * registered: arrays that need it are refused before reading (see isPickled).
 */
import { registry } from 'zarrita';
import { BloscCodec } from './blosc/bloscCodec';

interface ChunkShape {
  shape: number[];
}

class VlenBytesAsText {
  readonly kind = 'array_to_bytes';
  private readonly shape: number[];

  constructor(shape: number[]) {
    this.shape = shape;
  }

  static fromConfig(_config: unknown, meta: ChunkShape): VlenBytesAsText {
    return new VlenBytesAsText(meta.shape);
  }

  encode(): never {
    throw new Error('vlen-bytes encoding is not supported');
  }

  decode(bytes: Uint8Array): { data: string[]; shape: number[]; stride: number[] } {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const decoder = new TextDecoder();
    const count = view.getUint32(0, true);
    const data: string[] = new Array<string>(count);
    let pos = 4;
    for (let i = 0; i < count; i++) {
      const length = view.getUint32(pos, true);
      pos += 4;
      data[i] = decoder.decode(bytes.subarray(pos, pos + length));
      pos += length;
    }
    return { data, shape: this.shape, stride: stridesOf(this.shape) };
  }
}

function stridesOf(shape: number[]): number[] {
  const stride = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    stride[i] = step;
    step *= shape[i];
  }
  return stride;
}

let registered = false;

export function registerExtraCodecs(): void {
  if (registered) return;
  registered = true;
  // zarrita's registry type expects its own codec classes; ours has the same shape.
  const entry = (codec: unknown) =>
    (() => Promise.resolve(codec)) as unknown as Parameters<typeof registry.set>[1];
  registry.set('vlen-bytes', entry(VlenBytesAsText));
  registry.set('numcodecs.vlen-bytes', entry(VlenBytesAsText));
  registry.set('blosc', entry(BloscCodec));
  registry.set('numcodecs.blosc', entry(BloscCodec));
}
