/**
 * Face geometry measured from a BlazeFace detection, in pixels of the analysed (unmirrored) frame.
 * Every function here is pure and returns null when the keypoints it needs are missing.
 */
import { KEYPOINT, type FaceDetection, type Oval, type Point } from './types.js';

type Box = FaceDetection['box'];

export function boxCenter(box: Box): Point {
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Face-box width ÷ oval width (2·rx): below 1 the face is narrower than the oval. */
export function faceWidthRatio(box: Box, oval: Oval): number {
  return box.width / (2 * oval.rx);
}

export interface CenterOffset {
  /** Horizontal offset of the face-box centre from the oval centre ÷ rx (positive: towards +x of the frame). */
  dx: number;
  /** Vertical offset ÷ ry (positive: downwards). */
  dy: number;
  /** √(dx² + dy²): 1 means the face centre sits on the oval's outline. */
  distance: number;
}

export function centerOffset(box: Box, oval: Oval): CenterOffset {
  const center = boxCenter(box);
  const dx = (center.x - oval.cx) / oval.rx;
  const dy = (center.y - oval.cy) / oval.ry;
  return { dx, dy, distance: Math.hypot(dx, dy) };
}

/**
 * The vector from one keypoint to another, turned to point towards +x. BlazeFace's left/right naming depends on
 * whether the frame was mirrored; orienting by image position makes roll and yaw independent of that.
 */
function orientedAxis(a: Point, b: Point): Point {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  return vx < 0 || (vx === 0 && vy < 0) ? { x: -vx, y: -vy } : { x: vx, y: vy };
}

function keypoint(face: FaceDetection, index: number): Point | null {
  return face.keypoints[index] ?? null;
}

/**
 * Head roll from the eye line, in degrees within (−90, 90]: 0 when the eyes are level, positive when the eye
 * further right in the frame sits lower (a clockwise tilt as seen in the unmirrored frame).
 */
export function rollDegrees(face: FaceDetection): number | null {
  const rightEye = keypoint(face, KEYPOINT.rightEye);
  const leftEye = keypoint(face, KEYPOINT.leftEye);
  if (!rightEye || !leftEye) return null;
  const axis = orientedAxis(rightEye, leftEye);
  if (axis.x === 0 && axis.y === 0) return null;
  return (Math.atan2(axis.y, axis.x) * 180) / Math.PI;
}

/**
 * Head yaw as a dimensionless ratio: the nose tip's offset from the midpoint of the ears, measured along the ear
 * line, divided by half the ear distance. 0 is frontal; positive means the nose points towards +x of the frame.
 * Measuring along the ear line makes it independent of roll. With the nose tip about 1.3 half-ear-distances in
 * front of the ear axis, the ratio is ≈ 1.3·tan(yaw): 0.23 ≈ 10°, 0.35 ≈ 15°, 0.47 ≈ 20°.
 */
export function yawRatio(face: FaceDetection): number | null {
  const rightEar = keypoint(face, KEYPOINT.rightEar);
  const leftEar = keypoint(face, KEYPOINT.leftEar);
  const nose = keypoint(face, KEYPOINT.noseTip);
  if (!rightEar || !leftEar || !nose) return null;
  const axis = orientedAxis(rightEar, leftEar);
  const halfEarDistance = Math.hypot(axis.x, axis.y) / 2;
  if (halfEarDistance === 0) return null;
  const mid = { x: (rightEar.x + leftEar.x) / 2, y: (rightEar.y + leftEar.y) / 2 };
  const along = ((nose.x - mid.x) * axis.x + (nose.y - mid.y) * axis.y) / (2 * halfEarDistance);
  return along / halfEarDistance;
}

/** Distance between the centres of two boxes ÷ a reference width. */
export function centerShift(from: Box, to: Box, referenceWidth: number): number {
  const a = boxCenter(from);
  const b = boxCenter(to);
  return Math.hypot(b.x - a.x, b.y - a.y) / referenceWidth;
}
