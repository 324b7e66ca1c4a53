/**
 * Luminance and sharpness of one frame, measured on small RGBA copies the detector worker draws: the whole frame
 * scaled to `FRAME_STATS_WIDTH` pixels wide, and the face box scaled to `FACE_CROP_SIZE` square. Pure, so it runs
 * in the worker, on the main thread and in Node tests. The sharpness measure is the backend's too (shared/sharpness.ts).
 */
import type { FrameStats } from '../quality/types.js';
import { laplacianVariance, lumaPlane as sharedLumaPlane } from '../shared/sharpness.js';

/** Width the worker scales the whole frame to (height keeps the aspect ratio). Luma means need no more. */
export const FRAME_STATS_WIDTH = 160;
/**
 * Side of the square the face box is drawn into for the sharpness measure. Laplacian variance depends on scale,
 * so the `minSharpness` threshold is only meaningful for crops of this size.
 */
export const FACE_CROP_SIZE = 96;
/** Luma at or above which a pixel counts as clipped (blown-out highlight). */
export const CLIPPED_LUMA = 250;

export interface RgbaImage {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

export interface StatsBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * @param frame RGBA of the whole frame, scaled down (e.g. `FRAME_STATS_WIDTH` wide).
 * @param face the face box in the same scaled pixel space, or null when there is no face. A pixel belongs to the
 *   face when its centre lies inside the box; the rest of the frame is the background.
 * @param faceCrop RGBA of the face box drawn at `FACE_CROP_SIZE`×`FACE_CROP_SIZE`, or null (no sharpness then).
 * @throws {RangeError} when an image's data length is not width × height × 4.
 */
export function computeFrameStats(
  frame: RgbaImage,
  face: { box: StatsBox } | null,
  faceCrop: RgbaImage | null,
): FrameStats {
  const frameLuma = lumaPlane(frame, 'frame');
  const region = face ? pixelRange(face.box, frame.width, frame.height) : null;

  let faceSum = 0;
  let faceCount = 0;
  let clippedCount = 0;
  let backgroundSum = 0;
  for (let y = 0; y < frame.height; y++) {
    const rowInFace = region !== null && y >= region.y0 && y < region.y1;
    for (let x = 0; x < frame.width; x++) {
      const luma = frameLuma[y * frame.width + x] ?? 0;
      if (rowInFace && x >= region.x0 && x < region.x1) {
        faceSum += luma;
        faceCount++;
        if (luma >= CLIPPED_LUMA) clippedCount++;
      } else {
        backgroundSum += luma;
      }
    }
  }
  const backgroundCount = frame.width * frame.height - faceCount;
  const faceLuma = faceCount > 0 ? faceSum / faceCount : null;
  // With the face filling the whole frame there is no background to compare with; using the face's own luma
  // makes the backlight ratio 1 (neutral) rather than undefined.
  const backgroundLuma = backgroundCount > 0 ? backgroundSum / backgroundCount : (faceLuma ?? 0);

  return {
    faceLuma,
    backgroundLuma,
    faceClipped: faceCount > 0 ? clippedCount / faceCount : null,
    faceSharpness:
      face && faceCrop ? laplacianVariance(lumaPlane(faceCrop, 'faceCrop'), faceCrop.width, faceCrop.height) : null,
  };
}

/** Rec.601 luma of each pixel, 0..255. Alpha is ignored: canvas frames are opaque. */
export function lumaPlane(image: RgbaImage, name = 'image'): Float32Array {
  const { data, width, height } = image;
  if (
    !Number.isInteger(width) ||
    !Number.isInteger(height) ||
    width < 0 ||
    height < 0 ||
    data.length !== width * height * 4
  ) {
    throw new RangeError(`${name} must hold width × height × 4 bytes (${width}×${height}), got ${data.length}`);
  }
  return sharedLumaPlane(data, width, height, 4);
}

export { laplacianVariance };

/** Pixel index ranges [x0, x1) × [y0, y1) whose centres lie inside the box, clamped to the image. */
function pixelRange(box: StatsBox, width: number, height: number) {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  return {
    x0: clamp(Math.ceil(box.x - 0.5), width),
    x1: clamp(Math.ceil(box.x + box.width - 0.5), width),
    y0: clamp(Math.ceil(box.y - 0.5), height),
    y1: clamp(Math.ceil(box.y + box.height - 0.5), height),
  };
}
