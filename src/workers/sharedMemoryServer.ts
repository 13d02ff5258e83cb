/**
 * Shared-memory bridge, fetcher side: answers the blocked HDF5 worker's requests.
 *
 * Requests arrive one at a time (the HDF5 worker is blocked until answered), so there is never
 * more than one answer in the shared buffer. Each request names the reader call it serves; the
 * main thread aborts a call here (the HDF5 worker, blocked, cannot hear it), which stops the
 * blocks only that call waits for and wakes the blocked read with a 'cancelled' failure.
 */
import { cancelledError } from '../bytes/abort';
import { asExplorerError } from '../errors';
import type { BlockLoaderLike } from '../hdf5/blockLoaderLike';
import {
  DONE,
  FAILED,
  PAYLOAD_BYTES,
  SEQUENCE,
  STATE,
  encodeBlocks,
  encodeJson,
  type BridgeRequest,
  type SharedBuffers,
} from '../hdf5/sharedMemoryProtocol';

/** Aborts remembered for calls whose next request has not arrived yet. */
const MAX_EARLY_ABORTS = 256;

export interface SharedMemoryServer {
  /** Cancels the request of this call in progress, and any request it makes later. */
  abortCall(callId: number): void;
}

export function serveSharedMemory(
  port: MessagePort,
  buffers: SharedBuffers,
  loader: BlockLoaderLike,
): SharedMemoryServer {
  const control = new Int32Array(buffers.control);
  const data = new Uint8Array(buffers.data);
  const active = new Map<number, AbortController>();
  const aborted = new Set<number>();

  const answer = (sequence: number, state: number, bytes: number) => {
    // A request the HDF5 worker gave up on must not overwrite a newer one's answer.
    if (Atomics.load(control, SEQUENCE) !== sequence) return;
    Atomics.store(control, PAYLOAD_BYTES, bytes);
    Atomics.store(control, STATE, state);
    Atomics.notify(control, STATE);
  };

  port.onmessage = async (event: MessageEvent<BridgeRequest>) => {
    const request = event.data;
    const controller = new AbortController();
    const { callId } = request;
    if (callId !== undefined) {
      if (aborted.has(callId)) controller.abort();
      else active.set(callId, controller);
    }
    try {
      if (controller.signal.aborted) throw cancelledError();
      if (request.kind === 'blocks') {
        const blocks = await loader.load(request.fileId, request.indices, controller.signal);
        answer(request.sequence, DONE, encodeBlocks(data, blocks, request.indices));
      } else {
        const identity = await loader.openDescriptor(
          request.fileId,
          request.descriptor,
          controller.signal,
        );
        answer(request.sequence, DONE, encodeJson(data, identity));
      }
    } catch (error) {
      const { code, message } = asExplorerError(error);
      answer(request.sequence, FAILED, encodeJson(data, { code, message }));
    } finally {
      if (callId !== undefined && active.get(callId) === controller) active.delete(callId);
    }
  };

  return {
    abortCall(callId) {
      const controller = active.get(callId);
      if (controller) {
        controller.abort();
        return;
      }
      // The call may be queued behind another in the HDF5 worker: refuse its requests when they come.
      aborted.add(callId);
      if (aborted.size > MAX_EARLY_ABORTS) aborted.delete(aborted.values().next().value as number);
    },
  };
}
