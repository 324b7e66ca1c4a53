/**
 * Is something over the eyes or the mouth? Compares pixels inside regions the face mesh bounds: the eyes against
 * the cheeks (dark glasses make them dark, a hand or hair makes them as flat as skin), and the mouth and chin
 * against the skin between the brows and on the forehead (a mask or scarf has another colour). Pure, on an RGBA
 * face crop with the mesh in the crop's pixels.
 */
import type { RgbaImage } from '../capture/frame-stats.js';
import { EYE_POINTS } from './eyes.js';
import type { FaceLandmarkMeasures, Point } from './types.js';

/** Mesh points the regions hang on. */
export const COVER_POINTS = {
  leftCheek: 50,
  rightCheek: 280,
  /** Between the brows, and the middle of the forehead: skin no mask reaches. */
  glabella: 9,
  forehead: 151,
  mouthLeft: 61,
  mouthRight: 291,
  /** Just under the nose, and the chin. */
  subnasal: 2,
  chin: 152,
} as const;

/** Side of a skin patch, as a share of the eye's width (corner to corner). */
const PATCH_SHARE_OF_EYE = 0.5;
/** An eye region is at least this tall (share of its width), so a closed or squinting eye still has pixels. */
const MIN_EYE_REGION_ASPECT = 0.35;
/** The mouth region reaches this share of the mouth's width beyond each corner. */
const MOUTH_REGION_SIDE_MARGIN = 0.15;
/** The mouth region stops this share of the nose-to-chin span above the chin (the jaw's edge is background). */
const MOUTH_REGION_CHIN_MARGIN = 0.15;
/**
 * A pixel of the mouth region looks like the reference skin when its chroma is within this distance (Cb/Cr, 0..255)
 * and its luma within `SKIN_LUMA_TOLERANCE` of the reference's. Lips and the shadow under the nose still count:
 * they keep the skin's hue; a mask or scarf does not.
 */
const SKIN_CHROMA_TOLERANCE = 14;
const SKIN_LUMA_TOLERANCE = 0.45;

export type FaceCoverMeasures = Pick<FaceLandmarkMeasures, 'eyeLumaRatio' | 'eyeContrast' | 'mouthSkinShare'>;

interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

interface RegionColour {
  count: number;
  luma: number;
  lumaStd: number;
  cb: number;
  cr: number;
}

/** Cheeks this dark (mean luma) leave nothing to compare with: the region ratios are reported against 1. */
const MIN_REFERENCE_LUMA = 1;

/** @throws {RangeError} when the image's data length is not width × height × 4 or the mesh lacks a point. */
export function measureFaceCover(image: RgbaImage, mesh: readonly Point[]): FaceCoverMeasures {
  const { width, height, data } = image;
  if (data.length !== width * height * 4) {
    throw new RangeError(`image must hold width × height × 4 bytes (${width}×${height}), got ${data.length}`);
  }
  const at = (index: number): Point => {
    const point = mesh[index];
    if (!point) throw new RangeError(`the mesh has no point ${index}`);
    return point;
  };
  const eyes = [eyeRegion(EYE_POINTS.left.map(at)), eyeRegion(EYE_POINTS.right.map(at))];
  const eyeWidth = Math.max(...eyes.map((eye) => eye.x1 - eye.x0), 1);
  const patch = (point: Point) => square(point, eyeWidth * PATCH_SHARE_OF_EYE);

  const eyeColour = colourOf(image, eyes);
  const cheekColour = colourOf(image, [patch(at(COVER_POINTS.leftCheek)), patch(at(COVER_POINTS.rightCheek))]);
  const upperColour = colourOf(image, [patch(at(COVER_POINTS.glabella)), patch(at(COVER_POINTS.forehead))]);
  const cheekLuma = Math.max(cheekColour.luma, MIN_REFERENCE_LUMA);

  return {
    eyeLumaRatio: eyeColour.luma / cheekLuma,
    eyeContrast: eyeColour.lumaStd / cheekLuma,
    mouthSkinShare: skinShare(image, mouthRegion(at), upperColour),
  };
}

