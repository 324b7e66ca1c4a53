/**
 * The CDN worker's file name, in a module of its own so the build (vite.config.ts, in Node) can read it without
 * loading browser code.
 */
export const CDN_WORKER_FILE = 'liveness-check.worker.js';
