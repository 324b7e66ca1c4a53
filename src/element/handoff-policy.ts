/**
 * What the element does before its start screen, and when it offers the phone: pure decisions from the support
 * check, the `handoff` attribute and the failure at hand.
 */
import { LivenessError, type LivenessErrorCode } from '../errors.js';
import type { SupportResult } from '../support/check-support.js';

/** The `handoff` attribute. */
export const HANDOFF_MODES = ['auto', 'always', 'off'] as const;
export type HandoffMode = (typeof HANDOFF_MODES)[number];

export function handoffModeOf(value: string): HandoffMode {
  return (HANDOFF_MODES as readonly string[]).includes(value) ? (value as HandoffMode) : 'auto';
}

/** Failures this device will not get past by trying again: in `auto` mode the phone is offered for these. */
const FOR_GOOD: readonly LivenessErrorCode[] = ['camera-not-found', 'camera-blocked-by-policy', 'unsupported-browser'];

export function offersHandoff(mode: HandoffMode, code: LivenessErrorCode, canHandoff: boolean): boolean {
  return canHandoff && mode !== 'off' && FOR_GOOD.includes(code);
}

export type Preflight =
  /** Show the start screen as usual. */
  | { kind: 'start-screen' }
  /** Show the QR code first (`handoff="always"`). */
  | { kind: 'handoff' }
  /** Report this failure; the element offers the phone where `offersHandoff` says so. */
  | { kind: 'fail'; error: LivenessError };

/**
 * The support check's verdict turned into the first screen. An in-app browser gets its own way out (open the
 * page in the browser) even where the phone could be offered: the person is usually on that phone already.
 */
export function preflight(result: SupportResult, mode: HandoffMode, canHandoff: boolean): Preflight {
  const has = (reason: SupportResult['reasons'][number]) => result.reasons.includes(reason);
  if (has('in-app-browser')) {
    const name = result.inAppBrowser ?? 'an app';
    return {
      kind: 'fail',
      error: new LivenessError('in-app-browser', `The camera does not work in ${name}'s built-in browser.`, true),
    };
  }
  if (mode === 'always' && canHandoff) return { kind: 'handoff' };
  if (has('camera-blocked-by-policy')) {
    return {
      kind: 'fail',
      error: new LivenessError('camera-blocked-by-policy', 'The permissions policy blocks the camera here.', false),
    };
  }
  // Without WASM SIMD the guidance cannot run, but manual capture still can: the element goes on.
  if (has('insecure-context') || has('no-media-devices')) {
    const why = result.reasons.filter((reason) => reason !== 'no-offscreen-canvas').join(', ');
    return {
      kind: 'fail',
      error: new LivenessError('unsupported-browser', `This browser cannot run a check: ${why}.`, false),
    };
  }
  if (has('no-camera')) {
    return { kind: 'fail', error: new LivenessError('camera-not-found', 'This device has no camera.', true) };
  }
  return { kind: 'start-screen' };
}
