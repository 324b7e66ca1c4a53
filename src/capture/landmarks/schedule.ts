/**
 * When the face landmarker runs: on frames that already passed the detector-level checks (one confident face,
 * big enough to measure), and at most about ten times a second, so it never takes over the frame budget. Pure.
 */
import { confidentFaces } from '../../quality/face-selection.js';
import type { FaceDetection } from '../../quality/types.js';

/** At most about ten landmark runs a second. */
export const LANDMARK_MIN_INTERVAL_MS = 100;
/** Faces narrower than this (frame pixels) leave too few pixels per eye to judge covers. */
export const LANDMARK_MIN_FACE_PX = 48;

export interface LandmarkGate {
  /** The gates' floor for counting a detection as a face (`minDetectionScore`). */
  minFaceScore: number;
  /** The gates' `minConfidence`: a face scoring less would fail `low-confidence` anyway. */
  minConfidence: number;
}

/** The face the landmarker may measure on this frame, or null when the frame fails a detector-level check. */
export function landmarkFace(faces: readonly FaceDetection[], gate: LandmarkGate): FaceDetection | null {
  const counted = confidentFaces(faces, gate.minFaceScore);
  if (counted.length !== 1) return null;
  const face = counted[0]!;
  return face.score >= gate.minConfidence && face.box.width >= LANDMARK_MIN_FACE_PX ? face : null;
}

/** Whether enough time has passed since the last run (`null`: none yet); a clock that went back starts over. */
export function landmarksDue(lastRunAt: number | null, now: number, minIntervalMs = LANDMARK_MIN_INTERVAL_MS): boolean {
  return lastRunAt === null || now < lastRunAt || now - lastRunAt >= minIntervalMs;
}
