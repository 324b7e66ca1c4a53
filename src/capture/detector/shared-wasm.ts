/**
 * One download and one compile of MediaPipe's WASM for every task of a runtime: each task (the face detector, then
 * the face landmarker) instantiates its own copy of the module, and left alone each would fetch and compile the
 * 13 MB binary again. The factory below compiles it once and hands every task a fresh instance of that module.
 */
type EmscriptenFactory = (moduleArg?: Record<string, unknown>) => Promise<unknown>;
type InstantiateWasm = (
  imports: WebAssembly.Imports,
  receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
) => Record<string, never>;

/**
 * Wraps the WASM loader's module factory (the default export of `vision_wasm_module_internal.js`) so that every
 * module it makes instantiates the binary at `wasmBinaryUrl`, compiled on the first call. A failed compile rejects
 * that call and is retried on the next. `compiling`: a compile of that binary already under way (compileWasm), started
 * before the loader was imported so that the two overlap.
 */
export function sharedWasmFactory(
  factory: unknown,
  wasmBinaryUrl: string,
  compiling?: Promise<WebAssembly.Module>,
): EmscriptenFactory {
  if (typeof factory !== 'function') throw new TypeError('the WASM loader exports no module factory');
  const make = factory as EmscriptenFactory;
  let compiled: Promise<WebAssembly.Module> | null = compiling ?? null;
  return async (moduleArg = {}) => {
    compiled ??= compileWasm(wasmBinaryUrl);
    let wasm: WebAssembly.Module;
    try {
      wasm = await compiled;
    } catch (error) {
      compiled = null;
      throw error;
    }
    const instantiateWasm: InstantiateWasm = (imports, receive) => {
      // A module that compiled instantiates unless memory runs out; the landmarker's load timeout covers that.
      void WebAssembly.instantiate(wasm, imports).then((instance) => receive(instance, wasm));
      return {};
    };
    return make({ ...moduleArg, instantiateWasm });
  };
}

/** Fetches and compiles the binary, streaming where it is served as application/wasm. */
export async function compileWasm(url: string): Promise<WebAssembly.Module> {
  const response = await fetch(url, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`the WASM binary could not be loaded (HTTP ${response.status})`);
  const copy = response.clone();
  try {
    return await WebAssembly.compileStreaming(response);
  } catch {
    // Served with another type than application/wasm: compile the bytes, as Emscripten's own loader falls back to.
    return WebAssembly.compile(await copy.arrayBuffer());
  }
}
