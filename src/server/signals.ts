/**
 * Turns the widget's `report.signals` into the `signals` of the session result, and decides whether they reject
 * the check. Pure: no IO, no clock. The backend re-derives every code from the raw measurements rather than
 * trusting a conclusion from the browser; a report from an older widget has no signals and yields none.
 */
import type { CaptureReport } from '../shared/media.js';
import { matchVirtualCamera, type CaptureSignals, type SignalReason } from '../shared/signals.js';
import type { Verdict } from './policy.js';

export interface SessionSignals {
  /** The camera label matches a known virtual camera (VIRTUAL_CAMERAS in src/shared/signals.ts). */
  virtualCamera: boolean;
  /** Null when the widget sent no signals (an older widget) or no camera was described. */
  cameraLabel: string | null;
  frameTimingJitterMs: number | null;
  reasons: SignalReason[];
}

/** Below this many frame intervals the jitter says nothing. */
export const MIN_TIMING_SAMPLES = 20;
/**
 * A webcam's frame intervals vary by a millisecond or more (sensor clock, USB scheduling, the OS's timestamps);
 * a file or a synthetic source paced by a timer varies far less.
 */
export const REGULAR_TIMING_MAX_JITTER_MS = 0.25;
/** No webcam delivers more than this; a software source often advertises any rate asked of it. */
const MAX_PLAUSIBLE_FRAME_RATE = 480;
/** 8K: beyond it a "camera" is a software source. */
const MAX_PLAUSIBLE_DIMENSION = 7680;

export function evaluateSignals(signals: CaptureSignals | undefined): SessionSignals {
  if (!signals) return { virtualCamera: false, cameraLabel: null, frameTimingJitterMs: null, reasons: [] };
  const reasons: SignalReason[] = [];
  const { camera, frameTiming } = signals;
  const virtualCamera = camera !== null && matchVirtualCamera(camera.label) !== null;
  if (virtualCamera) reasons.push('virtual-camera');
  if (camera) {
    if (!camera.label.trim()) reasons.push('camera-label-missing');
    if (!camera.hasDeviceId) reasons.push('not-a-capture-device');
    if (
      camera.maxFrameRate > MAX_PLAUSIBLE_FRAME_RATE ||
      camera.maxWidth > MAX_PLAUSIBLE_DIMENSION ||
      camera.maxHeight > MAX_PLAUSIBLE_DIMENSION ||
      (camera.frameRate > 0 && camera.maxFrameRate > 0 && camera.frameRate > camera.maxFrameRate)
    ) {
      reasons.push('unusual-track-capabilities');
    }
  }
  if (frameTiming && frameTiming.samples >= MIN_TIMING_SAMPLES && frameTiming.jitterMs < REGULAR_TIMING_MAX_JITTER_MS) {
    reasons.push('regular-frame-timing');
  }
  if (signals.deviceChanges > 0) reasons.push('device-change');
  if (signals.hiddenCount > 0) reasons.push('page-hidden');
  return {
    virtualCamera,
    cameraLabel: camera ? camera.label : null,
    frameTimingJitterMs: frameTiming ? frameTiming.jitterMs : null,
    reasons,
  };
}

export interface SignalPolicy {
  /** LIVENESS_REJECT_VIRTUAL_CAMERA: a virtual camera makes the check spoof without asking any provider. */
  rejectVirtualCamera: boolean;
}

/** The verdict the signals impose under `policy`, or null when the providers decide. */
export function signalVerdict(report: CaptureReport, policy: SignalPolicy): Verdict | null {
  if (policy.rejectVirtualCamera && evaluateSignals(report.signals).virtualCamera) {
    return { status: 'done', decision: 'spoof', reason: 'virtual-camera' };
  }
  return null;
}
