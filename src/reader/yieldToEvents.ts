/**
 * Lets queued events run (worker messages such as a cancel, or another pane's read) in the middle
 * of a long loop of reads. Awaiting a resolved promise only drains microtasks, so a long reduction
 * would otherwise hold the worker until it ends. setTimeout(0) is clamped to 4 ms when nested, so a
 * MessageChannel (or Node's setImmediate) is used instead.
 */
export function yieldToEvents(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
