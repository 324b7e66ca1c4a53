/**
 * The numbers behind every quality check, their defaults, and validation of integrator overrides.
 * docs/quality-gates.md explains each one with its reason code and the hint a person sees.
 */

export interface QualityThresholds {
  /** Detections scoring below this are ignored entirely: not counted for `multiple-faces`, never "the face". */
  minDetectionScore: number;
  /** `low-confidence` below this detector score. */
  minConfidence: number;
  /** `too-far` below this face-box width ÷ oval width (2·rx). */
  minFaceWidthRatio: number;
  /** `too-close` above this face-box width ÷ oval width (2·rx). */
  maxFaceWidthRatio: number;
  /** `off-center` above this distance of the face-box centre from the oval centre, in units of the oval radii. */
  maxCenterOffset: number;
  /** `turned` above this |yaw ratio| (nose offset from the ear midpoint ÷ half the ear distance; ≈ 1.3·tan(yaw)). */
  maxYaw: number;
  /** `tilted` above this |angle| of the eye line, in degrees. */
  maxRollDegrees: number;
  /** `too-dark` below this mean face luma (0..255). */
  minFaceLuma: number;
  /** `too-bright` above this mean face luma (0..255). */
  maxFaceLuma: number;
  /** `too-bright` above this share (0..1) of face pixels with luma ≥ 250. */
  maxClippedShare: number;
  /** `backlit` below this face luma ÷ background luma. */
  minBacklitRatio: number;
  /** `blurry` below this variance of the Laplacian of the 96×96 face crop. */
  minSharpness: number;
  /** `moving` above this face-centre movement ÷ face width over the last `stillWindowMs`. */
  maxMotion: number;
  /** How much history (ms) the stillness check needs before it can pass. */
  stillWindowMs: number;
  /** `eyes-closed` when both eye aspect ratios (face mesh, about 0.3 open, under 0.1 shut) are below this. */
  minEyeAspectRatio: number;
  /** …and have been for at least this long (ms), so a blink never holds up the capture. */
  maxEyesClosedMs: number;
  /** `eyes-covered` below this mean luma of the eye regions ÷ the cheeks' (dark glasses, hair). */
  minEyeLumaRatio: number;
  /** `eyes-covered` below this luma standard deviation of open eyes ÷ cheek luma (a hand, a flat lens). */
  minEyeContrast: number;
  /** `mouth-covered` below this share (0..1) of the mouth-and-chin region that has the colour of the upper face. */
  minMouthSkinShare: number;
  /**
   * Hysteresis margin as a fraction of each threshold: a passing check fails only once its value is beyond the
   * threshold by this fraction of it, and a failing check recovers only once it is this far inside.
   */
  hysteresis: number;
}

export const DEFAULT_THRESHOLDS: Readonly<QualityThresholds> = Object.freeze({
  // Below this a detection is noise, not a face. Face-like objects (the cat fixture, a round coffee cup) score
  // 0.38–0.57, so a floor at 0.5 would make them flicker between no-face and low-confidence.
  minDetectionScore: 0.4,
  // BlazeFace scores real faces 0.8+, and non-faces such as the cat fixture 0.5–0.57.
  minConfidence: 0.7,
  // BlazeFace boxes the face from brows to chin, not the whole head: a head filling the oval gives a box about
  // 0.7 of the oval's width (the good fixture: 155 px in a 216 px oval at 640×480, 0.72), a head clearly
  // smaller than the oval about 0.5 (the too-far fixture: 103 px, 0.48).
  minFaceWidthRatio: 0.6,
  maxFaceWidthRatio: 1.0,
  maxCenterOffset: 0.25,
  // ≈ 15° for typical head proportions (nose tip ~1.3 half-ear-distances in front of the ear axis).
  maxYaw: 0.35,
  maxRollDegrees: 12,
  minFaceLuma: 70,
  maxFaceLuma: 210,
  maxClippedShare: 0.1,
  minBacklitRatio: 0.5,
  // Calibrated on a 96×96 crop of a studio portrait: sharp 150–700, Gaussian blur σ≈1.5 px 5–50, σ≈2 px 2–25.
  minSharpness: 15,
  maxMotion: 0.05,
  stillWindowMs: 500,
  // Measured on the fixture edits (test/fixtures/clips.md): open eyes 0.31–0.34, lids painted shut 0.08.
  minEyeAspectRatio: 0.2,
  // A blink closes the eyes for 100–300 ms.
  maxEyesClosedMs: 300,
  // Open eyes 0.60 (clear glasses 0.64), lids shut 0.95, sunglasses 0.15.
  minEyeLumaRatio: 0.35,
  // Open eyes 0.25 (clear glasses 0.23), sunglasses 0.02.
  minEyeContrast: 0.08,
  // Bare mouth and chin 0.95, a surgical mask 0.
  minMouthSkinShare: 0.5,
  hysteresis: 0.1,
});

