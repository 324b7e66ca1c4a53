/**
 * The quality gates: one frame's detections and statistics in, a verdict with every failing reason and every
 * measured value out. Pure, so it runs in a worker, on the main thread and in Node tests alike.
 */
import { REASON_CODES } from '../shared/guidance.js';
import { confidentFaces, selectFace } from './face-selection.js';
import { centerOffset, faceWidthRatio, rollDegrees, yawRatio } from './geometry.js';
import { passesLimit, previousCheckState, type LimitKind } from './hysteresis.js';
import { judgeLandmarks, type LandmarkMetric } from './landmark-gates.js';
import { measureStillness } from './stillness.js';
import type { QualityThresholds } from './thresholds.js';
import type { FaceDetection, FrameObservation, GuidanceCode, Oval, ReasonCode } from './types.js';

/** The order in which failing reasons are reported: the first is the hint worth showing. */
export const REASON_PRIORITY: readonly ReasonCode[] = REASON_CODES;

/**
 * Names of the values in `GateVerdict.metrics`. A metric is present only when it could be measured on the frame
 * (for example no `yaw` without ear and nose keypoints, no luma metrics without frame statistics).
 */
export type GateMetric =
  | 'faceCount'
  | 'secondFaceScore'
  | 'confidence'
  | 'faceWidthRatio'
  | 'centerOffset'
  | 'centerOffsetX'
  | 'centerOffsetY'
  | 'yaw'
  | 'roll'
  | 'faceLuma'
  | 'backgroundLuma'
  | 'backlitRatio'
  | 'clippedShare'
  | 'sharpness'
  | 'motion'
  | 'motionSpanMs'
  | LandmarkMetric;

export interface GateVerdict {
  pass: boolean;
  /** Every failing check, in `REASON_PRIORITY` order. */
  failing: ReasonCode[];
  /** `failing[0]`, or 'ok' when everything passed. */
  primary: GuidanceCode;
  /** Every value that could be measured on this frame, keyed by `GateMetric`. */
  metrics: Record<string, number>;
  /** The face the checks judged: the largest detection scoring at least `minDetectionScore`. */
  face: FaceDetection | null;
  /**
   * Whether this frame may be the capture: it passed, and (with face landmarks on) the landmarker measured this
   * very frame with open, uncovered eyes, so a blink that did not fail the checks is still never sent. Absent
   * means the same as `pass`.
   */
  capturable?: boolean;
}

/** Backgrounds darker than this are treated as this bright, so the ratio stays finite in a dark room. */
const MIN_BACKGROUND_LUMA = 1;

/**
 * Judges one frame.
 * @param recent earlier frames, oldest first, for the stillness check (at least `stillWindowMs` of them).
 * @param previous the verdict for the frame before, to apply hysteresis; null or omitted for none.
 */
