// First, for its side effect: the workers start (and the wasm compiles) before the UI loads.
import './app/startEarly';

// React and the app shell are a separate chunk: the small entry script runs sooner, and the UI's
// modules load and evaluate while the workers start.
void import('./appRoot');
