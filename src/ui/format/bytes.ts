/** Numbers for people. The byte formatter is the app's one (src/common), shared with the cache. */
export { formatBytes } from '../../common/formatBytes';

/**
 * Large counts with thousands separators ("1,234,567"); exact for BigInt.
 *
 * Whole numbers are grouped here rather than by toLocaleString: its first call loads the locale's
 * number data, which took 0.09 s of the main thread while a link's page started (the status bar
 * and the opening view show counts on their first render).
 */
export function formatCount(n: number | bigint): string {
  if (typeof n === 'number' && !Number.isSafeInteger(n)) return n.toLocaleString('en-US');
  const digits = (n < 0 ? -n : n).toString().replace(/\B(?=(\d{3})+$)/g, ',');
  return n < 0 ? `-${digits}` : digits;
}
