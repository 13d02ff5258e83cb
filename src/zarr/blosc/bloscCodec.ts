/**
 * zarrita's `blosc` codec, decoding Blosc-LZ4 chunks with our TypeScript decoder (decodeBlosc.ts)
 * and everything else, and all encoding, with numcodecs' WASM build, which is then loaded on
 * first need only.
 */
import { decodeBlosc } from './decodeBlosc';

interface BytesCodec {
  encode(bytes: Uint8Array): Promise<Uint8Array>;
  decode(bytes: Uint8Array): Promise<Uint8Array>;
}

export class BloscCodec {
  readonly kind = 'bytes_to_bytes';
  private reference: Promise<BytesCodec> | null = null;

  constructor(
    private readonly config: unknown,
    private readonly meta: unknown,
  ) {}

  static fromConfig(config: unknown, meta: unknown): BloscCodec {
    return new BloscCodec(config, meta);
  }

  async decode(bytes: Uint8Array): Promise<Uint8Array> {
    return decodeBlosc(bytes) ?? (await this.numcodecs()).decode(bytes);
  }

  async encode(bytes: Uint8Array): Promise<Uint8Array> {
    return (await this.numcodecs()).encode(bytes);
  }

  private numcodecs(): Promise<BytesCodec> {
    this.reference ??= import('numcodecs/blosc').then(({ default: Blosc }) =>
      // numcodecs' fromConfig takes the array metadata zarrita passes too.
      (Blosc.fromConfig as (c: unknown, m: unknown) => BytesCodec)(this.config, this.meta),
    );
    return this.reference;
  }
}
