/**
 * Whether this browser can draw plotly's WebGL traces. An envelope of 16 channels at 2000 bins
 * is 32,000 separate strokes: as SVG, plotly makes one path element per stroke (seconds of main
 * thread per redraw, tens of seconds on a busy machine); as `scattergl` it is one draw call.
 * Where WebGL is missing, the SVG trace still draws, only slower.
 */
let known: boolean | null = null;

export function canUseWebGL(): boolean {
  if (known === null) {
    try {
      const canvas = typeof document !== 'undefined' ? document.createElement('canvas') : null;
      known = Boolean(canvas?.getContext('webgl2') ?? canvas?.getContext('webgl'));
    } catch {
      known = false;
    }
  }
  return known;
}
