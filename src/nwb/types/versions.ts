/**
 * Ordering of schema version strings as written by the NWB tools: "2.0b" (NWB 2.0 beta) comes
 * before "2.0.1", and "2.6.0-alpha" before "2.6.0".
 */
function versionKey(version: string): number[] | null {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(b)?(?:-(\w+))?/.exec(version.trim());
  if (!m) return null;
  const [, major, minor, patch, beta, pre] = m;
  return [Number(major), Number(minor), beta ? -1 : Number(patch ?? 0), pre ? 0 : 1];
}

/** Negative when a < b; unparsable versions sort last, among themselves by text. */
export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  if (ka === null || kb === null) {
    if (ka !== kb) return ka === null ? 1 : -1;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] - kb[i];
  return 0;
}

/**
 * Index of the version to use for `wanted` among `sorted` (ascending): the exact one, else the
 * newest not newer than it, else the oldest; the newest when nothing is wanted.
 */
export function pickVersion(sorted: readonly string[], wanted: string | null): number {
  if (sorted.length === 0) return -1;
  if (wanted === null) return sorted.length - 1;
  let best = 0;
  for (let i = 0; i < sorted.length; i++) {
    const order = compareVersions(sorted[i], wanted);
    if (order === 0) return i;
    if (order < 0) best = i;
  }
  return best;
}
