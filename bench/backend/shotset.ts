/**
 * The upload the backend bench sends: a one-frame shotset (a stored ZIP holding one JPEG), as the widget's
 * default `shotset` mode produces, made from the public-domain astronaut fixture. The frame is the astronaut cropped
 * to 512×600 and encoded with libvips (sharp) at the quality that lands closest to the target size (about 61 kB,
 * the size issue 9 measured), so every check carries a real, decodable photo of a face.
 */
import { fileURLToPath } from 'node:url';
import { zipSync } from 'fflate';
import sharp from 'sharp';
import { tagsForMode, type CaptureReport } from '../../src/shared/media.js';

const ASTRONAUT = fileURLToPath(new URL('../../test/fixtures/astronaut.png', import.meta.url));
const FRAME = { width: 512, height: 600 } as const;
const TARGET_BYTES = 61_000;

export interface BenchShotset {
  zip: Uint8Array;
  jpegBytes: number;
  jpegQuality: number;
  frame: { width: number; height: number };
  /** The report to send with a check (capturedAt filled in per request by `reportJson`). */
  report: Omit<CaptureReport, 'capturedAt'>;
}

/** The JPEG quality (50–100) whose size is closest to `targetBytes`; size grows with quality, so bisect. */
async function encodeNear(rgb: Buffer, targetBytes: number): Promise<{ jpeg: Uint8Array; quality: number }> {
  const encode = async (quality: number): Promise<Uint8Array> =>
    new Uint8Array(
      await sharp(rgb, { raw: { width: FRAME.width, height: FRAME.height, channels: 3 } })
        .jpeg({ quality })
        .toBuffer(),
    );
  let low = 50;
  let high = 100;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if ((await encode(middle)).length <= targetBytes) low = middle;
    else high = middle;
  }
  const candidates = await Promise.all([low, high].map(async (quality) => ({ quality, jpeg: await encode(quality) })));
  candidates.sort((a, b) => Math.abs(a.jpeg.length - targetBytes) - Math.abs(b.jpeg.length - targetBytes));
  const best = candidates[0];
  if (!best) throw new Error('no JPEG encoded');
  return best;
}

export async function makeBenchShotset(targetBytes = TARGET_BYTES): Promise<BenchShotset> {
  const rgb = await sharp(ASTRONAUT).removeAlpha().resize(FRAME.width, FRAME.height, { fit: 'cover' }).raw().toBuffer();
  const { jpeg, quality } = await encodeNear(rgb, targetBytes);
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
      tags: tagsForMode('shotset', 'portrait'),
      automatic: true,
      frame: { ...FRAME },
      face: { x: 156, y: 150, width: 200, height: 240 },
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

/** The whole `POST /checks` body, encoded once: every upload in a phase (and the floor server) gets these bytes. */
export async function uploadBody(shotset: BenchShotset): Promise<{ body: Uint8Array; contentType: string }> {
  const form = new FormData();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Node's Blob takes any Uint8Array, the DOM's (tsconfig.json reaches this file through bench/run.ts) only an ArrayBuffer-backed one
  form.append('media', new Blob([shotset.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'selfie.zip');
  form.append('report', reportJson(shotset));
  const encoded = new Response(form);
  const contentType = encoded.headers.get('content-type');
  if (contentType === null) throw new Error('FormData encoding gave no content type');
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType };
}
