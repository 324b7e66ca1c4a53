/**
 * The upload the backend bench sends: a one-frame shotset (a stored ZIP holding one JPEG), as the widget's
 * default `shotset` mode produces, made from the public-domain astronaut fixture. The frame is the astronaut
 * scaled up to the widget's usual 640×480 capture and encoded with jpeg-js at the quality that lands closest to
 * the target size (about 100 KB), so every check carries a real, decodable photo of a face.
 */
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { crop, loadPng, resize, type RgbImage } from '../../tools/image-ops.js';
import { tagsForMode, type CaptureReport } from '../../src/shared/media.js';

const ASTRONAUT = fileURLToPath(new URL('../../test/fixtures/astronaut.png', import.meta.url));
const FRAME = { width: 640, height: 480 } as const;

export interface BenchShotset {
  zip: Uint8Array;
  jpegBytes: number;
  jpegQuality: number;
  frame: { width: number; height: number };
  /** The report to send with a check (capturedAt filled in per request by `reportJson`). */
  report: Omit<CaptureReport, 'capturedAt'>;
}

function coverFrame(source: RgbImage): RgbImage {
  const scale = Math.max(FRAME.width / source.width, FRAME.height / source.height);
  const scaled = resize(source, Math.ceil(source.width * scale), Math.ceil(source.height * scale));
  return crop(
    scaled,
    Math.floor((scaled.width - FRAME.width) / 2),
    Math.floor((scaled.height - FRAME.height) / 2),
    FRAME.width,
    FRAME.height,
  );
}

function toRgba(image: RgbImage): Buffer {
  const rgba = Buffer.alloc(image.width * image.height * 4);
  for (let i = 0, o = 0; i < image.data.length; i += 3, o += 4) {
    rgba[o] = image.data[i] ?? 0;
    rgba[o + 1] = image.data[i + 1] ?? 0;
    rgba[o + 2] = image.data[i + 2] ?? 0;
    rgba[o + 3] = 255;
  }
  return rgba;
}

/** The JPEG quality (50–100) whose size is closest to `targetBytes`; size grows with quality, so bisect. */
function encodeNear(rgba: Buffer, targetBytes: number): { jpeg: Uint8Array; quality: number } {
  const encode = (quality: number): Uint8Array =>
    new Uint8Array(encodeJpeg({ data: rgba, width: FRAME.width, height: FRAME.height }, quality).data);
  let low = 50;
  let high = 100;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (encode(middle).length <= targetBytes) low = middle;
    else high = middle;
  }
  const candidates = [low, high].map((quality) => ({ quality, jpeg: encode(quality) }));
  candidates.sort((a, b) => Math.abs(a.jpeg.length - targetBytes) - Math.abs(b.jpeg.length - targetBytes));
  const best = candidates[0];
  if (!best) throw new Error('no JPEG encoded');
  return best;
}

export function makeBenchShotset(targetBytes = 100_000): BenchShotset {
  const frame = coverFrame(loadPng(ASTRONAUT));
  const { jpeg, quality } = encodeNear(toRgba(frame), targetBytes);
  // Stored, not deflated: what the widget's packShotset does (JPEG does not compress further).
  const zip = zipSync({ 'frame_000.jpg': [jpeg, { level: 0 }] });
  return {
    zip,
    jpegBytes: jpeg.length,
    jpegQuality: quality,
    frame: { ...FRAME },
    report: {
      version: 1,
      mode: 'shotset',
      tags: tagsForMode('shotset', 'landscape'),
      automatic: true,
      frame: { ...FRAME },
      face: { x: 240, y: 120, width: 160, height: 160 },
      metrics: {},
      elapsedMs: 1500,
      frameCount: 1,
    },
  };
}

export function reportJson(shotset: BenchShotset): string {
  const report: CaptureReport = { ...shotset.report, capturedAt: new Date().toISOString() };
  return JSON.stringify(report);
}
