/** Messages between the page and the detector worker. Plain data plus transferred ImageBitmaps. */
import type { DetectorAssets } from '../../assets.js';
import type { FaceDetection, FrameLandmarks, FrameStats } from '../../quality/types.js';

export interface AnalyzerOptions {
  assets: DetectorAssets;
  /** Detections under this score are dropped by MediaPipe; the quality gates apply their own, higher bar. */
  minDetectionConfidence: number;
  /** The gates' floor for counting a detection as a face; frame statistics are measured on the same face. */
  minFaceScore: number;
  /**
   * The face landmarker for the eye and mouth checks, loaded after the first analysed frame; omitted or
   * `enabled: false` (the `face-landmarks="off"` attribute) skips it.
   */
  landmarks?: {
    enabled: boolean;
    /** The gates' `minConfidence`: fainter faces are not measured. */ minConfidence: number;
  };
}

export interface FrameAnalysis {
  faces: FaceDetection[];
  stats: FrameStats;
  /** Milliseconds spent detecting and measuring this frame (the landmarker's share included). */
  inferenceMs: number;
  /** What the face landmarker measured on this frame (absent from runtimes that predate it: treated as off). */
  landmarks?: FrameLandmarks;
  /** Milliseconds of `inferenceMs` the landmarker took; 0 on frames it skipped. */
  landmarkMs?: number;
  /** Milliseconds from the start of the landmarker's load to its first measurement; absent until then. */
  landmarkFirstResultMs?: number;
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
