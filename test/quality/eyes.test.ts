import { describe, expect, it } from 'vitest';
import { closedSpanMs, eyeAspectRatio, EYE_POINTS } from '../../src/quality/eyes.js';
import type { Point } from '../../src/quality/types.js';

/** A mesh with only the left eye's six points set: corners 30 px apart, lids `opening` px apart. */
function eyeMesh(opening: number): Point[] {
  const mesh: Point[] = Array.from({ length: 478 }, () => ({ x: 0, y: 0 }));
  const [p1, p2, p3, p4, p5, p6] = EYE_POINTS.left;
  mesh[p1] = { x: 100, y: 100 };
  mesh[p4] = { x: 130, y: 100 };
  mesh[p2] = { x: 110, y: 100 - opening / 2 };
  mesh[p3] = { x: 120, y: 100 - opening / 2 };
  mesh[p6] = { x: 110, y: 100 + opening / 2 };
  mesh[p5] = { x: 120, y: 100 + opening / 2 };
  return mesh;
}

describe('eyeAspectRatio', () => {
  it('is the lid opening over the eye width, whatever the scale', () => {
    expect(eyeAspectRatio(eyeMesh(9), EYE_POINTS.left)).toBeCloseTo(0.3, 10);
    expect(eyeAspectRatio(eyeMesh(0), EYE_POINTS.left)).toBe(0);
    const doubled = eyeMesh(9).map((p) => ({ x: p.x * 2, y: p.y * 2 }));
    expect(eyeAspectRatio(doubled, EYE_POINTS.left)).toBeCloseTo(0.3, 10);
  });

  it('refuses a mesh without the eye points, and is 0 for coinciding corners', () => {
    expect(() => eyeAspectRatio([], EYE_POINTS.left)).toThrow(RangeError);
    const flat: Point[] = Array.from({ length: 478 }, () => ({ x: 5, y: 5 }));
    expect(eyeAspectRatio(flat, EYE_POINTS.right)).toBe(0);
  });
});

describe('closedSpanMs', () => {
  const samples = (ratios: number[]) => ratios.map((eyeAspectRatio, i) => ({ timestamp: i * 100, eyeAspectRatio }));

  it('runs from the first shut sample of the latest unbroken run', () => {
    expect(closedSpanMs(samples([0.3, 0.1, 0.3, 0.1, 0.1, 0.1]), 0.2, 500)).toBe(200);
  });

  it('is 0 when the latest sample is open, or there is none', () => {
    expect(closedSpanMs(samples([0.1, 0.1, 0.3]), 0.2, 200)).toBe(0);
    expect(closedSpanMs([], 0.2, 200)).toBe(0);
  });

  it('treats a ratio at the threshold as open', () => {
    expect(closedSpanMs(samples([0.1, 0.2]), 0.2, 100)).toBe(0);
  });
});
