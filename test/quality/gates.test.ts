import { describe, expect, it } from 'vitest';
import { evaluateFrame, REASON_PRIORITY, type GateVerdict } from '../../src/quality/gates.js';
import { DEFAULT_THRESHOLDS, resolveThresholds, type QualityThresholds } from '../../src/quality/thresholds.js';
import type { FaceDetection, FrameObservation, FrameStats, ReasonCode } from '../../src/quality/types.js';
import { frontalFace, GOOD_STATS, history, observation, OVAL, rolled, shifted, turned } from './faces.js';

const T: QualityThresholds = resolveThresholds();
const NOW = 1_000;

interface Frame {
  obs: FrameObservation;
  recent: FrameObservation[];
}

/** A frame at NOW with a still history long enough for the stillness check. */
function steady(face: FaceDetection, stats: FrameStats | null = GOOD_STATS): Frame {
  return { obs: observation(NOW, [face], stats), recent: history(face, NOW, T.stillWindowMs + 100) };
}

function judge(frame: Frame, previous?: GateVerdict | null, thresholds = T): GateVerdict {
  return evaluateFrame(frame.obs, frame.recent, OVAL, thresholds, previous);
}

interface GateCase {
  reason: ReasonCode;
  metric: string;
  limit: number;
  kind: 'atLeast' | 'atMost';
  frame(value: number): Frame;
}

const CASES: GateCase[] = [
  {
    reason: 'low-confidence',
    metric: 'confidence',
    limit: T.minConfidence,
    kind: 'atLeast',
    frame: (v) => steady(frontalFace({ score: v })),
  },
  {
    reason: 'too-far',
    metric: 'faceWidthRatio',
    limit: T.minFaceWidthRatio,
    kind: 'atLeast',
    frame: (v) => steady(frontalFace({ widthRatio: v })),
  },
  {
    reason: 'too-close',
    metric: 'faceWidthRatio',
    limit: T.maxFaceWidthRatio,
    kind: 'atMost',
    frame: (v) => steady(frontalFace({ widthRatio: v })),
  },
  {
    reason: 'off-center',
    metric: 'centerOffset',
    limit: T.maxCenterOffset,
    kind: 'atMost',
    frame: (v) => steady(frontalFace({ cx: OVAL.cx + v * OVAL.rx })),
  },
  { reason: 'turned', metric: 'yaw', limit: T.maxYaw, kind: 'atMost', frame: (v) => steady(turned(frontalFace(), v)) },
  {
    reason: 'tilted',
    metric: 'roll',
    limit: T.maxRollDegrees,
    kind: 'atMost',
    frame: (v) => steady(rolled(frontalFace(), v)),
  },
  {
    reason: 'too-dark',
    metric: 'faceLuma',
    limit: T.minFaceLuma,
    kind: 'atLeast',
    frame: (v) => steady(frontalFace(), { ...GOOD_STATS, faceLuma: v, backgroundLuma: 100 }),
  },
  {
    reason: 'too-bright',
    metric: 'faceLuma',
    limit: T.maxFaceLuma,
    kind: 'atMost',
    frame: (v) => steady(frontalFace(), { ...GOOD_STATS, faceLuma: v, backgroundLuma: 100 }),
  },
  {
    reason: 'too-bright',
    metric: 'clippedShare',
    limit: T.maxClippedShare,
    kind: 'atMost',
    frame: (v) => steady(frontalFace(), { ...GOOD_STATS, faceClipped: v }),
  },
  {
    reason: 'backlit',
    metric: 'backlitRatio',
    limit: T.minBacklitRatio,
    kind: 'atLeast',
    frame: (v) => steady(frontalFace(), { ...GOOD_STATS, faceLuma: 100, backgroundLuma: 100 / v }),
  },
  {
    reason: 'blurry',
    metric: 'sharpness',
    limit: T.minSharpness,
    kind: 'atLeast',
    frame: (v) => steady(frontalFace(), { ...GOOD_STATS, faceSharpness: v }),
  },
  {
    reason: 'moving',
    metric: 'motion',
    limit: T.maxMotion,
    kind: 'atMost',
    frame: (v) => {
      const face = frontalFace();
      // Every earlier frame shows the face v face-widths to the left of where it is now.
      return { obs: observation(NOW, [face]), recent: history(shifted(face, -v * face.box.width, 0), NOW, 600) };
    },
  },
];

