/**
 * Synthetic BlazeFace detections with realistic keypoint geometry for a frontal face, plus small transforms
 * (roll, yaw, shift) and frame builders for the quality-gate tests.
 */
import { ovalForFrame } from '../../src/quality/oval.js';
import type { FaceDetection, FrameObservation, FrameStats, Oval, Point } from '../../src/quality/types.js';

export const FRAME = { width: 640, height: 480 } as const;
export const OVAL: Oval = ovalForFrame(FRAME.width, FRAME.height);

/** Keypoints as fractions of the box, in `KEYPOINT` order, for a person looking straight at the camera. */
const FRONTAL_KEYPOINTS: readonly Point[] = [
  { x: 0.3, y: 0.4 }, // right eye (image left in an unmirrored frame)
  { x: 0.7, y: 0.4 }, // left eye
  { x: 0.5, y: 0.55 }, // nose tip
  { x: 0.5, y: 0.75 }, // mouth
  { x: 0.05, y: 0.45 }, // right ear tragion
  { x: 0.95, y: 0.45 }, // left ear tragion
];

/** A face whose square box is `widthRatio` of the oval's width, centred on the oval unless moved. */
export function frontalFace(
  options: { widthRatio?: number; score?: number; cx?: number; cy?: number } = {},
): FaceDetection {
  const width = (options.widthRatio ?? 0.8) * 2 * OVAL.rx;
  const cx = options.cx ?? OVAL.cx;
  const cy = options.cy ?? OVAL.cy;
  const box = { x: cx - width / 2, y: cy - width / 2, width, height: width };
  return {
    score: options.score ?? 0.92,
    box,
    keypoints: FRONTAL_KEYPOINTS.map((k) => ({ x: box.x + k.x * box.width, y: box.y + k.y * box.height })),
  };
}

/** Rotates the keypoints about the box centre, clockwise in image coordinates (y down), as a head roll would. */
export function rolled(face: FaceDetection, degrees: number): FaceDetection {
  const radians = (degrees * Math.PI) / 180;
  const cx = face.box.x + face.box.width / 2;
  const cy = face.box.y + face.box.height / 2;
  const keypoints = face.keypoints.map((p) => {
    const dx = p.x - cx;
    const dy = p.y - cy;
    return {
      x: cx + dx * Math.cos(radians) - dy * Math.sin(radians),
      y: cy + dx * Math.sin(radians) + dy * Math.cos(radians),
    };
  });
  return { ...face, keypoints };
}

/** Moves the nose tip along the ear line by `ratio` half-ear-distances: a head turn of that yaw ratio. */
export function turned(face: FaceDetection, ratio: number): FaceDetection {
  const [rightEar, leftEar] = [face.keypoints[4], face.keypoints[5]];
  if (!rightEar || !leftEar) throw new Error('turned() needs ear keypoints');
  const shiftX = (ratio * (leftEar.x - rightEar.x)) / 2;
  const shiftY = (ratio * (leftEar.y - rightEar.y)) / 2;
  return { ...face, keypoints: face.keypoints.map((p, i) => (i === 2 ? { x: p.x + shiftX, y: p.y + shiftY } : p)) };
}

/** The same face moved by (dx, dy) pixels, box and keypoints together. */
export function shifted(face: FaceDetection, dx: number, dy: number): FaceDetection {
  return {
    ...face,
    box: { ...face.box, x: face.box.x + dx, y: face.box.y + dy },
    keypoints: face.keypoints.map((p) => ({ x: p.x + dx, y: p.y + dy })),
  };
}

/** Statistics of a well-lit, sharp face against a slightly darker room. */
export const GOOD_STATS: FrameStats = { faceLuma: 140, backgroundLuma: 120, faceClipped: 0.01, faceSharpness: 120 };

export function observation(
  timestamp: number,
  faces: FaceDetection[],
  stats: FrameStats | null = GOOD_STATS,
): FrameObservation {
  return { timestamp, frame: { ...FRAME }, faces, stats };
}

/** Frames every `stepMs` from `untilMs − spanMs` up to (not including) `untilMs`, each showing `face`. */
export function history(face: FaceDetection, untilMs: number, spanMs: number, stepMs = 50): FrameObservation[] {
  const frames: FrameObservation[] = [];
  for (let t = untilMs - spanMs; t < untilMs; t += stepMs) frames.push(observation(t, [face]));
  return frames;
}
