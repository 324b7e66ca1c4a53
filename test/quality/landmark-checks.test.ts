/**
 * The checks judged on the face landmarks, through `evaluateFrame`: eyes-covered, eyes-closed (with the blink
 * tolerance) and mouth-covered at their thresholds, with hysteresis, and which frames may become the capture.
 */
import { describe, expect, it } from 'vitest';
import { AutoCapture } from '../../src/quality/auto-capture.js';
import { evaluateFrame, type GateVerdict } from '../../src/quality/gates.js';
import { LANDMARK_MAX_AGE_MS } from '../../src/quality/landmark-gates.js';
import { resolveThresholds, type QualityThresholds } from '../../src/quality/thresholds.js';
import type { FaceLandmarkMeasures, FrameObservation, LandmarkState } from '../../src/quality/types.js';
import { frontalFace, history, observation, OVAL } from './faces.js';

const T: QualityThresholds = resolveThresholds();
const FACE = frontalFace();
/** What the landmarker measures on the good fixture clip (test/fixtures/clips.md). */
const OPEN: FaceLandmarkMeasures = {
  eyeAspectRatioLeft: 0.31,
  eyeAspectRatioRight: 0.34,
  eyeLumaRatio: 0.6,
  eyeContrast: 0.25,
  mouthSkinShare: 0.95,
};
const SHUT: FaceLandmarkMeasures = { ...OPEN, eyeAspectRatioLeft: 0.08, eyeAspectRatioRight: 0.08, eyeContrast: 0.13 };

function frame(timestamp: number, measures: FaceLandmarkMeasures | null, state: LandmarkState = 'ready') {
  return { ...observation(timestamp, [FACE]), landmarks: { state, measures } };
}

/** A still history of 600 ms before `now`, every frame measured with `measures`. */
function measuredHistory(now: number, measures: FaceLandmarkMeasures | null = OPEN): FrameObservation[] {
  return history(FACE, now, 600).map((o) => ({ ...o, landmarks: { state: 'ready' as const, measures } }));
}

function judge(obs: FrameObservation, recent: FrameObservation[], previous?: GateVerdict | null, thresholds = T) {
  return evaluateFrame(obs, recent, OVAL, thresholds, previous);
}

interface Case {
  reason: 'eyes-covered' | 'mouth-covered';
  metric: keyof FaceLandmarkMeasures;
  limit: number;
}

const CASES: Case[] = [
  { reason: 'eyes-covered', metric: 'eyeLumaRatio', limit: T.minEyeLumaRatio },
  { reason: 'eyes-covered', metric: 'eyeContrast', limit: T.minEyeContrast },
  { reason: 'mouth-covered', metric: 'mouthSkinShare', limit: T.minMouthSkinShare },
];

describe('eyes-covered and mouth-covered', () => {
  for (const { reason, metric, limit } of CASES) {
    it(`${reason} fails below ${metric} ${limit}, passes at it, and reports the value`, () => {
      const at = judge(frame(1_000, { ...OPEN, [metric]: limit }), measuredHistory(1_000));
      expect(at.failing).not.toContain(reason);
      expect(at.metrics[metric]).toBe(limit);
      const below = judge(frame(1_000, { ...OPEN, [metric]: limit * 0.99 }), measuredHistory(1_000));
      expect(below.failing).toEqual([reason]);
      expect(below.primary).toBe(reason);
      expect(below.capturable).toBe(false);
    });

    it(`${reason} on ${metric} keeps its state within the hysteresis margin`, () => {
      const margin = T.hysteresis * limit;
      const failing = judge(frame(1_000, { ...OPEN, [metric]: limit * 0.5 }), measuredHistory(1_000));
      const stillFailing = judge(
        frame(1_050, { ...OPEN, [metric]: limit + margin / 2 }),
        measuredHistory(1_050),
        failing,
      );
      expect(stillFailing.failing).toContain(reason);
      const recovered = judge(
        frame(1_100, { ...OPEN, [metric]: limit + margin * 1.5 }),
        measuredHistory(1_100),
        stillFailing,
      );
      expect(recovered.failing).not.toContain(reason);
      const stillPassing = judge(
        frame(1_150, { ...OPEN, [metric]: limit - margin / 2 }),
        measuredHistory(1_150),
        recovered,
      );
      expect(stillPassing.failing).not.toContain(reason);
    });
  }

  it('refuses out-of-range landmark thresholds', () => {
    expect(() => resolveThresholds({ minMouthSkinShare: 1.5 })).toThrow(/minMouthSkinShare/);
    expect(() => resolveThresholds({ minEyeAspectRatio: -0.1 })).toThrow(/minEyeAspectRatio/);
    expect(() => resolveThresholds({ maxEyesClosedMs: 20_000 })).toThrow(/maxEyesClosedMs/);
  });

  it('takes thresholds from the integrator', () => {
    const strict = resolveThresholds({ minMouthSkinShare: 0.99 });
    expect(judge(frame(1_000, OPEN), measuredHistory(1_000), null, strict).failing).toEqual(['mouth-covered']);
  });

  it('does not judge the eye contrast of shut eyes (lids are as flat as a hand): that is eyes-closed', () => {
    const shut = judge(frame(1_000, { ...SHUT, eyeContrast: 0.01 }), measuredHistory(1_000, SHUT));
    expect(shut.failing).toEqual(['eyes-closed']);
    expect(shut.metrics.eyeContrast).toBeUndefined();
  });
});

