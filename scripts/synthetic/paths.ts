/**
 * Where the synthetic sessions are written. Apart from the generator so that a benchmark naming
 * them does not load it: its h5wasm (the Node build, a second WASM instance beside the reader's)
 * adds ~600 MB of resident memory at import, which the time-series benchmark's peak RSS counted.
 */
export const DEFAULT_SYNTHETIC_PATH = 'fixtures/generated/synthetic_session.nwb';
/** Where the benchmark looks for the 'neuroconv' layout (generated when named and missing). */
export const NEUROCONV_SYNTHETIC_PATH = 'fixtures/generated/synthetic_session_neuroconv.nwb';
