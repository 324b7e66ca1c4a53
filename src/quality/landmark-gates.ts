/**
 * The three checks judged on the face landmarks: `eyes-covered`, `eyes-closed`, `mouth-covered`. The landmarker
 * runs on at most about ten frames a second, so a frame it skipped is judged on the latest measurement, and only
 * a frame it measured itself may be captured. Pure, part of `evaluateFrame`.
 */
import { closedSpanMs, type EyeSample } from './eyes.js';
import type { LimitKind } from './hysteresis.js';
import type { QualityThresholds } from './thresholds.js';
import type { FaceLandmarkMeasures, FrameObservation, ReasonCode } from './types.js';

/** A measurement older than this says nothing about the frame any more: the checks then wait for a fresh one. */
export const LANDMARK_MAX_AGE_MS = 500;

/** The metric names these checks report (see `GateMetric`). */
export type LandmarkMetric =
  | 'eyeAspectRatio'
  | 'eyeAspectRatioLeft'
  | 'eyeAspectRatioRight'
  | 'eyesClosedMs'
  | 'eyeLumaRatio'
  | 'eyeContrast'
  | 'mouthSkinShare'
  | 'landmarkAgeMs';

/** Judges `value` against `limit` with hysteresis and records the reason when it fails; true when it passed. */
export type Judge = (
  reason: ReasonCode,
  metric: LandmarkMetric,
  value: number,
  limit: number,
  kind: LimitKind,
) => boolean;

export interface LandmarkOutcome {
  /**
   * Whether this frame may become the capture as far as the landmarks go: true when they are off or failed to
   * load; otherwise only when this very frame was measured with open, uncovered eyes and an uncovered mouth.
   */
  capturable: boolean;
}

/**
 * @param closedNow whether the eyes count as closed on this frame (with hysteresis), given its eye aspect ratio;
 *   the gates pass it in because it needs the previous verdict.
 */
export function judgeLandmarks(
  observation: FrameObservation,
  recent: readonly FrameObservation[],
  thresholds: QualityThresholds,
  metrics: Partial<Record<LandmarkMetric, number>>,
  judge: Judge,
  closedNow: (eyeAspectRatio: number) => boolean,
  fail: (reason: ReasonCode) => void,
): LandmarkOutcome {
  const state = observation.landmarks?.state ?? 'off';
  if (state === 'off' || state === 'failed') return { capturable: true };

  const latest = latestMeasurement(observation, recent);
  if (!latest) return { capturable: false };
  const { measures } = latest;
  const eyeAspectRatio = Math.max(measures.eyeAspectRatioLeft, measures.eyeAspectRatioRight);
  metrics.landmarkAgeMs = observation.timestamp - latest.timestamp;
  metrics.eyeAspectRatio = eyeAspectRatio;
  metrics.eyeAspectRatioLeft = measures.eyeAspectRatioLeft;
  metrics.eyeAspectRatioRight = measures.eyeAspectRatioRight;
  metrics.eyeLumaRatio = measures.eyeLumaRatio;
  metrics.mouthSkinShare = measures.mouthSkinShare;

  let uncovered = judge('eyes-covered', 'eyeLumaRatio', measures.eyeLumaRatio, thresholds.minEyeLumaRatio, 'atLeast');
  const closed = closedNow(eyeAspectRatio);
  // Shut lids are as flat as skin, so the contrast of the eye regions only tells a cover from an open eye.
  if (!closed) {
    metrics.eyeContrast = measures.eyeContrast;
    uncovered =
      judge('eyes-covered', 'eyeContrast', measures.eyeContrast, thresholds.minEyeContrast, 'atLeast') && uncovered;
  }
  const history = eyeSamples(recent, observation.timestamp);
  // Measured time only: a closed measurement carried over the frames the landmarker skipped must not grow into
  // closed eyes on a slow device. The newest counts as closed when the hysteresis says so.
  metrics.eyesClosedMs = closed
    ? closedSpanMs(
        [...history, { timestamp: latest.timestamp, eyeAspectRatio: -1 }],
        thresholds.minEyeAspectRatio,
        latest.timestamp,
      )
    : 0;
  if (closed && metrics.eyesClosedMs >= thresholds.maxEyesClosedMs) fail('eyes-closed');
  const mouthFree = judge(
    'mouth-covered',
    'mouthSkinShare',
    measures.mouthSkinShare,
    thresholds.minMouthSkinShare,
    'atLeast',
  );
  // A blink does not fail the frame, but a frame with shut eyes is never the one sent.
  return { capturable: latest.timestamp === observation.timestamp && uncovered && !closed && mouthFree };
}

function latestMeasurement(
  observation: FrameObservation,
  recent: readonly FrameObservation[],
): { timestamp: number; measures: FaceLandmarkMeasures } | null {
  const own = observation.landmarks?.measures;
  if (own) return { timestamp: observation.timestamp, measures: own };
  for (let index = recent.length - 1; index >= 0; index--) {
    const earlier = recent[index]!;
    if (observation.timestamp - earlier.timestamp > LANDMARK_MAX_AGE_MS) break;
    const measures = earlier.landmarks?.measures;
    if (measures && earlier.timestamp <= observation.timestamp) return { timestamp: earlier.timestamp, measures };
  }
  return null;
}

/** The eye openness of every measured earlier frame, oldest first. */
function eyeSamples(recent: readonly FrameObservation[], now: number): EyeSample[] {
  const samples: EyeSample[] = [];
  for (const earlier of recent) {
    const measures = earlier.landmarks?.measures;
    if (!measures || earlier.timestamp >= now) continue;
    samples.push({
      timestamp: earlier.timestamp,
      eyeAspectRatio: Math.max(measures.eyeAspectRatioLeft, measures.eyeAspectRatioRight),
    });
  }
  return samples;
}
