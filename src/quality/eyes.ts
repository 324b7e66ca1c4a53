/**
 * Open or closed eyes from the 478-point face mesh: the eye aspect ratio (Soukupová & Čech, 2016) of each eye,
 * and how long the eyes have been closed, so a blink does not count as closed eyes. Pure.
 */
import type { Point } from './types.js';

/**
 * Mesh indices of the six eye-contour points per eye, in the ratio's order p1…p6: the two corners (p1, p4) and
 * two pairs of points on the upper (p2, p3) and lower (p6, p5) lid.
 */
export const EYE_POINTS = {
  /** The eye on the image's left (the person's right eye on an unmirrored frame). */
  left: [33, 160, 158, 133, 153, 144],
  right: [362, 385, 387, 263, 373, 380],
} as const;

function distance(a: Point, b: Point): number {
  return Math.hypot(a.x - b.x, a.y - b.y);
}

/**
 * (|p2 − p6| + |p3 − p5|) ÷ (2 · |p1 − p4|): about 0.3 for an open eye, under 0.1 for a closed one, whatever
 * the face's size. 0 when the corners coincide (a degenerate mesh).
 */
export function eyeAspectRatio(mesh: readonly Point[], indices: readonly number[]): number {
  const [p1, p2, p3, p4, p5, p6] = indices.map((index) => mesh[index]);
  if (!p1 || !p2 || !p3 || !p4 || !p5 || !p6) throw new RangeError(`the mesh has no point ${Math.max(...indices)}`);
  const width = distance(p1, p4);
  return width > 0 ? (distance(p2, p6) + distance(p3, p5)) / (2 * width) : 0;
}

/** One landmark measurement of how open the eyes were: the larger of the two ratios, at its frame's time. */
export interface EyeSample {
  timestamp: number;
  eyeAspectRatio: number;
}

/**
 * How long the eyes have been closed up to `now`: from the oldest sample of the unbroken run of closed samples
 * that ends with the newest one, or 0 when the newest sample has open eyes (or there is none).
 * @param samples oldest first.
 */
export function closedSpanMs(samples: readonly EyeSample[], minEyeAspectRatio: number, now: number): number {
  let closedSince: number | null = null;
  for (let index = samples.length - 1; index >= 0; index--) {
    const sample = samples[index]!;
    if (sample.eyeAspectRatio >= minEyeAspectRatio) break;
    closedSince = sample.timestamp;
  }
  return closedSince === null ? 0 : Math.max(0, now - closedSince);
}
