/**
 * `checkSupport()`: can this browser run a check here? Cheap on purpose, so a page can call it before creating a
 * session or loading the widget: it asks for no camera permission (enumerateDevices lists cameras without labels
 * before one is granted) and compiles one 30-byte WebAssembly module, no model, no WASM runtime.
 */
import { SUPPORT_REASONS, SUPPORT_WARNINGS, type InAppBrowser, type SupportReason } from '../shared/support.js';
import { detectInAppBrowser } from './in-app-browser.js';

export interface SupportResult {
  /** False when any reason other than a warning (`no-offscreen-canvas`) was found. */
  supported: boolean;
  /** Every reason found, in the order of SUPPORT_REASONS. */
  reasons: SupportReason[];
  /** Which in-app browser, when `reasons` has `in-app-browser`. */
  inAppBrowser?: InAppBrowser;
}

/** What checkSupport reads; the page's own by default (tests pass their own). */
export interface SupportEnvironment {
  isSecureContext: boolean;
  userAgent: string;
  mediaDevices: Pick<MediaDevices, 'getUserMedia' | 'enumerateDevices'> | undefined;
  /** `document.permissionsPolicy` / `featurePolicy` where the browser has one (Chromium). */
  policy: { allowsFeature(feature: string): boolean } | undefined;
  hasOffscreenCanvas: boolean;
  wasmSimd: boolean;
}

// (module (func (result v128) i32.const 0 i8x16.splat i8x16.popcnt)): validates only where SIMD is supported.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15, 253, 98, 11,
]);

export function wasmSimdSupported(): boolean {
  try {
    return typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

export function pageEnvironment(): SupportEnvironment {
  const doc = document as Document & {
    permissionsPolicy?: { allowsFeature(feature: string): boolean };
    featurePolicy?: { allowsFeature(feature: string): boolean };
  };
  const mediaDevices = typeof navigator.mediaDevices?.getUserMedia === 'function' ? navigator.mediaDevices : undefined;
  return {
    isSecureContext: globalThis.isSecureContext,
    userAgent: navigator.userAgent,
    mediaDevices,
    policy: doc.permissionsPolicy ?? doc.featurePolicy,
    hasOffscreenCanvas: typeof OffscreenCanvas !== 'undefined',
    wasmSimd: wasmSimdSupported(),
  };
}

/** Whether the browser can run a check here, and if not, why. Never prompts for the camera. */
export async function checkSupport(env: SupportEnvironment = pageEnvironment()): Promise<SupportResult> {
  const found = new Set<SupportReason>();
  const inApp = detectInAppBrowser(env.userAgent);
  if (!env.isSecureContext) found.add('insecure-context');
  if (!env.mediaDevices) found.add('no-media-devices');
  else if (!(await hasCamera(env.mediaDevices))) found.add('no-camera');
  if (env.policy && !env.policy.allowsFeature('camera')) found.add('camera-blocked-by-policy');
  if (inApp) found.add('in-app-browser');
  if (!env.wasmSimd) found.add('no-wasm-simd');
  if (!env.hasOffscreenCanvas) found.add('no-offscreen-canvas');
  return supportResult(found, inApp);
}

/** Orders the reasons and decides `supported` (pure, for the tests). */
export function supportResult(found: ReadonlySet<SupportReason>, inApp: InAppBrowser | null): SupportResult {
  const reasons = SUPPORT_REASONS.filter((reason) => found.has(reason));
  const supported = reasons.every((reason) => SUPPORT_WARNINGS.includes(reason));
  return inApp && found.has('in-app-browser') ? { supported, reasons, inAppBrowser: inApp } : { supported, reasons };
}

async function hasCamera(mediaDevices: Pick<MediaDevices, 'enumerateDevices'>): Promise<boolean> {
  try {
    const devices = await mediaDevices.enumerateDevices();
    return devices.some((device) => device.kind === 'videoinput');
  } catch {
    // Some WebViews refuse the listing itself: not proof of no camera, so getUserMedia gets its chance.
    return true;
  }
}

/** The console message for the integrator when the permissions policy blocks the camera (not shown on screen). */
export const POLICY_BLOCKED_MESSAGE =
  '<liveness-check>: the camera is blocked by the permissions policy. In an iframe, add allow="camera" to the ' +
  '<iframe> element (and to every iframe around it); on the page, check the Permissions-Policy header allows camera.';
