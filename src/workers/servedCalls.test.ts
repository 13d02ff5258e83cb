/**
 * A call's callbacks across a real comlink boundary (a MessageChannel in Node): an envelope's
 * progress reaches the caller, which is what failed when the callback rode inside the options
 * object ("could not be cloned").
 */
import { expose, proxy, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { DataReader, MinMaxEnvelope, MinMaxOptions, MinMaxRequest } from '../reader/contract';
import { emptyEnvelope } from '../reader/minMaxEnvelope';
import {
  createCallRegistry,
  packCallArgs,
  serveReaderMethods,
  unpackCallArgs,
} from './servedCalls';

/** A reader whose envelope reports two partial results before the finished one. */
function fakeReader(): DataReader {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    summary: unused,
    listChildren: unused,
    getAttributes: unused,
    getKind: unused,
    describeDataset: unused,
    readSlice: unused,
    readSlices: unused,
    close: async () => {},
    async reduceMinMax(_path: string, request: MinMaxRequest, options?: MinMaxOptions) {
      const env: MinMaxEnvelope = emptyEnvelope(request, { shape: [request.stop] });
      for (const done of [1, 2]) {
        env.rowsDone = done;
        await options?.onProgress?.({ ...env });
      }
      return { ...env, rowsDone: env.rowsTotal, complete: true };
    },
  };
}

const channels: MessageChannel[] = [];
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())));

describe('callbacks in call options', () => {
  it('pack and unpack give back the options with their functions', () => {
    const onProgress = () => {};
    const wire = packCallArgs(['/d', { start: 0 }], { onProgress, progressEveryMs: 5 }, (f) => f);
    expect(wire).toHaveLength(4);
    const { positional, options } = unpackCallArgs('reduceMinMax', wire);
    expect(positional).toEqual(['/d', { start: 0 }]);
    expect(options).toEqual({ onProgress, progressEveryMs: 5 });
  });

  it('an envelope reports its progress across a comlink boundary', async () => {
    const { withCall } = createCallRegistry();
    const api = serveReaderMethods(() => fakeReader(), withCall);
    const channel = new MessageChannel();
    channels.push(channel);
    expose(api, channel.port1);
    const remote = wrap<typeof api>(channel.port2);
    const seen: number[] = [];
    const onProgress = (partial: MinMaxEnvelope) => void seen.push(partial.rowsDone);
    const wire = packCallArgs(['/d', { start: 0, stop: 10, bins: 5 }], { onProgress }, proxy);
    const served = remote.reduceMinMax as unknown as (...a: unknown[]) => Promise<MinMaxEnvelope>;
    const env = await served('f1', 1, ...wire);
    expect(env.complete).toBe(true);
    expect(seen).toEqual([1, 2]);
  });
});
