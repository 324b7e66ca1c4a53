/** Turns the static server's response log into the byte figures of the report. Pure. */
import type { ServedResponse } from '../lib/static-server.js';

/**
 * `deferred`: what the widget requests only once the first guidance is on screen (the face landmarker, and the ZIP
 * writer's chunk the capture uses); kept out of the first-run total.
 */
export type ByteCategory = 'js' | 'wasm' | 'model' | 'other' | 'harness' | 'deferred';

export interface CategoryBytes {
  requests: number;
  /** Uncompressed size of what was requested (the files themselves; 0 for a 304). */
  rawBytes: number;
  /** Body bytes on the wire (gzip-compressed where the server compressed). */
  bodyBytes: number;
  /** Everything the server wrote for these responses: status line, headers and body. */
  wireBytes: number;
}

/**
 * `total` is what the product needs before its first guidance; `harness` (the bench's own page and script) and
 * `deferred` (requested only after the first guidance) are kept out of it.
 */
export type ByteBreakdown = Record<ByteCategory | 'total', CategoryBytes>;

const MODEL_FOLDERS = ['/vendor/human-models/'];
/** Where the bench's own pages are served from. */
export const HARNESS_PREFIX = '/pages/';

/** The widget’s chunk loaded after the first guidance (src/element/after-guidance.ts). */
const DEFERRED_CHUNK = /\/chunks\/after-guidance-[\w-]+\.js$/;

export function categorize(path: string): ByteCategory {
  if (path.startsWith(HARNESS_PREFIX)) return 'harness';
  if (path.endsWith('/face_landmarker.task') || DEFERRED_CHUNK.test(path)) return 'deferred';
  if (path.endsWith('.wasm')) return 'wasm';
  if (
    path.endsWith('.tflite') ||
    path.endsWith('.task') ||
    path.endsWith('.bin') ||
    MODEL_FOLDERS.some((folder) => path.startsWith(folder))
  ) {
    return 'model';
  }
  if (path.endsWith('.js') || path.endsWith('.mjs')) return 'js';
  return 'other';
}

function empty(): CategoryBytes {
  return { requests: 0, rawBytes: 0, bodyBytes: 0, wireBytes: 0 };
}

export function byteBreakdown(served: readonly ServedResponse[]): ByteBreakdown {
  const breakdown: ByteBreakdown = {
    js: empty(),
    wasm: empty(),
    model: empty(),
    other: empty(),
    harness: empty(),
    deferred: empty(),
    total: empty(),
  };
  for (const response of served) {
    const category = categorize(response.path);
    const outside = category === 'harness' || category === 'deferred';
    const buckets = outside ? [breakdown[category]] : [breakdown[category], breakdown.total];
    for (const bucket of buckets) {
      bucket.requests += 1;
      // A 304 sends no body: the file's size was not downloaded again.
      bucket.rawBytes += response.status === 304 ? 0 : response.rawBytes;
      bucket.bodyBytes += response.bodyBytes;
      bucket.wireBytes += response.wireBytes;
    }
  }
  return breakdown;
}