/** A value `fraction` of the threshold away from it, on the passing (+) or failing (−) side. */
function offset(c: GateCase, fraction: number): number {
  const direction = c.kind === 'atLeast' ? 1 : -1;
  return c.limit + direction * fraction * Math.abs(c.limit);
}

describe('evaluateFrame', () => {
  it('passes a centred, frontal, well-lit, sharp, still face with every metric measured', () => {
    const verdict = judge(steady(frontalFace()));
    expect(verdict).toMatchObject({ pass: true, failing: [], primary: 'ok' });
    expect(Object.keys(verdict.metrics).sort()).toEqual(
      [
        'faceCount',
        'confidence',
        'faceWidthRatio',
        'centerOffset',
        'centerOffsetX',
        'centerOffsetY',
        'yaw',
        'roll',
        'faceLuma',
        'backgroundLuma',
        'backlitRatio',
        'clippedShare',
        'sharpness',
        'motion',
        'motionSpanMs',
      ].sort(),
    );
    expect(verdict.metrics).toMatchObject({ faceCount: 1, confidence: 0.92, yaw: 0, roll: 0, motion: 0 });
    expect(verdict.metrics.faceWidthRatio).toBeCloseTo(0.8, 10);
    expect(verdict.metrics.backlitRatio).toBeCloseTo(140 / 120, 10);
  });

  describe.each(CASES)('$reason on $metric ($kind $limit)', (c) => {
    it('passes just inside the threshold and fails just outside', () => {
      const inside = offset(c, 0.02);
      const outside = offset(c, -0.02);
      const pass = judge(c.frame(inside));
      const fail = judge(c.frame(outside));
      expect(pass.metrics[c.metric]).toBeCloseTo(inside, 9);
      expect(fail.metrics[c.metric]).toBeCloseTo(outside, 9);
      expect(pass.failing).not.toContain(c.reason);
      expect(fail.failing).toContain(c.reason);
    });

    it('keeps a passing check passing within the hysteresis margin, and fails it beyond', () => {
      const previous = judge(c.frame(offset(c, 0.25)));
      expect(previous.failing).not.toContain(c.reason);
      // The margin is 10% of the threshold: half of it outside still passes, one and a half fails.
      expect(judge(c.frame(offset(c, -0.05)), previous).failing).not.toContain(c.reason);
      expect(judge(c.frame(offset(c, -0.15)), previous).failing).toContain(c.reason);
    });

    it('keeps a failing check failing until the value is the margin inside', () => {
      const previous = judge(c.frame(offset(c, -0.25)));
      expect(previous.failing).toContain(c.reason);
      expect(judge(c.frame(offset(c, 0.05)), previous).failing).toContain(c.reason);
      expect(judge(c.frame(offset(c, 0.15)), previous).failing).not.toContain(c.reason);
    });

    it('uses the plain threshold when hysteresis is 0', () => {
      const none = { ...T, hysteresis: 0 };
      const previous = judge(c.frame(offset(c, 0.25)), null, none);
      expect(judge(c.frame(offset(c, -0.01)), previous, none).failing).toContain(c.reason);
    });
  });

  it('judges yaw and roll by magnitude, in either direction', () => {
    expect(judge(steady(turned(frontalFace(), -0.5))).failing).toEqual(['turned']);
    expect(judge(steady(turned(frontalFace(), -0.2))).pass).toBe(true);
    expect(judge(steady(rolled(frontalFace(), -20))).failing).toEqual(['tilted']);
  });

  it('reports failing reasons in priority order, the first as primary', () => {
    expect(REASON_PRIORITY).toEqual([
      'no-face',
      'multiple-faces',
      'low-confidence',
      'too-far',
      'too-close',
      'off-center',
      'turned',
      'tilted',
      'too-dark',
      'too-bright',
      'backlit',
      'blurry',
      'moving',
      'eyes-covered',
      'eyes-closed',
      'mouth-covered',
    ]);
    const face = rolled(turned(frontalFace({ widthRatio: 0.4, score: 0.6, cx: OVAL.cx + 0.5 * OVAL.rx }), 0.6), 25);
    const second = frontalFace({ widthRatio: 0.2, score: 0.8, cx: 40, cy: 40 });
    const stats = { faceLuma: 30, backgroundLuma: 200, faceClipped: 0.3, faceSharpness: 2 };
    const verdict = evaluateFrame(observation(NOW, [second, face], stats), [], OVAL, T);
    expect(verdict.failing).toEqual([
      'multiple-faces',
      'low-confidence',
      'too-far',
      'off-center',
      'turned',
      'tilted',
      'too-dark',
      'too-bright',
      'backlit',
      'blurry',
      'moving',
    ]);
    expect(verdict.primary).toBe('multiple-faces');
    expect(verdict.pass).toBe(false);
  });

  describe('faces', () => {
    it('fails no-face without detections, measuring only what the frame allows', () => {
      const verdict = judge({ obs: observation(NOW, [], GOOD_STATS), recent: [] });
      expect(verdict).toEqual({
        pass: false,
        failing: ['no-face'],
        primary: 'no-face',
        metrics: { faceCount: 0, backgroundLuma: 120 },
        face: null,
        capturable: false,
      });
    });

    it('ignores detections under the floor entirely', () => {
      const faint = frontalFace({ score: T.minDetectionScore - 0.01 });
      expect(judge(steady(faint)).failing).toEqual(['no-face']);
    });

    it('counts a second face only from the floor up', () => {
      const face = frontalFace();
      const background = (score: number) => frontalFace({ widthRatio: 0.3, score, cx: 60, cy: 60 });
      const floor = T.minDetectionScore;
      const below = judge({ obs: observation(NOW, [face, background(floor - 0.01)]), recent: history(face, NOW, 600) });
      const at = judge({ obs: observation(NOW, [face, background(floor)]), recent: history(face, NOW, 600) });
      expect(below).toMatchObject({ pass: true, metrics: { faceCount: 1, secondFaceScore: floor - 0.01 } });
      expect(at).toMatchObject({ primary: 'multiple-faces', metrics: { faceCount: 2, secondFaceScore: floor } });
    });

    it('applies hysteresis to the second face score', () => {
      const face = frontalFace();
      const frame = (score: number): Frame => ({
        obs: observation(NOW, [face, frontalFace({ widthRatio: 0.3, score, cx: 60, cy: 60 })]),
        recent: history(face, NOW, 600),
      });
      // The margin is T.hysteresis (10%) of the floor on either side.
      const floor = T.minDetectionScore;
      const margin = floor * T.hysteresis;
      const single = judge(frame(floor - 2 * margin));
      expect(judge(frame(floor + margin / 2), single).failing).not.toContain('multiple-faces');
      expect(judge(frame(floor + margin * 1.5), single).failing).toContain('multiple-faces');
      const multiple = judge(frame(0.7));
      expect(judge(frame(floor - margin / 2), multiple).failing).toContain('multiple-faces');
      expect(judge(frame(floor - margin * 1.5), multiple).failing).not.toContain('multiple-faces');
    });

    it('judges the largest confident face, not the highest-scoring or a larger faint one', () => {
      const large = frontalFace({ widthRatio: 0.8, score: 0.75 });
      const small = frontalFace({ widthRatio: 0.3, score: 0.99, cx: 80, cy: 80 });
      const faintHuge = frontalFace({ widthRatio: 1.4, score: 0.3 });
      const verdict = judge({ obs: observation(NOW, [small, faintHuge, large]), recent: [] });
      expect(verdict.face).toBe(large);
      expect(verdict.metrics.confidence).toBe(0.75);
      expect(verdict.failing).toEqual(['multiple-faces', 'moving']);
    });

    it('skips pose checks when the detector gave no keypoints', () => {
      const verdict = judge(steady({ ...turned(frontalFace(), 0.9), keypoints: [] }));
      expect(verdict.pass).toBe(true);
      expect(verdict.metrics.yaw).toBeUndefined();
      expect(verdict.metrics.roll).toBeUndefined();
    });
  });

  describe('frame statistics', () => {
    it('skips (does not fail) the luma, backlight and blur checks without statistics', () => {
      const verdict = judge(steady(frontalFace(), null));
      expect(verdict.pass).toBe(true);
      for (const metric of ['faceLuma', 'backgroundLuma', 'backlitRatio', 'clippedShare', 'sharpness']) {
        expect(verdict.metrics[metric]).toBeUndefined();
      }
    });

    it('skips only the checks whose statistic is missing', () => {
      const stats = { faceLuma: 20, backgroundLuma: 10, faceClipped: null, faceSharpness: null };
      const verdict = judge(steady(frontalFace(), stats));
      expect(verdict.failing).toEqual(['too-dark']);
      expect(verdict.metrics.sharpness).toBeUndefined();
      expect(verdict.metrics.backlitRatio).toBe(2);
    });

    it('keeps the backlight ratio finite against a black background', () => {
      const verdict = judge(steady(frontalFace(), { ...GOOD_STATS, faceLuma: 90, backgroundLuma: 0 }));
      expect(verdict.metrics.backlitRatio).toBe(90);
      expect(verdict.pass).toBe(true);
    });
  });

  describe('stillness', () => {
    const face = frontalFace();

    it('fails moving until the face has been seen for the whole window', () => {
      const none = judge({ obs: observation(NOW, [face]), recent: [] });
      const short = judge({ obs: observation(NOW, [face]), recent: history(face, NOW, T.stillWindowMs - 50) });
      const full = judge({ obs: observation(NOW, [face]), recent: history(face, NOW, T.stillWindowMs) });
      expect(none).toMatchObject({ failing: ['moving'], metrics: { motion: 0, motionSpanMs: 0 } });
      expect(short).toMatchObject({ failing: ['moving'], metrics: { motion: 0, motionSpanMs: T.stillWindowMs - 50 } });
      expect(full).toMatchObject({ pass: true, metrics: { motion: 0, motionSpanMs: T.stillWindowMs } });
    });

    it('accepts a sparse history whose last frame before the window start covers it', () => {
      // At 3 fps no frame falls exactly on the window start; the one before it counts.
      const recent = [observation(NOW - 666, [face]), observation(NOW - 333, [face])];
      expect(judge({ obs: observation(NOW, [face]), recent }).pass).toBe(true);
      expect(judge({ obs: observation(NOW, [face]), recent: recent.slice(1) }).failing).toEqual(['moving']);
    });

    it('restarts the window after a frame without a face', () => {
      const recent = history(face, NOW, 1_000);
      const gap = recent.map((o) => (o.timestamp === NOW - 300 ? observation(o.timestamp, []) : o));
      expect(judge({ obs: observation(NOW, [face]), recent: gap })).toMatchObject({
        failing: ['moving'],
        metrics: { motionSpanMs: 250 },
      });
    });

    it('measures movement only inside the window', () => {
      const early = history(shifted(face, 100, 0), NOW - 600, 400);
      const late = history(face, NOW, 600);
      expect(judge({ obs: observation(NOW, [face]), recent: [...early, ...late] }).metrics.motion).toBe(0);
      const moved = history(shifted(face, 0, 0.2 * face.box.width), NOW, 600);
      expect(judge({ obs: observation(NOW, [face]), recent: moved }).metrics.motion).toBeCloseTo(0.2, 10);
    });

    it('ignores history frames that are not older than the current one', () => {
      const recent = [...history(face, NOW, 600), observation(NOW, [shifted(face, 200, 0)])];
      expect(judge({ obs: observation(NOW, [face]), recent }).pass).toBe(true);
    });

    it('needs no history when the window is 0', () => {
      const instant = { ...T, stillWindowMs: 0 };
      expect(judge({ obs: observation(NOW, [face]), recent: [] }, null, instant).pass).toBe(true);
    });
  });

  it('does not depend on the defaults object being mutable', () => {
    expect(Object.isFrozen(DEFAULT_THRESHOLDS)).toBe(true);
  });
});
