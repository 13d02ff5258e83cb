/**
 * plotly's browserify-era dependencies (has-hover, regl's canvas set-up) read a free `global`,
 * which plotly's own bundles define as the window. Only the main thread loads plotly, and no other
 * code there asks for `global`, so naming it on the page is safe. Imported before plotly.
 */
const scope = globalThis as typeof globalThis & { global?: typeof globalThis };
scope.global ??= globalThis;

export {};
