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
  | { type: 'init'; options: AnalyzerOptions }
  | { type: 'frame'; id: number; timestamp: number; bitmap: ImageBitmap }
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; loadMs: number }
  | { type: 'init-error'; message: string }
  | { type: 'result'; id: number; analysis: FrameAnalysis; bitmap: ImageBitmap }
  | { type: 'frame-error'; id: number; message: string; bitmap: ImageBitmap };
