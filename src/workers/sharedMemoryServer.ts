/**
 * Shared-memory bridge, fetcher side: answers the blocked HDF5 worker's requests.
 *
 * Requests arrive one at a time (the HDF5 worker is blocked until answered), so there is never
 * more than one answer in the shared buffer.
 */
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

export function serveSharedMemory(
  port: MessagePort,
  buffers: SharedBuffers,
  loader: BlockLoaderLike,
): void {
  const control = new Int32Array(buffers.control);
  const data = new Uint8Array(buffers.data);

  const answer = (sequence: number, state: number, bytes: number) => {
    // A request the HDF5 worker gave up on must not overwrite a newer one's answer.
    if (Atomics.load(control, SEQUENCE) !== sequence) return;
    Atomics.store(control, PAYLOAD_BYTES, bytes);
    Atomics.store(control, STATE, state);
    Atomics.notify(control, STATE);
  };

  port.onmessage = async (event: MessageEvent<BridgeRequest>) => {
    const request = event.data;
    try {
      if (request.kind === 'blocks') {
        const blocks = await loader.load(request.fileId, request.indices);
        answer(request.sequence, DONE, encodeBlocks(data, blocks, request.indices));
      } else {
        const identity = await loader.openDescriptor(request.fileId, request.descriptor);
        answer(request.sequence, DONE, encodeJson(data, identity));
      }
    } catch (error) {
      const { code, message } = asExplorerError(error);
      answer(request.sequence, FAILED, encodeJson(data, { code, message }));
    }
  };
}
