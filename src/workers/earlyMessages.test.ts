import { describe, expect, it } from 'vitest';
import { keepEarlyMessages } from './earlyMessages';

/** A stand-in for a worker's global scope: an event target that records what it posts. */
function fakeScope() {
  const target = new EventTarget();
  const posted: unknown[] = [];
  const scope = Object.assign(target, {
    postMessage: (message: unknown) => posted.push(message),
  });
  const send = (data: unknown) => target.dispatchEvent(new MessageEvent('message', { data }));
  return { scope: scope as unknown as DedicatedWorkerGlobalScope, posted, send };
}

describe('keepEarlyMessages', () => {
  it('hands messages that arrived before anyone listened to the first listener, in order', () => {
    const { scope, send } = fakeScope();
    const endpoint = keepEarlyMessages(scope);
    send('a');
    send('b');
    const seen: unknown[] = [];
    endpoint.addEventListener('message', (event) => seen.push((event as MessageEvent).data));
    send('c');
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('delivers each message once, and nothing twice to a second listener', () => {
    const { scope, send } = fakeScope();
    const endpoint = keepEarlyMessages(scope);
    send(1);
    const first: unknown[] = [];
    const second: unknown[] = [];
    endpoint.addEventListener('message', (event) => first.push((event as MessageEvent).data));
    endpoint.addEventListener('message', {
      handleEvent: (event) => second.push((event as MessageEvent).data),
    });
    send(2);
    expect(first).toEqual([1, 2]);
    expect(second).toEqual([2]);
  });

  it('posts through the scope and stops delivering to a removed listener', () => {
    const { scope, posted, send } = fakeScope();
    const endpoint = keepEarlyMessages(scope);
    const seen: unknown[] = [];
    const listener = (event: Event) => seen.push((event as MessageEvent).data);
    endpoint.addEventListener('message', listener);
    endpoint.postMessage('out');
    endpoint.removeEventListener('message', listener);
    send('late');
    expect(posted).toEqual(['out']);
    expect(seen).toEqual([]);
  });
});
