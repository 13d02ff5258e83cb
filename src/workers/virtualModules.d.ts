/** The URL of h5wasm's WebAssembly file in a bundled build (scripts/vite-h5wasm-binary.ts). */
declare module 'virtual:h5wasm-binary' {
  const url: string;
  export default url;
}
