/**
 * Ready means proven: real frames go through the whole pipeline (MediaPipe's GL upload and inference, the frame
 * statistics) where detection will run, before the detector reports ready. A runtime that loads but cannot
 * analyse (WebKit's worker without WebGL) then fails here, while the next runtime can still take over.
 *
 * The proof is also the first camera frame's warm-up. The frame holds a drawn face that BlazeFace finds (0.9 in
 * Chromium), so the code that decodes a detection and measures a face crop has run before the camera's first
 * face; on a blank frame it had not, and the first camera frame paid for it. It is analysed twice because
 * MediaPipe's second inference is still slower than the steady ones: measured in Chromium on the bench machine,
 * the first camera frame took 30–40 ms in the worker after one blank proof and about 22 ms after two with a face
 * (12 ms steady). Only the detector sees it; nothing is shown or reported.
 */
import type { FrameAnalyzer } from './analyzer.js';
import { MIN_ANALYSIS_WIDTH } from '../downscale.js';

// The size most camera frames are analysed at (see downscale.ts), so the first camera frame finds the detector's
// buffers and code paths already set up for it.
const PROOF_WIDTH = MIN_ANALYSIS_WIDTH;
const PROOF_HEIGHT = (MIN_ANALYSIS_WIDTH * 3) / 4;
const PROOF_RUNS = 2;

type Canvas2D = OffscreenCanvasRenderingContext2D;

/** Throws what the first real frame would have thrown. */
export function proveAnalyzer(analyzer: FrameAnalyzer): void {
  const bitmap = proofFrame();
  try {
    // Timestamps from 0: the camera's frames come later, so MediaPipe still sees increasing timestamps.
    for (let run = 0; run < PROOF_RUNS; run++) analyzer.analyze(bitmap, run, true);
  } finally {
    bitmap.close();
  }
}

/** The proof frame: the analysis size, the drawn face in its middle. The caller owns the bitmap. */
export function proofFrame(): ImageBitmap {
  const canvas = new OffscreenCanvas(PROOF_WIDTH, PROOF_HEIGHT);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('OffscreenCanvas 2D context is unavailable');
  drawFace(ctx, PROOF_WIDTH, PROOF_HEIGHT);
  return canvas.transferToImageBitmap();
}

/** A face as a child draws one, about a third of the frame high, on a grey wall. */
function drawFace(ctx: Canvas2D, width: number, height: number): void {
  const ellipse = (x: number, y: number, rx: number, ry: number, colour: string, from = 0, to = Math.PI * 2) => {
    ctx.fillStyle = colour;
    ctx.beginPath();
    ctx.ellipse(x, y, rx, ry, 0, from, to);
    ctx.fill();
  };
  const [cx, cy, r] = [width / 2, height / 2, height / 4];
  ctx.fillStyle = '#707a80';
  ctx.fillRect(0, 0, width, height);
  ellipse(cx, cy, r * 0.8, r, '#d9a888');
  ellipse(cx, cy - r * 0.85, r * 0.8, r * 0.35, '#3a2a20', Math.PI);
  for (const side of [-1, 1]) {
    ellipse(cx + side * r * 0.35, cy - r * 0.15, r * 0.16, r * 0.09, '#ffffff');
    ellipse(cx + side * r * 0.35, cy - r * 0.15, r * 0.07, r * 0.07, '#2a1a10');
  }
  ctx.fillStyle = '#c08870';
  ctx.beginPath();
  ctx.moveTo(cx, cy - r * 0.05);
  ctx.lineTo(cx - r * 0.1, cy + r * 0.25);
  ctx.lineTo(cx + r * 0.1, cy + r * 0.25);
  ctx.fill();
  ellipse(cx, cy + r * 0.5, r * 0.25, r * 0.08, '#a04848');
}
