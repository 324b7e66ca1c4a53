/**
 * When the face landmarker runs: on frames that already passed the detector-level checks (one confident face,
 * big enough to measure), and at most about ten times a second, so it never takes over the frame budget. Pure.
 */
import { confidentFaces } from '../../quality/face-selection.js';
import type { FaceDetection } from '../../quality/types.js';

/** At most about ten landmark runs a second. */
export const LANDMARK_MIN_INTERVAL_MS = 100;
/**
 * …and never closer together than this many times its last run's cost, so on a slow device it takes at most about
 * a quarter of the worker's time and BlazeFace keeps its frame rate (21 ms a run on 2 cores stays at ten a second).
 */
export const LANDMARK_COST_FACTOR = 4;
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

/**
 * Whether enough time has passed since the last run (`null`: none yet): `LANDMARK_MIN_INTERVAL_MS`, or
 * `LANDMARK_COST_FACTOR` × the last run's cost when that is longer. A clock that went back starts over.
 */
export function landmarksDue(lastRunAt: number | null, now: number, lastCostMs = 0): boolean {
  const interval = Math.max(LANDMARK_MIN_INTERVAL_MS, LANDMARK_COST_FACTOR * lastCostMs);
  return lastRunAt === null || now < lastRunAt || now - lastRunAt >= interval;
}