type ThresholdName = keyof QualityThresholds;

/** Inclusive bounds per field; `null` means unbounded on that side. */
const RANGES: Record<ThresholdName, readonly [number | null, number | null]> = {
  minDetectionScore: [0, 1],
  minConfidence: [0, 1],
  minFaceWidthRatio: [0, null],
  maxFaceWidthRatio: [0, null],
  maxCenterOffset: [0, null],
  maxYaw: [0, null],
  maxRollDegrees: [0, 90],
  minFaceLuma: [0, 255],
  maxFaceLuma: [0, 255],
  maxClippedShare: [0, 1],
  minBacklitRatio: [0, null],
  minSharpness: [0, null],
  maxMotion: [0, null],
  stillWindowMs: [0, 10_000],
  minEyeAspectRatio: [0, 1],
  maxEyesClosedMs: [0, 10_000],
  minEyeLumaRatio: [0, null],
  minEyeContrast: [0, null],
  minMouthSkinShare: [0, 1],
  hysteresis: [0, 0.5],
};

/** Pairs whose first member must be strictly below the second, so some value can pass both checks. */
const ORDERED_PAIRS: readonly (readonly [ThresholdName, ThresholdName])[] = [
  ['minFaceWidthRatio', 'maxFaceWidthRatio'],
  ['minFaceLuma', 'maxFaceLuma'],
];

function isThresholdName(name: string): name is ThresholdName {
  return Object.hasOwn(RANGES, name);
}

/**
 * Merges overrides onto the defaults and validates the result.
 * @throws {RangeError} naming the offending field: unknown name, non-finite value, out of range, or min ≥ max.
 */
export function resolveThresholds(overrides?: Partial<QualityThresholds>): QualityThresholds {
  const resolved: QualityThresholds = { ...DEFAULT_THRESHOLDS };
  for (const [name, value] of Object.entries(overrides ?? {}) as [string, unknown][]) {
    if (!isThresholdName(name)) throw new RangeError(`Unknown quality threshold "${name}"`);
    // An explicit undefined means "not set" (e.g. an absent attribute), so the default stays.
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new RangeError(`Quality threshold "${name}" must be a finite number, got ${describeValue(value)}`);
    }
    resolved[name] = value;
  }
  for (const name of Object.keys(RANGES) as ThresholdName[]) {
    const [low, high] = RANGES[name];
    const value = resolved[name];
    if ((low !== null && value < low) || (high !== null && value > high)) {
      throw new RangeError(
        `Quality threshold "${name}" must be between ${low ?? '-∞'} and ${high ?? '∞'}, got ${value}`,
      );
    }
  }
  for (const [lower, upper] of ORDERED_PAIRS) {
    if (resolved[lower] >= resolved[upper]) {
      throw new RangeError(
        `Quality threshold "${lower}" (${resolved[lower]}) must be less than "${upper}" (${resolved[upper]})`,
      );
    }
  }
  if (resolved.minDetectionScore > resolved.minConfidence) {
    throw new RangeError(
      `Quality threshold "minDetectionScore" (${resolved.minDetectionScore}) must not exceed "minConfidence" (${resolved.minConfidence})`,
    );
  }
  return resolved;
}

/** A wrong threshold value as the error message shows it: strings quoted, so `"20"` reads as the string it is. */
function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'number':
    case 'boolean':
    case 'bigint':
      return String(value);
    case 'object':
      return value === null ? 'null' : 'an object';
    default:
      return typeof value;
  }
}
