/** Numbers for people. The byte formatter is the app's one (src/common), shared with the cache. */
export { formatBytes } from '../../common/formatBytes';

/** Large counts with thousands separators ("1,234,567"); exact for BigInt. */
export function formatCount(n: number | bigint): string {
  return n.toLocaleString('en-US');
}
