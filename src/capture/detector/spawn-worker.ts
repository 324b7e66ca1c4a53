/**
 * Starts the detector worker. This exact `new Worker(new URL('<literal>', import.meta.url), { type: 'module' })`
 * form is what bundlers (Vite, webpack, Rollup plugins) recognise to emit the worker as its own file, so it lives
 * alone here: the CDN build swaps this module for `src/cdn/spawn-worker.ts`, which also starts the worker when the
 * script is served from another origin than the page.
 */
export function spawnDetectorWorker(): Worker {
  return new Worker(new URL('./detector.worker.ts', import.meta.url), { type: 'module', name: 'liveness-detector' });
}
