/**
 * Stands in for maplibre-gl's stylesheet, which plotly's trace registry requires for its map
 * traces. No map trace is registered (plotlyBundle.ts), so nothing is loaded (see vite.config.ts).
 */
export {};
