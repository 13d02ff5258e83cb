/**
 * Named points in time for the browser benchmark (bench/browser.ts): each phase of opening a file
 * leaves a Performance mark in the thread where it happens (page or worker). Marks cost a few
 * microseconds and nothing reads them in the app; the benchmark collects them from the page and
 * from every worker and puts them on one time line.
 */
export const MARK_PREFIX = 'nwbe:';

export function mark(name: string): void {
  // Node's test environment has performance.mark too; a platform without it loses only marks.
  globalThis.performance?.mark?.(MARK_PREFIX + name);
}

/** Marks `${name}:start`, runs work, and marks `${name}:end` when its promise settles. */
export function markSpan<T>(name: string, work: () => Promise<T>): Promise<T> {
  mark(`${name}:start`);
  const promise = work();
  const end = () => mark(`${name}:end`);
  promise.then(end, end);
  return promise;
}
