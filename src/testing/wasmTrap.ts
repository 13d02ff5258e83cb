/**
 * The bytes of the smallest wasm module whose one export traps: `(func (export "trap")
 * unreachable)`. Running it raises a real WebAssembly.RuntimeError, the error h5wasm raises when
 * its code traps or aborts (out of memory), for tests of what happens next.
 */
// prettier-ignore
export const TRAP_MODULE_BYTES: readonly number[] = [
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
  0x01, 0x04, 0x01, 0x60, 0x00, 0x00, // types: () -> ()
  0x03, 0x02, 0x01, 0x00, // one function of type 0
  0x07, 0x08, 0x01, 0x04, 0x74, 0x72, 0x61, 0x70, 0x00, 0x00, // export "trap" = function 0
  0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b, // body: no locals, unreachable, end
];

/** Runs the trap; always throws the WebAssembly.RuntimeError. */
export function runWasmTrap(): never {
  const module = new WebAssembly.Module(new Uint8Array(TRAP_MODULE_BYTES));
  const instance = new WebAssembly.Instance(module);
  (instance.exports.trap as () => void)();
  throw new Error('the trap did not trap');
}