describe('eyes-closed', () => {
  it('fails once both ratios have been under the threshold for maxEyesClosedMs', () => {
    const verdict = judge(frame(1_000, SHUT), measuredHistory(1_000, SHUT));
    expect(verdict.failing).toEqual(['eyes-closed']);
    expect(verdict.metrics.eyeAspectRatio).toBe(0.08);
    expect(verdict.metrics.eyesClosedMs).toBeGreaterThanOrEqual(T.maxEyesClosedMs);
  });

  it('one open eye is enough (a wink is not closed eyes)', () => {
    const wink = { ...SHUT, eyeAspectRatioRight: T.minEyeAspectRatio };
    expect(judge(frame(1_000, wink), measuredHistory(1_000, wink)).failing).toEqual([]);
  });

  it('a blink shorter than maxEyesClosedMs passes, but its frames are never capturable', () => {
    const recent = measuredHistory(1_000);
    // Shut for the last 200 ms of measurements.
    for (const o of recent) if (o.timestamp >= 800) o.landmarks = { state: 'ready', measures: SHUT };
    const verdict = judge(frame(1_000, SHUT), recent);
    expect(verdict.pass).toBe(true);
    expect(verdict.metrics.eyesClosedMs).toBe(200);
    expect(verdict.capturable).toBe(false);
    const longer = resolveThresholds({ maxEyesClosedMs: 200 });
    expect(judge(frame(1_000, SHUT), recent, null, longer).failing).toEqual(['eyes-closed']);
  });

  it('counts measured time only: a shut measurement carried over skipped frames does not grow', () => {
    const recent = measuredHistory(700);
    recent.push({ ...frame(700, SHUT) });
    // The landmarker skipped the frames after 700 ms (a slow device): 280 ms later it is still one sample.
    const verdict = judge({ ...frame(980, null) }, recent);
    expect(verdict.metrics.eyesClosedMs).toBe(0);
    expect(verdict.pass).toBe(true);
    expect(verdict.capturable).toBe(false);
  });

  it('recovers only once the ratio is the hysteresis margin above the threshold', () => {
    const closed = judge(frame(1_000, SHUT), measuredHistory(1_000, SHUT));
    const margin = T.hysteresis * T.minEyeAspectRatio;
    const justAbove = { ...OPEN, eyeAspectRatioLeft: T.minEyeAspectRatio + margin / 2, eyeAspectRatioRight: 0.1 };
    expect(judge(frame(1_050, justAbove), measuredHistory(1_050, SHUT), closed).failing).toContain('eyes-closed');
    const open = { ...justAbove, eyeAspectRatioLeft: T.minEyeAspectRatio + margin * 1.5 };
    expect(judge(frame(1_050, open), measuredHistory(1_050, SHUT), closed).failing).toEqual([]);
  });
});

describe('which frames may be captured', () => {
  it('only a frame the landmarker measured itself, with open uncovered eyes and mouth', () => {
    const measured = judge(frame(1_000, OPEN), measuredHistory(1_000));
    expect(measured).toMatchObject({ pass: true, capturable: true });
    expect(measured.metrics.landmarkAgeMs).toBe(0);
    // A frame the landmarker skipped is judged on the latest measurement but is not sent.
    const skipped = judge(frame(1_030, null), [...measuredHistory(1_000), frame(1_000, OPEN)]);
    expect(skipped).toMatchObject({ pass: true, capturable: false });
    expect(skipped.metrics.landmarkAgeMs).toBe(30);
  });

  it('a measurement older than LANDMARK_MAX_AGE_MS is not used', () => {
    const old = [frame(1_000, SHUT)];
    const verdict = judge(frame(1_000 + LANDMARK_MAX_AGE_MS + 1, null), old);
    expect(verdict.metrics.eyeAspectRatio).toBeUndefined();
    expect(verdict.capturable).toBe(false);
  });

  it('waits for the landmarker while it loads, and does without it when it is off or failed', () => {
    expect(judge(frame(1_000, null, 'loading'), history(FACE, 1_000, 600))).toMatchObject({
      pass: true,
      capturable: false,
    });
    for (const state of ['off', 'failed'] as const) {
      expect(judge(frame(1_000, null, state), history(FACE, 1_000, 600))).toMatchObject({
        pass: true,
        capturable: true,
      });
    }
    // Frames from runtimes without landmarks at all count as off.
    expect(judge(observation(1_000, [FACE]), history(FACE, 1_000, 600)).capturable).toBe(true);
  });

  it('auto-capture holds through a blink and picks the best frame with open eyes', () => {
    const autoCapture = new AutoCapture({ holdMs: 300, windowMs: 300 });
    const pass = (capturable: boolean, sharpness: number): GateVerdict => ({
      pass: true,
      failing: [],
      primary: 'ok',
      metrics: { sharpness, centerOffset: 0 },
      face: FACE,
      capturable,
    });
    autoCapture.push(1, pass(true, 50), 0);
    // The blink frames are the sharpest, but shut eyes are never the capture.
    autoCapture.push(2, pass(false, 500), 100);
    autoCapture.push(3, pass(false, 500), 200);
    const state = autoCapture.push(4, pass(true, 60), 300);
    expect(state.phase).toBe('ready');
    expect(state.best?.frameId).toBe(4);
  });
});
