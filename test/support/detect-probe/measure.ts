/**
 * @module
 * Pure side of the detect probe: validates what the page reports, condenses the samples of one clip into a
 * measurement, and checks that the detector saw what the scenario intends (relative to the `good` clip).
 */
import { z } from 'zod';
import { KEYPOINT, type Point } from '../../../src/quality/types.js';

const pointSchema = z.object({ x: z.number(), y: z.number() });
const faceSchema = z.object({
  score: z.number(),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }),
  keypoints: z.array(pointSchema),
});
const sampleSchema = z.object({
  frame: z.object({ width: z.number(), height: z.number() }),
  mediaTime: z.number(),
  faces: z.array(faceSchema),
  stats: z.object({
    frameLuma: z.number(),
    faceLuma: z.number().nullable(),
    backgroundLuma: z.number(),
    faceClipped: z.number().nullable(),
    faceSharpness: z.number().nullable(),
  }),
});
export const probeResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), samples: z.array(sampleSchema).min(1) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export type ProbeSample = z.infer<typeof sampleSchema>;
export type ProbeFace = z.infer<typeof faceSchema>;

export interface Measurement {
  samples: number;
  /** Fewest and most faces over the samples. */
  facesMin: number;
  facesMax: number;
  /** Scores of every face in the first sample that had most faces, highest first. */
  scores: number[];
  /** Median over samples of the largest face's values; null when no sample had a face. */
  box: { x: number; y: number; width: number; height: number } | null;
  keypoints: Point[] | null;
  /** Box centre minus frame centre, pixels. */
  centerOffset: { dx: number; dy: number } | null;
  /** Eye-line angle in degrees; positive when the image-right eye is lower (picture turned clockwise). */
  rollDegrees: number | null;
  /** Nose position between the ears, 0 = on the image-left ear, 1 = on the image-right ear; ≈ 0.5 frontal. */
  noseBetweenEars: number | null;
  faceLuma: number | null;
  backgroundLuma: number;
  frameLuma: number;
  faceClipped: number | null;
  faceSharpness: number | null;
  /** Largest move of the face box centre between consecutive samples, pixels (0 with fewer than two faces). */
  maxCenterJump: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function medianOrNull(values: readonly (number | null)[]): number | null {
  const present = values.filter((value): value is number => value !== null);
  return present.length > 0 ? median(present) : null;
}

function largestFace(sample: ProbeSample): ProbeFace | null {
  return sample.faces.reduce<ProbeFace | null>(
    (best, face) => (!best || face.box.width > best.box.width ? face : best),
    null,
  );
}

function boxCenter(face: ProbeFace): Point {
  return { x: face.box.x + face.box.width / 2, y: face.box.y + face.box.height / 2 };
}

function roll(keypoints: readonly Point[]): number | null {
  const right = keypoints[KEYPOINT.rightEye];
  const left = keypoints[KEYPOINT.leftEye];
  if (!right || !left) return null;
  // BlazeFace's "right eye" is the subject's right, i.e. the one on the image left.
  return (Math.atan2(left.y - right.y, left.x - right.x) * 180) / Math.PI;
}

function noseBetweenEars(keypoints: readonly Point[]): number | null {
  const nose = keypoints[KEYPOINT.noseTip];
  const rightEar = keypoints[KEYPOINT.rightEar];
  const leftEar = keypoints[KEYPOINT.leftEar];
  if (!nose || !rightEar || !leftEar || leftEar.x === rightEar.x) return null;
  return (nose.x - rightEar.x) / (leftEar.x - rightEar.x);
}

export function summarize(samples: readonly ProbeSample[]): Measurement {
  const first = samples[0];
  if (!first) throw new RangeError('no samples to summarize');
  const counts = samples.map((sample) => sample.faces.length);
  const largest = samples.map(largestFace).filter((face): face is ProbeFace => face !== null);
  const busiest = samples.reduce((best, sample) => (sample.faces.length > best.faces.length ? sample : best), first);
  const medianOf = (pick: (face: ProbeFace) => number): number => median(largest.map(pick));
  const keypointCount = Math.min(...largest.map((face) => face.keypoints.length));
  const keypoints =
    largest.length > 0 && keypointCount > 0
      ? Array.from({ length: keypointCount }, (_, k) => ({
          x: medianOf((face) => face.keypoints[k]!.x),
          y: medianOf((face) => face.keypoints[k]!.y),
        }))
      : null;
  const box =
    largest.length > 0
      ? {
          x: medianOf((face) => face.box.x),
          y: medianOf((face) => face.box.y),
          width: medianOf((face) => face.box.width),
          height: medianOf((face) => face.box.height),
        }
      : null;
  let maxCenterJump = 0;
  for (let i = 1; i < largest.length; i++) {
    const a = boxCenter(largest[i - 1]!);
    const b = boxCenter(largest[i]!);
    maxCenterJump = Math.max(maxCenterJump, Math.hypot(b.x - a.x, b.y - a.y));
  }
  return {
    samples: samples.length,
    facesMin: Math.min(...counts),
    facesMax: Math.max(...counts),
    scores: busiest.faces.map((face) => face.score).sort((a, b) => b - a),
    box,
    keypoints,
    centerOffset: box
      ? { dx: box.x + box.width / 2 - first.frame.width / 2, dy: box.y + box.height / 2 - first.frame.height / 2 }
      : null,
    rollDegrees: keypoints ? roll(keypoints) : null,
    noseBetweenEars: keypoints ? noseBetweenEars(keypoints) : null,
    faceLuma: medianOrNull(samples.map((sample) => sample.stats.faceLuma)),
    backgroundLuma: median(samples.map((sample) => sample.stats.backgroundLuma)),
    frameLuma: median(samples.map((sample) => sample.stats.frameLuma)),
    faceClipped: medianOrNull(samples.map((sample) => sample.stats.faceClipped)),
    faceSharpness: medianOrNull(samples.map((sample) => sample.stats.faceSharpness)),
    maxCenterJump,
  };
}

export interface IntentCheck {
  pass: boolean;
  /** What was required, in words, for the report. */
  requirement: string;
}

const oneFace = (m: Measurement): boolean => m.facesMin === 1 && m.facesMax === 1;

/**
 * Did the detector see what the scenario is meant to show? These are sanity margins for the fixtures, chosen
 * relative to the `good` clip; they are not the product's quality thresholds.
 */
export function checkIntent(name: string, m: Measurement, good: Measurement | undefined): IntentCheck {
  const top = m.scores[0] ?? 0;
  if (name === 'good') return { pass: oneFace(m) && top >= 0.8, requirement: 'exactly one face, score ≥ 0.8' };
  if (name === 'no-face') return { pass: m.facesMax === 0, requirement: 'no face in any sample' };
  if (name === 'low-confidence') {
    return { pass: m.facesMax === 0 || top < 0.7, requirement: 'no face, or best score < 0.7' };
  }
  if (name === 'multiple-faces') return { pass: m.facesMin === 2 && m.facesMax === 2, requirement: 'two faces' };
  if (!good?.box || !good.keypoints) return { pass: false, requirement: 'needs the good clip measured first' };
  const goodBox = good.box;
  const relative = (requirement: string, holds: (face: NonNullable<Measurement['box']>) => boolean): IntentCheck => ({
    pass: oneFace(m) && m.box !== null && holds(m.box),
    requirement: `one face, ${requirement}`,
  });
  switch (name) {
    case 'too-far':
      return relative('box width < 0.7 × good', (box) => box.width < 0.7 * goodBox.width);
    case 'too-close':
      return relative('box width > 1.5 × good', (box) => box.width > 1.5 * goodBox.width);
    case 'off-center':
      return relative('centre ≥ 0.25 × frame height from the frame centre', () => {
        const offset = m.centerOffset;
        return offset !== null && Math.hypot(offset.dx, offset.dy) >= 0.25 * 480;
      });
    case 'turned':
      return relative('nose-between-ears ≥ 0.12 further from 0.5 than good', () => {
        const ratio = m.noseBetweenEars;
        const goodRatio = good.noseBetweenEars ?? 0.5;
        return ratio !== null && Math.abs(ratio - 0.5) >= Math.abs(goodRatio - 0.5) + 0.12;
      });
    case 'tilted':
      return relative('|roll| ≥ 15°', () => m.rollDegrees !== null && Math.abs(m.rollDegrees) >= 15);
    case 'too-dark':
      return relative('face luma < 0.5 × good', () => (m.faceLuma ?? 255) < 0.5 * (good.faceLuma ?? 0));
    case 'too-bright':
      return relative('clipped face share ≥ good + 0.15', () => {
        return (m.faceClipped ?? 0) >= (good.faceClipped ?? 1) + 0.15;
      });
    case 'backlit':
      return relative('background − face luma ≥ good’s + 80', () => {
        const contrast = m.backgroundLuma - (m.faceLuma ?? 255);
        return contrast >= good.backgroundLuma - (good.faceLuma ?? 0) + 80;
      });
    case 'blurry':
      return relative('face sharpness < 0.3 × good', () => {
        return (m.faceSharpness ?? Infinity) < 0.3 * (good.faceSharpness ?? 0);
      });
    case 'moving':
      return relative('box centre jumps ≥ 15 px between samples', () => m.maxCenterJump >= 15);
    // The face-landmark scenarios change the eyes or the mouth only: BlazeFace must still see the good portrait,
    // so that nothing but the landmark check can fail.
    case 'eyes-closed':
    case 'eyes-covered':
    case 'mouth-covered':
    case 'clear-glasses':
    case 'blinking':
      return relative('score ≥ 0.8, box width within 10 % of good', (box) => {
        return top >= 0.8 && Math.abs(box.width - goodBox.width) <= 0.1 * goodBox.width;
      });
    default:
      return { pass: false, requirement: `no intent defined for ${name}` };
  }
}
