/**
 * How much the face moved over the recent past. A face only counts as still once we have watched it for the
 * whole window: with less history the check cannot pass, because we have not yet seen it hold still.
 */
import { selectFace } from './face-selection.js';
import { centerShift } from './geometry.js';
import type { FaceDetection, FrameObservation } from './types.js';

export interface Stillness {
  /** Largest distance of an earlier face centre from the current one, ÷ the current face width. */
  motion: number;
  /** Milliseconds of continuous face history the measurement covers. */
  spanMs: number;
  /** True when that history reaches back at least `windowMs`. */
  covered: boolean;
}

/**
 * Considers the current frame plus earlier frames back to (and including) the newest one taken at or before
 * `timestamp − windowMs`. A frame without a face breaks the history: the window has to fill again.
 * @param recent earlier frames, oldest first; frames not older than `current` are ignored.
 */
export function measureStillness(
  current: FrameObservation,
  face: FaceDetection,
  recent: readonly FrameObservation[],
  windowMs: number,
  minDetectionScore: number,
): Stillness {
  const windowStart = current.timestamp - windowMs;
  let motion = 0;
  let spanMs = 0;
  let covered = windowMs <= 0;
  // A degenerate zero-width box would divide by zero; one pixel keeps the ratio finite and large.
  const referenceWidth = Math.max(face.box.width, 1);
  for (let i = recent.length - 1; i >= 0 && !covered; i--) {
    const earlier = recent[i];
    if (!earlier || earlier.timestamp >= current.timestamp) continue;
    const earlierFace = selectFace(earlier.faces, minDetectionScore);
    if (!earlierFace) break;
    motion = Math.max(motion, centerShift(earlierFace.box, face.box, referenceWidth));
    spanMs = current.timestamp - earlier.timestamp;
    covered = earlier.timestamp <= windowStart;
  }
  return { motion, spanMs, covered };
}
