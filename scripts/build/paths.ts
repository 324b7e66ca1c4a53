/** Where the build reads from and writes to. One layout, documented in docs/integration.md. */
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SRC_ASSETS_DIR = fileURLToPath(new URL('../../src/assets/', import.meta.url));
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));
/** tsc output mirroring src/: the npm entries for bundlers (`.`, `./element`) and Node (`./server`). */
export const ESM_DIR = fileURLToPath(new URL('../../dist/esm/', import.meta.url));
/** The `<script type="module">` build and the assets it loads next to itself. */
export const CDN_DIR = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
export const CDN_ASSETS_DIR = fileURLToPath(new URL('../../dist/cdn/assets/', import.meta.url));
export const INTEGRITY_FILE = 'integrity.json';
export const CUSTOM_ELEMENTS_FILE = fileURLToPath(new URL('../../dist/custom-elements.json', import.meta.url));

/** The files the detector loads at run time, relative to the assets folder (see src/assets.ts). */
export const RUNTIME_ASSETS = [
  'wasm/vision_wasm_module_internal.js',
  'wasm/vision_wasm_module_internal.wasm',
  'face_detection_short_range.tflite',
  // Loaded only after the first guidance (src/capture/landmarks/), so it is no part of the first-run download.
  'face_landmarker.task',
] as const;
/** Travel with the assets: attribution and licence of the MediaPipe runtime and the model. */
export const LEGAL_ASSETS = ['NOTICE.md', 'LICENSE-APACHE-2.0.txt'] as const;
