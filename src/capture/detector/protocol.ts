/** Messages between the page and the detector worker. Plain data plus transferred ImageBitmaps. */
import type { DetectorAssets } from '../../assets.js';
import type { FaceDetection, FrameStats } from '../../quality/types.js';

export interface AnalyzerOptions {
  assets: DetectorAssets;
  /** Detections under this score are dropped by MediaPipe; the quality gates apply their own, higher bar. */
  minDetectionConfidence: number;
  /** The gates' floor for counting a detection as a face; frame statistics are measured on the same face. */
  minFaceScore: number;
}

export interface FrameAnalysis {
  faces: FaceDetection[];
  stats: FrameStats;
  /** Milliseconds spent detecting and measuring this frame. */
  inferenceMs: number;
}

export type ToWorker =
  /** `lifeLock`: a Web Lock the worker holds for as long as it lives, so the page notices when it dies. */
  /** `noWebGL`: a test took WebGL away (see test-hooks.ts). */
  | { type: 'init'; options: AnalyzerOptions; lifeLock: string; noWebGL?: boolean }
  | { type: 'frame'; id: number; timestamp: number; bitmap: ImageBitmap }
  | { type: 'close' };

export type FromWorker =
  /** `holdsLifeLock`: false where the worker has no Web Locks, so the page cannot watch for its end. */
  | { type: 'ready'; loadMs: number; holdsLifeLock: boolean }
  /** `no-webgl`: the GL probe failed before any WASM was loaded; `proof-failed`: the first frame failed. */
  | { type: 'init-error'; reason: 'no-webgl' | 'load-failed' | 'proof-failed'; message: string }
  | { type: 'result'; id: number; analysis: FrameAnalysis; bitmap: ImageBitmap }
  | { type: 'frame-error'; id: number; message: string; bitmap: ImageBitmap };