export function evaluateFrame(
  observation: FrameObservation,
  recent: readonly FrameObservation[],
  oval: Oval,
  thresholds: QualityThresholds,
  previous?: GateVerdict | null,
): GateVerdict {
  const metrics: Partial<Record<GateMetric, number>> = {};
  const failing = new Set<ReasonCode>();
  const judge = (reason: ReasonCode, metric: GateMetric, value: number, limit: number, kind: LimitKind): boolean => {
    const state = previousCheckState(previous, reason, metric);
    const passes = passesLimit(value, limit, kind, state, thresholds.hysteresis * Math.abs(limit));
    if (!passes) failing.add(reason);
    return passes;
  };

  const { stats } = observation;
  metrics.faceCount = confidentFaces(observation.faces, thresholds.minDetectionScore).length;
  if (stats) metrics.backgroundLuma = stats.backgroundLuma;

  const face = selectFace(observation.faces, thresholds.minDetectionScore);
  if (!face) return verdict(['no-face'], metrics, null);

  // Every other detection competes, even those under the floor, so a second face that passed the floor keeps
  // `multiple-faces` failing until it drops clearly below it.
  const others = observation.faces.filter((other) => other !== face);
  if (others.length > 0) {
    metrics.secondFaceScore = Math.max(...others.map((other) => other.score));
    judge('multiple-faces', 'secondFaceScore', metrics.secondFaceScore, thresholds.minDetectionScore, 'below');
  }

  metrics.confidence = face.score;
  judge('low-confidence', 'confidence', face.score, thresholds.minConfidence, 'atLeast');

  metrics.faceWidthRatio = faceWidthRatio(face.box, oval);
  judge('too-far', 'faceWidthRatio', metrics.faceWidthRatio, thresholds.minFaceWidthRatio, 'atLeast');
  judge('too-close', 'faceWidthRatio', metrics.faceWidthRatio, thresholds.maxFaceWidthRatio, 'atMost');

  const offset = centerOffset(face.box, oval);
  metrics.centerOffset = offset.distance;
  metrics.centerOffsetX = offset.dx;
  metrics.centerOffsetY = offset.dy;
  judge('off-center', 'centerOffset', offset.distance, thresholds.maxCenterOffset, 'atMost');

  const yaw = yawRatio(face);
  if (yaw !== null) {
    metrics.yaw = yaw;
    judge('turned', 'yaw', Math.abs(yaw), thresholds.maxYaw, 'atMost');
  }
  const roll = rollDegrees(face);
  if (roll !== null) {
    metrics.roll = roll;
    judge('tilted', 'roll', Math.abs(roll), thresholds.maxRollDegrees, 'atMost');
  }

  if (stats?.faceLuma != null) {
    metrics.faceLuma = stats.faceLuma;
    judge('too-dark', 'faceLuma', stats.faceLuma, thresholds.minFaceLuma, 'atLeast');
    judge('too-bright', 'faceLuma', stats.faceLuma, thresholds.maxFaceLuma, 'atMost');
    metrics.backlitRatio = stats.faceLuma / Math.max(stats.backgroundLuma, MIN_BACKGROUND_LUMA);
    judge('backlit', 'backlitRatio', metrics.backlitRatio, thresholds.minBacklitRatio, 'atLeast');
  }
  if (stats?.faceClipped != null) {
    metrics.clippedShare = stats.faceClipped;
    judge('too-bright', 'clippedShare', stats.faceClipped, thresholds.maxClippedShare, 'atMost');
  }
  if (stats?.faceSharpness != null) {
    metrics.sharpness = stats.faceSharpness;
    judge('blurry', 'sharpness', stats.faceSharpness, thresholds.minSharpness, 'atLeast');
  }

  const stillness = measureStillness(observation, face, recent, thresholds.stillWindowMs, thresholds.minDetectionScore);
  metrics.motion = stillness.motion;
  metrics.motionSpanMs = stillness.spanMs;
  // Until the face has been watched for the whole window we have not seen it hold still.
  if (!stillness.covered) failing.add('moving');
  else judge('moving', 'motion', stillness.motion, thresholds.maxMotion, 'atMost');

  const landmarks = judgeLandmarks(
    observation,
    recent,
    thresholds,
    metrics,
    judge,
    (eyeAspectRatio) => {
      const state = previousCheckState(previous, 'eyes-closed', 'eyeAspectRatio');
      const margin = thresholds.hysteresis * thresholds.minEyeAspectRatio;
      return !passesLimit(eyeAspectRatio, thresholds.minEyeAspectRatio, 'atLeast', state, margin);
    },
    (reason) => failing.add(reason),
  );

  const result = verdict(
    REASON_PRIORITY.filter((reason) => failing.has(reason)),
    metrics,
    face,
  );
  return { ...result, capturable: result.pass && landmarks.capturable };
}

function verdict(
  failing: ReasonCode[],
  metrics: Partial<Record<GateMetric, number>>,
  face: FaceDetection | null,
): GateVerdict {
  const pass = failing.length === 0;
  return { pass, failing, primary: failing[0] ?? 'ok', metrics: { ...metrics }, face, capturable: pass };
}
