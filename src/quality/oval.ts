/**
 * The guide oval the person puts their face into. The element draws exactly this oval over the (mirrored)
 * preview, and the gates measure distance and centring against it, so both must come from here.
 */
import type { Oval } from './types.js';

/**
 * Vertical radius as a share of the frame's shorter side: the oval is 2 × 0.3 = 60% of it tall. A head filling
 * that oval is a face at a comfortable webcam distance; a larger oval makes people lean in until the lens
 * distorts their face.
 */
export const OVAL_RADIUS_Y_RATIO = 0.3;
/** Horizontal radius ÷ vertical radius: a portrait, head-shaped oval. */
export const OVAL_ASPECT_RATIO = 0.75;

/**
 * The oval for a frame of this size, centred. Sizing from the shorter side keeps it inside landscape (16:9, 4:3)
 * and portrait frames alike: ry = 0.30·min(w, h), rx = 0.75·ry.
 * @throws {RangeError} when width or height is not a positive finite number.
 */
export function ovalForFrame(width: number, height: number): Oval {
  if (!(Number.isFinite(width) && width > 0 && Number.isFinite(height) && height > 0)) {
    throw new RangeError(`Frame size must be positive, got ${width}×${height}`);
  }
  const ry = OVAL_RADIUS_Y_RATIO * Math.min(width, height);
  return { cx: width / 2, cy: height / 2, rx: OVAL_ASPECT_RATIO * ry, ry };
}
