import { describe, expect, it } from 'vitest';
import {
  LANDMARK_COST_FACTOR,
  LANDMARK_MIN_FACE_PX,
  LANDMARK_MIN_INTERVAL_MS,
  landmarkFace,
  landmarksDue,
} from '../../src/capture/landmarks/schedule.js';
import { frontalFace } from './faces.js';

const GATE = { minFaceScore: 0.4, minConfidence: 0.7 };

describe('landmarkFace: the detector-level checks a frame must pass before the landmarker runs', () => {
  it('one confident face, big enough', () => {
    const face = frontalFace();
    expect(landmarkFace([face], GATE)).toBe(face);
  });

  it('not for no face, two faces, a low score, or a face too small to measure', () => {
    expect(landmarkFace([], GATE)).toBeNull();
    expect(landmarkFace([frontalFace(), frontalFace({ cx: 100 })], GATE)).toBeNull();
    expect(landmarkFace([frontalFace({ score: 0.69 })], GATE)).toBeNull();
    const tiny = frontalFace();
    tiny.box.width = LANDMARK_MIN_FACE_PX - 1;
    expect(landmarkFace([tiny], GATE)).toBeNull();
  });

  it('a detection under the face floor does not count as a second face', () => {
    const face = frontalFace();
    expect(landmarkFace([face, frontalFace({ score: 0.3, cx: 100 })], GATE)).toBe(face);
  });
});

describe('landmarksDue: at most about ten runs a second', () => {
  it('runs first, then again only after the interval', () => {
    expect(landmarksDue(null, 0)).toBe(true);
    expect(landmarksDue(1_000, 1_000 + LANDMARK_MIN_INTERVAL_MS - 1)).toBe(false);
    expect(landmarksDue(1_000, 1_000 + LANDMARK_MIN_INTERVAL_MS)).toBe(true);
  });

  it('spaces runs by a multiple of the last run’s cost on a slow device', () => {
    const cost = 50;
    expect(landmarksDue(1_000, 1_000 + LANDMARK_COST_FACTOR * cost - 1, cost)).toBe(false);
    expect(landmarksDue(1_000, 1_000 + LANDMARK_COST_FACTOR * cost, cost)).toBe(true);
    // A fast run never raises the rate above ten a second.
    expect(landmarksDue(1_000, 1_000 + LANDMARK_MIN_INTERVAL_MS - 1, 1)).toBe(false);
  });

  it('starts over when the clock goes back (a new stream)', () => {
    expect(landmarksDue(5_000, 10)).toBe(true);
  });
});
