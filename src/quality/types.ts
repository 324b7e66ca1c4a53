/**
 * Inputs and outputs of the quality gates. Everything here is plain data so the gates are pure functions that
 * run the same in a worker, on the main thread, and in Node unit tests.
 *
 * Coordinates: all positions and sizes are in **pixels of the analysed frame** (not mirrored).
 */

/** MediaPipe BlazeFace keypoint order. */
export const KEYPOINT = {
  rightEye: 0,
  leftEye: 1,
  noseTip: 2,
  mouth: 3,
  rightEar: 4,
  leftEar: 5,
} as const;

export interface Point {
  x: number;
  y: number;
}

export interface FaceDetection {
  /** Detector confidence 0..1. */
  score: number;
  box: { x: number; y: number; width: number; height: number };
  /** Six BlazeFace keypoints in pixels, in the order of `KEYPOINT` (may be empty if the detector gave none). */
  keypoints: Point[];
}

/** Luminance and sharpness measured on the frame by the detector worker (pure code in frame-stats.ts). */
export interface FrameStats {
  /** Mean luma (0..255) inside the largest face box; null when there is no face. */
  faceLuma: number | null;
  /** Mean luma (0..255) of the frame outside the face box (the whole frame when there is no face). */
  backgroundLuma: number;
  /** Share of face pixels at or above luma 250 (clipped highlights), 0..1; null without a face. */
  faceClipped: number | null;
  /** Variance of the Laplacian of the face crop scaled to a fixed size; null without a face. */
  faceSharpness: number | null;
}

/** One analysed frame. */
export interface FrameObservation {
  /** Monotonic milliseconds (performance.now or the video frame's time). */
  timestamp: number;
  frame: { width: number; height: number };
  faces: FaceDetection[];
  stats: FrameStats | null;
}

/** The guide oval in frame pixels (centre and radii). */
export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export type { GuidanceCode, ReasonCode } from '../shared/guidance.js';
