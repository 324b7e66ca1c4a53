import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, resolveThresholds } from '../../src/quality/thresholds.js';

describe('resolveThresholds', () => {
  it('returns a fresh copy of the defaults without overrides', () => {
    const resolved = resolveThresholds();
    expect(resolved).toEqual(DEFAULT_THRESHOLDS);
    resolved.minConfidence = 0.9;
    expect(DEFAULT_THRESHOLDS.minConfidence).toBe(0.7);
  });

  it('merges overrides onto the defaults and keeps defaults for undefined values', () => {
    const resolved = resolveThresholds({ minSharpness: 40, maxYaw: undefined });
    expect(resolved.minSharpness).toBe(40);
    expect(resolved.maxYaw).toBe(DEFAULT_THRESHOLDS.maxYaw);
  });

  it.each([
    [{ minConfidence: Number.NaN }, /"minConfidence" must be a finite number/],
    [{ maxMotion: Number.POSITIVE_INFINITY }, /"maxMotion" must be a finite number/],
    [{ minSharpness: '20' as unknown as number }, /"minSharpness" must be a finite number/],
    [{ minConfidence: 1.2 }, /"minConfidence" must be between 0 and 1, got 1.2/],
    [{ maxRollDegrees: 120 }, /"maxRollDegrees" must be between 0 and 90/],
    [{ minFaceLuma: -1 }, /"minFaceLuma" must be between 0 and 255/],
    [{ maxClippedShare: 2 }, /"maxClippedShare" must be between 0 and 1/],
    [{ stillWindowMs: -10 }, /"stillWindowMs" must be between 0 and 10000/],
    [{ hysteresis: 0.9 }, /"hysteresis" must be between 0 and 0.5/],
    [{ minFaceWidthRatio: 1.2 }, /"minFaceWidthRatio" \(1.2\) must be less than "maxFaceWidthRatio" \(1\)/],
    [{ minFaceLuma: 150, maxFaceLuma: 150 }, /"minFaceLuma" \(150\) must be less than "maxFaceLuma" \(150\)/],
    [{ minDetectionScore: 0.8 }, /"minDetectionScore" \(0.8\) must not exceed "minConfidence" \(0.7\)/],
  ])('rejects %o', (overrides, message) => {
    expect(() => resolveThresholds(overrides)).toThrow(RangeError);
    expect(() => resolveThresholds(overrides)).toThrow(message);
  });

  it('rejects unknown names so a typo does not silently keep the default', () => {
    expect(() => resolveThresholds({ minSharpnes: 10 } as never)).toThrow(/Unknown quality threshold "minSharpnes"/);
  });

  it('accepts boundary values', () => {
    expect(
      resolveThresholds({ minConfidence: 1, minDetectionScore: 1, hysteresis: 0, stillWindowMs: 0 }),
    ).toMatchObject({
      minConfidence: 1,
      minDetectionScore: 1,
      hysteresis: 0,
      stillWindowMs: 0,
    });
  });
});
