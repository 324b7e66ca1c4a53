/**
 * The CDN build's replacement for `src/capture/detector/spawn-worker.ts` (swapped in by vite.config.ts). The CDN
 * build emits the worker as its own entry, `liveness-check.worker.js`, next to `liveness-check.js`, and the bundle
 * finds it by its own URL, whichever origin serves it.
 */
import { startModuleWorker } from './module-worker.js';
import { CDN_WORKER_FILE } from './worker-file.js';

// Not a literal inside `new URL(…)`: bundlers would otherwise try to resolve the file at build time.
const WORKER_PATH = `./${CDN_WORKER_FILE}`;

export function spawnDetectorWorker(): Worker {
  return startModuleWorker(new URL(WORKER_PATH, import.meta.url), 'liveness-detector');
}
