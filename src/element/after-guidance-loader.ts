/**
 * Loads after-guidance.ts: `preloadAfterGuidance()` when the first hint shows, `loadAfterGuidance()` where its code
 * is needed. The browser's module map keeps the one load (a capture before the preload finished joins it), and a
 * failed load is fetched again at the next call.
 */
export function loadAfterGuidance(): Promise<typeof import('./after-guidance.js')> {
  return import('./after-guidance.js');
}

/** Fetches the chunk now, so the capture and the upload do not wait for it; a failure is retried when needed. */
export function preloadAfterGuidance(): void {
  loadAfterGuidance().catch(() => undefined);
}
