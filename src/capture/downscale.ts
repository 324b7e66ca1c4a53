/**
 * Frames go to the detector downscaled: BlazeFace looks at 128×128 pixels and the frame statistics at
 * `FRAME_STATS_WIDTH` columns and a `FACE_CROP_SIZE` face crop, so copying and drawing a full camera frame in the
 * worker is wasted work. The full-resolution frame stays on the main thread for the capture.
 *
 * The scale keeps the face at least `FACE_CROP_SIZE` pixels wide whenever the camera gives that many, because the
 * sharpness measure (a Laplacian variance) depends on the crop's scale: a face drawn up from fewer pixels would read
 * blurrier than it is. Coordinates come back in full-frame pixels, so the gates see no difference.
 */
import type { FaceDetection } from '../quality/types.js';
import { FACE_CROP_SIZE, FRAME_STATS_WIDTH } from './frame-stats.js';

/** The analysed frame is never narrower than this: detection of a small, far face needs the pixels. */
export const MIN_ANALYSIS_WIDTH = 320;
/** Below this ratio a downscale is not worth the extra copy. */
const MAX_USEFUL_SCALE = 0.85;

/**
 * Pure: the factor (≤ 1) to scale a `frameWidth`-wide frame by for analysis, given the width of the face found in
 * the previous frame (in full-frame pixels), or null when there was none.
 */
export function analysisScale(frameWidth: number, lastFaceWidth: number | null): number {
  if (frameWidth <= MIN_ANALYSIS_WIDTH) return 1;
  const floor = Math.max(MIN_ANALYSIS_WIDTH, FRAME_STATS_WIDTH) / frameWidth;
  const forFace = lastFaceWidth && lastFaceWidth > 0 ? FACE_CROP_SIZE / lastFaceWidth : 0;
  const scale = Math.min(1, Math.max(floor, forFace));
  return scale > MAX_USEFUL_SCALE ? 1 : scale;
}

/** Pure: a detection made on the downscaled frame, in full-frame pixels. */
export function scaleFace(face: FaceDetection, scale: number): FaceDetection {
  if (scale === 1) return face;
  const up = 1 / scale;
  const { x, y, width, height } = face.box;
  return {
    score: face.score,
    box: { x: x * up, y: y * up, width: width * up, height: height * up },
    keypoints: face.keypoints.map((point) => ({ x: point.x * up, y: point.y * up })),
  };
}

/**
 * A copy of the video's current frame scaled by `scale` for the detector, or null when no scaling is needed (the
 * full-resolution copy then goes to the detector).
 */
export async function analysisCopy(video: HTMLVideoElement, scale: number): Promise<ImageBitmap | null> {
  if (scale >= 1) return null;
  return createImageBitmap(video, {
    resizeWidth: Math.max(1, Math.round(video.videoWidth * scale)),
    resizeHeight: Math.max(1, Math.round(video.videoHeight * scale)),
    resizeQuality: 'medium',
  });
}
