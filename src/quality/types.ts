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

/**
 * Where the face landmarker stands: `off` (the integrator turned it off), `loading` (it loads after the first
 * guidance), `ready`, or `failed` (it could not load or stopped; the landmark checks are then skipped).
 */
export type LandmarkState = 'off' | 'loading' | 'ready' | 'failed';

/** What the face landmarker measured on one frame (pure code in eyes.ts and face-cover.ts). */
export interface FaceLandmarkMeasures {
  /** Eye aspect ratio of the eye on the image's left (mesh 33/160/158/133/153/144) and right (362/…/380). */
  eyeAspectRatioLeft: number;
  eyeAspectRatioRight: number;
  /** Mean luma of the two landmark-bounded eye regions ÷ mean luma of the cheeks. */
  eyeLumaRatio: number;
  /** Standard deviation of the luma inside the eye regions ÷ mean cheek luma (an open eye's white and iris). */
  eyeContrast: number;
  /** Share (0..1) of the mouth-and-chin region whose colour matches the skin between the brows and the forehead. */
  mouthSkinShare: number;
}

/** The landmarker's part of one analysed frame. */
export interface FrameLandmarks {
  state: LandmarkState;
  /** Measured on this very frame; null when the landmarker did not run on it or found no face. */
  measures: FaceLandmarkMeasures | null;
}

/** One analysed frame. */
export interface FrameObservation {
  /** Monotonic milliseconds (performance.now or the video frame's time). */
  timestamp: number;
  frame: { width: number; height: number };
  faces: FaceDetection[];
  stats: FrameStats | null;
  /** Absent where landmarks were never asked for (e.g. Node tests of the other checks): treated as `off`. */
  landmarks?: FrameLandmarks;
}

/** The guide oval in frame pixels (centre and radii). */
export interface Oval {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
}

export type { GuidanceCode, ReasonCode } from '../shared/guidance.js';