/** The bounding box of an eye's six contour points, made at least `MIN_EYE_REGION_ASPECT` tall. */
function eyeRegion(points: readonly Point[]): Rect {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const middle = (Math.min(...ys) + Math.max(...ys)) / 2;
  const half = Math.max((Math.max(...ys) - Math.min(...ys)) / 2, ((x1 - x0) * MIN_EYE_REGION_ASPECT) / 2);
  return { x0, x1, y0: middle - half, y1: middle + half };
}

function square(centre: Point, side: number): Rect {
  const half = Math.max(side, 2) / 2;
  return { x0: centre.x - half, x1: centre.x + half, y0: centre.y - half, y1: centre.y + half };
}

function mouthRegion(at: (index: number) => Point): Rect {
  const left = at(COVER_POINTS.mouthLeft);
  const right = at(COVER_POINTS.mouthRight);
  const top = at(COVER_POINTS.subnasal).y;
  const chin = at(COVER_POINTS.chin).y;
  const margin = Math.abs(right.x - left.x) * MOUTH_REGION_SIDE_MARGIN;
  return {
    x0: Math.min(left.x, right.x) - margin,
    x1: Math.max(left.x, right.x) + margin,
    y0: top,
    y1: chin - (chin - top) * MOUTH_REGION_CHIN_MARGIN,
  };
}

/** Visits every pixel whose centre lies inside `rect`, clamped to the image. */
function forEachPixel(image: RgbaImage, rect: Rect, visit: (offset: number) => void): void {
  const clamp = (value: number, max: number) => Math.min(max, Math.max(0, value));
  const x0 = clamp(Math.ceil(rect.x0 - 0.5), image.width);
  const x1 = clamp(Math.ceil(rect.x1 - 0.5), image.width);
  const y0 = clamp(Math.ceil(rect.y0 - 0.5), image.height);
  const y1 = clamp(Math.ceil(rect.y1 - 0.5), image.height);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) visit((y * image.width + x) * 4);
}

/** BT.601 luma and chroma (full range, 0..255) of the RGBA pixel at `offset`. */
function ycbcr(data: Uint8ClampedArray, offset: number): [number, number, number] {
  const r = data[offset] ?? 0;
  const g = data[offset + 1] ?? 0;
  const b = data[offset + 2] ?? 0;
  return [
    0.299 * r + 0.587 * g + 0.114 * b,
    128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
    128 + 0.5 * r - 0.418688 * g - 0.081312 * b,
  ];
}

function colourOf(image: RgbaImage, rects: readonly Rect[]): RegionColour {
  let count = 0;
  let luma = 0;
  let lumaSquares = 0;
  let cb = 0;
  let cr = 0;
  for (const rect of rects) {
    forEachPixel(image, rect, (offset) => {
      const [y, u, v] = ycbcr(image.data, offset);
      count++;
      luma += y;
      lumaSquares += y * y;
      cb += u;
      cr += v;
    });
  }
  if (count === 0) return { count, luma: 0, lumaStd: 0, cb: 128, cr: 128 };
  const mean = luma / count;
  return {
    count,
    luma: mean,
    lumaStd: Math.sqrt(Math.max(0, lumaSquares / count - mean * mean)),
    cb: cb / count,
    cr: cr / count,
  };
}

/** Share of the pixels of `rect` whose colour is close to `skin`; 0 when the region holds no pixel. */
function skinShare(image: RgbaImage, rect: Rect, skin: RegionColour): number {
  let count = 0;
  let matching = 0;
  const reference = Math.max(skin.luma, MIN_REFERENCE_LUMA);
  forEachPixel(image, rect, (offset) => {
    const [y, u, v] = ycbcr(image.data, offset);
    count++;
    const chroma = Math.hypot(u - skin.cb, v - skin.cr);
    if (chroma <= SKIN_CHROMA_TOLERANCE && Math.abs(y - reference) <= reference * SKIN_LUMA_TOLERANCE) matching++;
  });
  return count > 0 ? matching / count : 0;
}
