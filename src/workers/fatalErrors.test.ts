import { describe, expect, it } from 'vitest';
import { ExplorerError } from '../errors';
import { runWasmTrap } from '../testing/wasmTrap';
import { isFatalWorkerError, watchFatalErrors } from './fatalErrors';

function trapError(): unknown {
  try {
    runWasmTrap();
  } catch (error) {
    return error;
  }
}

describe('watchFatalErrors', () => {
  it('a real wasm trap, also wrapped as a cause, is fatal; an ordinary failure is not', () => {
    const trap = trapError();
    expect(trap).toBeInstanceOf(WebAssembly.RuntimeError);
    expect(isFatalWorkerError(trap)).toBe(true);
    expect(isFatalWorkerError(new ExplorerError('internal', 'HDF5: x', { cause: trap }))).toBe(
      true,
    );
    expect(isFatalWorkerError(new ExplorerError('not-found', 'gone'))).toBe(false);
    expect(isFatalWorkerError(new RangeError('Maximum call stack size exceeded'))).toBe(false);
  });

  it('reports a trap in a call (nested host included) once; the call still rejects', async () => {
    const reported: unknown[] = [];
    const api = watchFatalErrors(
      {
        async read(n: number) {
          if (n < 0) runWasmTrap();
          return n * 2;
        },
        async missing() {
          throw new ExplorerError('not-found', 'gone');
        },
        zarr: { open: async () => runWasmTrap() },
      },
      (error) => reported.push(error),
    );
    expect(await api.read(2)).toBe(4);
    await expect(api.missing()).rejects.toThrow('gone');
    expect(reported).toHaveLength(0);
    await expect(api.zarr.open()).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    await expect(api.read(-1)).rejects.toBeInstanceOf(WebAssembly.RuntimeError);
    expect(reported).toHaveLength(1);
  });
});
