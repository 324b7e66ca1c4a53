import type { MessageKey } from '../i18n/index.js';

/** Where a check is: the element's `phase` property. */
export const LIVENESS_PHASES = [
  'intro',
  'starting',
  'guiding',
  'capturing',
  'uploading',
  'processing',
  'done',
  'error',
  'handoff',
] as const;

export type LivenessPhase = (typeof LIVENESS_PHASES)[number];

/** What a phase announces when it is entered (guiding announces its hints instead, an error its message). */
export const ENTRY_STATUS: Partial<Record<LivenessPhase, MessageKey>> = {
  starting: 'status.starting',
  capturing: 'status.capturing',
  uploading: 'status.uploading',
  processing: 'status.processing',
  done: 'status.done',
};

/** What happened; `transition()` decides whether it moves the element and where to. */
export type PhaseEvent =
  /** start() or retake(): a new attempt, from anywhere (it tears down the current one first). */
  | 'start'
  /** The camera plays in the preview. */
  | 'preview'
  /** A frame was taken (automatically or by the person). */
  | 'capture'
  /** The capture is packaged and there is no endpoint to send it to: the widget's work is done. */
  | 'captured'
  /** The capture is being sent; also a retry that re-sends a failed upload. */
  | 'upload'
  /** The backend accepted the upload and the verdict is awaited; also a retry that resumes the wait. */
  | 'wait'
  /** The backend finished the check (this device's, or the phone's after a handoff). */
  | 'complete'
  /** The QR code and link to continue on a phone are shown. */
  | 'handoff'
  /** Something failed: the error screen. */
  | 'fail'
  /** stop(): back to the start screen. */
  | 'stop'
  /** The element left the page: the camera and any request are gone, so it offers to start again. */
  | 'detach';

/** The phases each event may leave from; any other phase refuses it. */
const FROM: Record<PhaseEvent, readonly LivenessPhase[] | 'any'> = {
  start: 'any',
  preview: ['starting'],
  capture: ['guiding'],
  captured: ['capturing'],
  upload: ['capturing', 'error'],
  wait: ['uploading', 'error'],
  complete: ['processing', 'handoff'],
  handoff: 'any',
  fail: 'any',
  stop: 'any',
  // An outcome (done, error) stays on screen: the person may still need to read it.
  detach: ['intro', 'starting', 'guiding', 'capturing', 'uploading', 'processing', 'handoff'],
};

const TO: Record<PhaseEvent, LivenessPhase> = {
  start: 'starting',
  preview: 'guiding',
  capture: 'capturing',
  captured: 'done',
  upload: 'uploading',
  wait: 'processing',
  complete: 'done',
  handoff: 'handoff',
  fail: 'error',
  stop: 'intro',
  detach: 'intro',
};

/**
 * The one place that decides phase changes. Returns the next phase, or null when the event is refused in this
 * phase (a late result of work that was superseded, say): the element then stays where it is.
 */
export function transition(phase: LivenessPhase, event: PhaseEvent): LivenessPhase | null {
  const from = FROM[event];
  if (from !== 'any' && !from.includes(phase)) return null;
  return TO[event];
}
