/**
 * Ready means proven: one real frame goes through the whole pipeline (MediaPipe's GL upload and inference, the
 * frame statistics) where detection will run, before the detector reports ready. A runtime that loads but cannot
 * analyse (WebKit's worker without WebGL) then fails here, while the next runtime can still take over.
 */
import type { FrameAnalyzer } from './analyzer.js';
import { MIN_ANALYSIS_WIDTH } from '../downscale.js';

// The size most camera frames are analysed at (see downscale.ts), so the first camera frame finds the detector's
// buffers and code paths already set up for it.
const PROOF_WIDTH = MIN_ANALYSIS_WIDTH;
const PROOF_HEIGHT = (MIN_ANALYSIS_WIDTH * 3) / 4;

/** Throws what the first real frame would have thrown. */
export function proveAnalyzer(analyzer: FrameAnalyzer): void {
  const canvas = new OffscreenCanvas(PROOF_WIDTH, PROOF_HEIGHT);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas 2D context is unavailable');
  ctx.fillStyle = '#808080';
  ctx.fillRect(0, 0, PROOF_WIDTH, PROOF_HEIGHT);
  const bitmap = canvas.transferToImageBitmap();
  try {
    // Timestamp 0: the camera's frames come later, so MediaPipe still sees increasing timestamps.
    analyzer.analyze(bitmap, 0, true);
  } finally {
    bitmap.close();
  }
}
