/**
 * Loads after-guidance.ts once: `preloadAfterGuidance()` when the first hint shows, `loadAfterGuidance()` where
 * its code is needed (a capture before the preload finished joins it).
 */
type AfterGuidance = typeof import('./after-guidance.js');

let loading: Promise<AfterGuidance> | null = null;

export function loadAfterGuidance(): Promise<AfterGuidance> {
  const current = (loading ??= import('./after-guidance.js'));
  // A failed load (offline for a moment) is tried again at the next call.
  current.catch(() => {
    if (loading === current) loading = null;
  });
  return current;
}

/** Fetches the chunk now, so the capture and the upload do not wait for it; a failure is retried when needed. */
export function preloadAfterGuidance(): void {
  loadAfterGuidance().catch(() => undefined);
}
