/**
 * The reasons `checkSupport()` reports. Public API: a page branches on them (to send the person elsewhere, or to
 * offer the handoff to a phone), so never rename one; add new ones instead.
 */
export const SUPPORT_REASONS = [
  /** The page is not https (or localhost): browsers expose no camera there. */
  'insecure-context',
  /** The browser has no `navigator.mediaDevices.getUserMedia`. */
  'no-media-devices',
  /** The device lists no camera. */
  'no-camera',
  /** The permissions policy forbids the camera here, e.g. an iframe without `allow="camera"`. */
  'camera-blocked-by-policy',
  /** An app's built-in browser or a WebView, where the camera usually fails or never asks. */
  'in-app-browser',
  /** WebAssembly SIMD is missing: face guidance cannot run. */
  'no-wasm-simd',
  /** No OffscreenCanvas: guidance runs on the main thread instead of a worker (a warning, the check still works). */
  'no-offscreen-canvas',
] as const;

export type SupportReason = (typeof SUPPORT_REASONS)[number];

/** Reasons that are reported but do not make the browser unsupported. */
export const SUPPORT_WARNINGS: readonly SupportReason[] = ['no-offscreen-canvas'];

/** The in-app browsers and WebViews that `checkSupport()` recognises, by the name it reports. */
export const IN_APP_BROWSERS = [
  'instagram',
  'facebook',
  'messenger',
  'wechat',
  'line',
  'tiktok',
  'snapchat',
  'linkedin',
  'android-webview',
] as const;

export type InAppBrowser = (typeof IN_APP_BROWSERS)[number];
