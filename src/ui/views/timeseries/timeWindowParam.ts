/**
 * The time window in the address bar (`t=<start>,<end>` in seconds), so a copied link reopens
 * the same stretch of the recording. The app parses and re-formats `t` with the selected path
 * (app/urlState.ts); the view only reads it once and replaces it as the user zooms and pans.
 */
export function parseTimeWindow(value: string | null): [number, number] | null {
  if (!value) return null;
  const parts = value.split(',').map(Number);
  if (parts.length !== 2 || !parts.every(Number.isFinite) || !(parts[1] > parts[0])) return null;
  return [parts[0], parts[1]];
}

export function formatTimeWindow(window: [number, number]): string {
  // Enough digits for a sample at 30 kHz over a day, not the float's full noise.
  const round = (t: number) => String(Number(t.toPrecision(9)));
  return `${round(window[0])},${round(window[1])}`;
}

export function readTimeWindowParam(): [number, number] | null {
  if (typeof window === 'undefined') return null;
  return parseTimeWindow(new URLSearchParams(window.location.search).get('t'));
}

/** Replaces (never pushes) the `t` parameter; other parameters are left as they are. */
export function writeTimeWindowParam(range: [number, number] | null): void {
  if (typeof window === 'undefined') return;
  const search = window.location.search.replace(/^\?/, '');
  const kept = search.split('&').filter((pair) => pair !== '' && !pair.startsWith('t='));
  if (range) kept.push(`t=${formatTimeWindow(range)}`);
  const next = kept.length > 0 ? `?${kept.join('&')}` : '';
  if (next === window.location.search) return;
  window.history.replaceState(
    window.history.state,
    '',
    window.location.pathname + next + window.location.hash,
  );
}
