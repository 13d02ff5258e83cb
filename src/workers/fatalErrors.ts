/**
 * A wasm trap (an `unreachable`, an out-of-bounds access, emscripten's abort on running out of
 * memory) leaves h5wasm's heap and HDF5's global state unusable: every later call in that worker
 * may fail or, worse, read garbage. Such an error is reported as the worker's death (an uncaught
 * error, which the main thread hears as the Worker's 'error' event) so the client starts new
 * workers and reopens the files there. Other errors are a call's own business.
 */

const MAX_CAUSE_DEPTH = 8;

/** True for a WebAssembly.RuntimeError anywhere in the error's cause chain. */
export function isFatalWorkerError(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < MAX_CAUSE_DEPTH && e; depth++) {
    if (typeof WebAssembly !== 'undefined' && e instanceof WebAssembly.RuntimeError) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}

/** Reports an error as uncaught, after the call that met it has answered its caller. */
export function reportAsUncaught(error: unknown): void {
  setTimeout(() => {
    throw error;
  });
}

/**
 * The same API with every function (also one level down: the Zarr host) watched: a fatal error
 * still rejects the call, and is then reported once as the worker's death.
 */
export function watchFatalErrors<T extends object>(
  api: T,
  report: (error: unknown) => void = reportAsUncaught,
): T {
  let reported = false;
  const onError = (error: unknown) => {
    if (!reported && isFatalWorkerError(error)) {
      reported = true;
      report(error);
    }
  };
  const wrap = (value: unknown): unknown => {
    if (typeof value !== 'function') return value;
    const fn = value as (...args: unknown[]) => unknown;
    return (...args: unknown[]) => {
      try {
        const result = fn(...args);
        if (result instanceof Promise) {
          return result.catch((error: unknown) => {
            onError(error);
            throw error;
          });
        }
        return result;
      } catch (error) {
        onError(error);
        throw error;
      }
    };
  };
  const watched: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(api)) {
    watched[key] =
      value && typeof value === 'object' && !ArrayBuffer.isView(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wrap(v)]))
        : wrap(value);
  }
  // Same keys, each function with its own signature: the wrapper only adds a side effect.
  return watched as T;
}
