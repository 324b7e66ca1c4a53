import { describe, expect, it } from 'vitest';
import { centerOffset, faceWidthRatio, rollDegrees, yawRatio } from '../../src/quality/geometry.js';
import { selectFace } from '../../src/quality/face-selection.js';
import type { FaceDetection } from '../../src/quality/types.js';
import { frontalFace, OVAL, rolled, turned } from './faces.js';

/** The same face with BlazeFace's left/right keypoints swapped, as a mirrored frame would label them. */
function swappedSides(face: FaceDetection): FaceDetection {
  const k = face.keypoints;
  const order = [1, 0, 2, 3, 5, 4];
  return { ...face, keypoints: order.map((i) => k[i]!) };
}

describe('face geometry', () => {
  it('measures a frontal face as level and facing the camera', () => {
    const face = frontalFace();
    expect(rollDegrees(face)).toBe(0);
    expect(yawRatio(face)).toBe(0);
  });

  it('reads roll from the eye line in degrees, clockwise positive', () => {
    expect(rollDegrees(rolled(frontalFace(), 10))).toBeCloseTo(10, 9);
    expect(rollDegrees(rolled(frontalFace(), -25))).toBeCloseTo(-25, 9);
  });

  it('reads yaw along the ear line, so roll does not change it', () => {
    expect(yawRatio(turned(frontalFace(), 0.3))).toBeCloseTo(0.3, 9);
    expect(yawRatio(turned(frontalFace(), -0.3))).toBeCloseTo(-0.3, 9);
    expect(yawRatio(rolled(turned(frontalFace(), 0.3), 30))).toBeCloseTo(0.3, 9);
  });

  it('does not depend on which side the detector calls left', () => {
    const face = rolled(turned(frontalFace(), 0.2), 8);
    expect(rollDegrees(swappedSides(face))).toBeCloseTo(rollDegrees(face)!, 9);
    expect(yawRatio(swappedSides(face))).toBeCloseTo(yawRatio(face)!, 9);
  });

  it('returns null without the keypoints it needs', () => {
    const face = frontalFace();
    expect(rollDegrees({ ...face, keypoints: [] })).toBeNull();
    expect(yawRatio({ ...face, keypoints: face.keypoints.slice(0, 4) })).toBeNull();
    expect(
      rollDegrees({
        ...face,
        keypoints: [
          { x: 5, y: 5 },
          { x: 5, y: 5 },
        ],
      }),
    ).toBeNull();
  });

  it('measures size and centring against the oval', () => {
    const face = frontalFace({ widthRatio: 0.7, cx: OVAL.cx - 0.3 * OVAL.rx, cy: OVAL.cy + 0.4 * OVAL.ry });
    expect(faceWidthRatio(face.box, OVAL)).toBeCloseTo(0.7, 10);
    const offset = centerOffset(face.box, OVAL);
    expect(offset.dx).toBeCloseTo(-0.3, 10);
    expect(offset.dy).toBeCloseTo(0.4, 10);
    expect(offset.distance).toBeCloseTo(0.5, 10);
  });
});

describe('selectFace', () => {
  it('picks the largest face at or above the floor', () => {
    const small = frontalFace({ widthRatio: 0.3, score: 0.95 });
    const large = frontalFace({ widthRatio: 0.9, score: 0.5 });
    const faint = frontalFace({ widthRatio: 1.2, score: 0.49 });
    expect(selectFace([small, faint, large], 0.5)).toBe(large);
    expect(selectFace([faint], 0.5)).toBeNull();
    expect(selectFace([], 0.5)).toBeNull();
  });
});
