/**
 * Capabilities a test can take away from the detector, to walk the fallback chain in a browser that has them all
 * (Chromium). Read from a global the test page sets before the element starts; never set in production.
 */
export interface DetectorTestHooks {
  /** Pretend OffscreenCanvas in the worker has no WebGL context. */
  workerWebGL?: false;
  /** Pretend the page has no WebGL context either. */
  mainThreadWebGL?: false;
}

export const DETECTOR_TEST_HOOKS_GLOBAL = '__livenessDetectorTestHooks';

export function detectorTestHooks(): DetectorTestHooks {
  const hooks = (globalThis as Record<string, unknown>)[DETECTOR_TEST_HOOKS_GLOBAL];
  return typeof hooks === 'object' && hooks !== null ? hooks : {};
}
