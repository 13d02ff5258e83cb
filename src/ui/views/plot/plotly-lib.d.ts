/**
 * plotly.js's per-trace entry points have no type declarations; loadPlotly.ts gives the calls we
 * make a type.
 */
declare module 'plotly.js/lib/core' {
  const Plotly: { register(modules: unknown[]): void };
  export default Plotly;
}
declare module 'plotly.js/lib/heatmap';
declare module 'plotly.js/lib/image';
declare module 'plotly.js/lib/scattergl';
