/**
 * The wire format between the HDF5 worker (blocked in Atomics.wait) and the fetcher worker.
 *
 * Requests travel as ordinary messages on a MessagePort (the HDF5 worker posts, then blocks).
 * Answers travel through shared memory, because the blocked worker cannot receive messages:
 *   control (Int32Array): [STATE, PAYLOAD_BYTES, SEQUENCE]
 *   data (Uint8Array): the payload.
 * A blocks payload is: u32 count, then count x (u32 index, u32 length), then the bytes in order.
 * An error or open payload is UTF-8 JSON.
 */
import type { SourceDescriptor } from '../bytes/ByteSource';

export const STATE = 0;
export const PAYLOAD_BYTES = 1;
export const SEQUENCE = 2;
export const CONTROL_INTS = 4;

export const IDLE = 0;
export const PENDING = 1;
export const DONE = 2;
export const FAILED = 3;

/** Default size of the shared answer buffer; larger answers arrive in several rounds. */
export const DEFAULT_DATA_BYTES = 32 * 1024 * 1024;

/**
 * `callId` names the reader call the request serves (the main thread's id), so an abort of that
 * call, sent straight to the fetcher, can stop this request and wake the blocked worker.
 */
export type BridgeRequest =
  | { kind: 'blocks'; sequence: number; callId?: number; fileId: string; indices: number[] }
  | {
      kind: 'open';
      sequence: number;
      callId?: number;
      fileId: string;
      descriptor: SourceDescriptor;
    };

export interface SharedBuffers {
  control: SharedArrayBuffer;
  data: SharedArrayBuffer;
}

export function createSharedBuffers(dataBytes = DEFAULT_DATA_BYTES): SharedBuffers {
  return {
    control: new SharedArrayBuffer(CONTROL_INTS * 4),
    data: new SharedArrayBuffer(dataBytes),
  };
}

/**
 * Writes as many blocks as fit, requested ones first; returns how many bytes were written.
 * Extra (read-ahead) blocks are only included while they fit.
 */
export function encodeBlocks(
  target: Uint8Array,
  blocks: Map<number, Uint8Array>,
  requested: number[],
): number {
  const order = [...requested.filter((i) => blocks.has(i))];
  for (const i of blocks.keys()) if (!requested.includes(i)) order.push(i);
  const view = new DataView(target.buffer, target.byteOffset, target.byteLength);
  const chosen: number[] = [];
  let bytes = 4;
  for (const i of order) {
    const need = 8 + blocks.get(i)!.byteLength;
    if (bytes + need > target.byteLength) break;
    chosen.push(i);
    bytes += need;
  }
  view.setUint32(0, chosen.length, true);
  let header = 4;
  let body = 4 + chosen.length * 8;
  for (const i of chosen) {
    const data = blocks.get(i)!;
    view.setUint32(header, i, true);
    view.setUint32(header + 4, data.byteLength, true);
    header += 8;
    target.set(data, body);
    body += data.byteLength;
  }
  return body;
}

/** Copies blocks out of shared memory (the buffer is reused by the next answer). */
export function decodeBlocks(source: Uint8Array): Map<number, Uint8Array> {
  const view = new DataView(source.buffer, source.byteOffset, source.byteLength);
  const count = view.getUint32(0, true);
  const out = new Map<number, Uint8Array>();
  let body = 4 + count * 8;
  for (let k = 0; k < count; k++) {
    const index = view.getUint32(4 + k * 8, true);
    const length = view.getUint32(8 + k * 8, true);
    out.set(index, source.slice(body, body + length));
    body += length;
  }
  return out;
}

export function encodeJson(target: Uint8Array, value: unknown): number {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  const length = Math.min(bytes.byteLength, target.byteLength);
  target.set(bytes.subarray(0, length));
  return length;
}

export function decodeJson<T>(source: Uint8Array): T {
  // TextDecoder refuses views on shared memory: copy first.
  return JSON.parse(new TextDecoder().decode(source.slice())) as T;
}
