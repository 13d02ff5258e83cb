/**
 * Shared-memory bridge, HDF5 side: post a request, then block until the fetcher worker answers.
 *
 * Needs crossOriginIsolated (SharedArrayBuffer) and a worker (Atomics.wait is refused on the
 * main thread). Each call is short: one round of block loading.
 */
import type { SourceDescriptor, SourceIdentity } from '../bytes/ByteSource';
import { ExplorerError, type ErrorCode } from '../errors';
import {
  DONE,
  FAILED,
  IDLE,
  PAYLOAD_BYTES,
  PENDING,
  SEQUENCE,
  STATE,
  decodeBlocks,
  decodeJson,
  type BridgeRequest,
  type SharedBuffers,
} from './sharedMemoryProtocol';
import { callIdOf, type SyncBridge } from './syncBridge';

/** How long to wait for one answer before telling the user the fetcher stopped answering. */
const ANSWER_TIMEOUT_MS = 180_000;

interface PortLike {
  postMessage(message: BridgeRequest): void;
}

export class SharedMemoryBridge implements SyncBridge {
  readonly mode = 'shared-memory' as const;
  private readonly control: Int32Array;
  private readonly data: Uint8Array;
  private sequence = 0;

  constructor(
    buffers: SharedBuffers,
    private readonly port: PortLike,
  ) {
    this.control = new Int32Array(buffers.control);
    this.data = new Uint8Array(buffers.data);
  }

  blocks(fileId: string, indices: number[], signal?: AbortSignal): Map<number, Uint8Array> {
    const out = new Map<number, Uint8Array>();
    const callId = callIdOf(signal);
    let remaining = indices;
    while (remaining.length > 0) {
      const payload = this.ask({ kind: 'blocks', sequence: 0, callId, fileId, indices: remaining });
      const got = decodeBlocks(payload);
      if (![...got.keys()].some((i) => remaining.includes(i))) {
        throw new ExplorerError('internal', 'The fetcher answered without the requested blocks.');
      }
      for (const [i, block] of got) out.set(i, block);
      remaining = remaining.filter((i) => !out.has(i));
    }
    return out;
  }

  open(fileId: string, descriptor: SourceDescriptor, signal?: AbortSignal): SourceIdentity {
    const callId = callIdOf(signal);
    return decodeJson<SourceIdentity>(
      this.ask({ kind: 'open', sequence: 0, callId, fileId, descriptor }),
    );
  }

  async settlePending(): Promise<boolean> {
    return false;
  }

  private ask(request: BridgeRequest): Uint8Array {
    const sequence = ++this.sequence;
    Atomics.store(this.control, SEQUENCE, sequence);
    Atomics.store(this.control, STATE, PENDING);
    this.port.postMessage({ ...request, sequence });
    const deadline = Date.now() + ANSWER_TIMEOUT_MS;
    while (Atomics.load(this.control, STATE) === PENDING) {
      const left = deadline - Date.now();
      if (left <= 0) {
        Atomics.store(this.control, STATE, IDLE);
        throw new ExplorerError(
          'network',
          'The data loader stopped answering (no reply in 3 minutes).',
        );
      }
      Atomics.wait(this.control, STATE, PENDING, Math.min(left, 1000));
    }
    const state = Atomics.load(this.control, STATE);
    const payload = this.data.subarray(0, Atomics.load(this.control, PAYLOAD_BYTES));
    Atomics.store(this.control, STATE, IDLE);
    if (state === FAILED) {
      const { code, message } = decodeJson<{ code: ErrorCode; message: string }>(payload);
      throw new ExplorerError(code, message);
    }
    if (state !== DONE) throw new ExplorerError('internal', `Unexpected bridge state ${state}.`);
    return payload;
  }
}
