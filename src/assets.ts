/**
 * Where the widget finds its WASM and model. By default they are served from the `assets/` folder next to this
 * module (in the CDN build, next to the bundle), so nothing is ever fetched from a third party. Integrators who
 * host the files elsewhere set the `assets` attribute.
 */
// Bundlers rewrite `new URL('<literal>', import.meta.url)` as a reference to one asset file, which breaks for a
// folder; a non-literal keeps the URL relative to wherever this module is served from.
const ASSETS_FOLDER = './assets/';
export const DEFAULT_ASSETS_BASE: string = new URL(ASSETS_FOLDER, import.meta.url).href;

export interface DetectorAssets {
  wasmLoaderUrl: string;
  wasmBinaryUrl: string;
  modelUrl: string;
  /** The face landmarker bundle, loaded after the first guidance (the eye and mouth checks). */
  landmarkerUrl: string;
}

export function resolveAssets(base: string | undefined | null): DetectorAssets {
  const root = new URL(base && base.length > 0 ? ensureTrailingSlash(base) : DEFAULT_ASSETS_BASE, document.baseURI);
  return {
    wasmLoaderUrl: new URL('wasm/vision_wasm_module_internal.js', root).href,
    wasmBinaryUrl: new URL('wasm/vision_wasm_module_internal.wasm', root).href,
    modelUrl: new URL('face_detection_short_range.tflite', root).href,
    landmarkerUrl: new URL('face_landmarker.task', root).href,
  };
}

function ensureTrailingSlash(value: string): string {
  return value.endsWith('/') ? value : `${value}/`;
}
