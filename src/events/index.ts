/**
 * The widget's public events. Names and detail shapes are public API; each is typed into
 * `GlobalEventHandlersEventMap` so `el.addEventListener('liveness-capture', e => e.detail.media)` is typed.
 * All of them bubble and are composed, so they cross shadow roots and reach the page.
 */
import type { LivenessErrorCode } from '../errors.js';
import type { CaptureMode, CaptureReport } from '../shared/media.js';
import type { GuidanceCode, ReasonCode } from '../quality/types.js';

export type DetectorRuntime = 'worker' | 'main-thread' | 'unavailable';

export interface LivenessReadyDetail {
  camera: { deviceId: string; label: string; width: number; height: number };
  detector: DetectorRuntime;
  /**
   * The runtimes given up before `detector`, and why (`no-webgl`, `load-failed`, `proof-failed`): empty when the
   * worker got ready; with `detector: 'unavailable'` it says why the person is offered the manual capture.
   */
  fallbacks: Array<{ runtime: 'worker' | 'main-thread'; reason: string; message: string }>;
  /** Milliseconds from start() to the detector being ready (or giving up). */
  loadMs: number;
  /**
   * The `voice` attribute: `off` when not set, `ready` when the browser has a voice for the texts' language,
   * `unavailable` when it has none (the hints are then not spoken).
   */
  voice: 'off' | 'ready' | 'unavailable';
}

export interface LivenessGuidanceDetail {
  /** The hint now shown ('ok' when every check passes). */
  code: GuidanceCode;
  /** Every check failing on the latest frame, most important first. */
  failing: ReasonCode[];
  /** Measured values behind the verdict (faceWidthRatio, centerOffset, yaw, roll, faceLuma, sharpness, …). */
  metrics: Record<string, number>;
  /** The localised text shown to the person. */
  message: string;
}

export interface LivenessCaptureDetail {
  /**
   * The form of `media`, as the backend will judge it: `image`, `shotset` (a ZIP) or `video` (a recording). In
   * `video` mode a ZIP of frames (`video-format="shotset"`, a browser that cannot record, or a manual capture)
   * is a `shotset`.
   */
  mode: CaptureMode;
  /** The packaged media: image/jpeg, application/zip (shotset) or video/mp4|webm. */
  media: Blob;
  fileName: string;
  /** A JPEG still of the face (the media itself in image mode). */
  selfie: Blob;
  report: CaptureReport;
}

export interface LivenessSubmittedDetail {
  checkId: string;
  sessionId: string;
}

export interface LivenessCompleteDetail {
  checkId: string;
  sessionId: string;
  /** 'done' when the backend has a final result; the verdict itself is read server side. */
  status: 'done' | 'failed';
  /** Present only when the backend is configured to expose results to the browser. */
  result?: unknown;
}

export interface LivenessErrorDetail {
  code: LivenessErrorCode;
  message: string;
  recoverable: boolean;
}

export interface LivenessHandoffDetail {
  /** The link the QR code holds: open it on the phone. Single use. */
  url: string;
  /** When the link stops working (ISO 8601); the element then offers a new one. */
  expiresAt: string;
}

export interface LivenessCameraChangeDetail {
  deviceId: string;
  label: string;
}

export interface LivenessEventMap {
  'liveness-ready': CustomEvent<LivenessReadyDetail>;
  'liveness-guidance': CustomEvent<LivenessGuidanceDetail>;
  'liveness-capture': CustomEvent<LivenessCaptureDetail>;
  'liveness-submitted': CustomEvent<LivenessSubmittedDetail>;
  'liveness-complete': CustomEvent<LivenessCompleteDetail>;
  'liveness-error': CustomEvent<LivenessErrorDetail>;
  'liveness-camera-change': CustomEvent<LivenessCameraChangeDetail>;
  'liveness-handoff': CustomEvent<LivenessHandoffDetail>;
}

export type LivenessEventName = keyof LivenessEventMap;

// A record keyed by every event name, so adding an event to the map without listing it here fails to compile.
const EVENT_NAMES: Record<LivenessEventName, true> = {
  'liveness-ready': true,
  'liveness-guidance': true,
  'liveness-capture': true,
  'liveness-submitted': true,
  'liveness-complete': true,
  'liveness-error': true,
  'liveness-camera-change': true,
  'liveness-handoff': true,
};

/** Every event the element dispatches, e.g. to log or forward them all. */
export const LIVENESS_EVENT_NAMES = Object.keys(EVENT_NAMES) as readonly LivenessEventName[];
export type LivenessEventDetail<K extends LivenessEventName> =
  LivenessEventMap[K] extends CustomEvent<infer D> ? D : never;

/** Dispatches one of our events with the options every one of them shares. */
export function emit<K extends LivenessEventName>(
  target: EventTarget,
  name: K,
  detail: LivenessEventDetail<K>,
): boolean {
  return target.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
}

declare global {
  // Merged so listeners on any element or the document get typed details.
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging needs an interface, and its members are LivenessEventMap's
  interface GlobalEventHandlersEventMap extends LivenessEventMap {}
}
