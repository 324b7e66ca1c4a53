/**
 * Which detection is "the face". The detector worker measures frame statistics on the same face the gates judge,
 * so both call this.
 */
import type { FaceDetection } from './types.js';

/** Detections at or above the floor; fainter ones are treated as false detections and ignored. */
export function confidentFaces(faces: readonly FaceDetection[], minDetectionScore: number): FaceDetection[] {
  return faces.filter((face) => face.score >= minDetectionScore);
}

/** The largest (by box area) detection scoring at least `minDetectionScore`, or null. Ties keep the first. */
export function selectFace(faces: readonly FaceDetection[], minDetectionScore: number): FaceDetection | null {
  let best: FaceDetection | null = null;
  for (const face of confidentFaces(faces, minDetectionScore)) {
    if (!best || face.box.width * face.box.height > best.box.width * best.box.height) best = face;
  }
  return best;
}
