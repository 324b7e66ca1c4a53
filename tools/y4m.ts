/**
 * @module
 * YUV4MPEG2 writer for Chromium's fake camera (`--use-file-for-fake-video-capture=<file>.y4m`), which reads 4:2:0
 * frames and loops the file.
 *
 * Range: Chromium ignores the y4m colour tags and shows fake-camera frames as BT.601 *limited* range (measured with
 * Chromium 156: full-range Y 16 came out as RGB 0, Y 235 as 255, Y 64 as 56). Clips are therefore written in
 * limited range, so the page sees the RGB the generator drew (±1) and luma thresholds calibrate against the intended
 * scene instead of a contrast-stretched one. `C420jpeg` only states chroma siting (centred), not range.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import type { RgbImage } from './image-ops.js';

/** The three planes of one I420 frame: full-size luma, then quarter-size Cb and Cr. */
export interface I420Frame {
  y: Uint8Array;
  u: Uint8Array;
  v: Uint8Array;
}

export function y4mHeader(width: number, height: number, fps: number): string {
  return `YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\n`;
}

/** Bytes of one frame including its `FRAME\n` marker. */
export function y4mFrameByteLength(width: number, height: number): number {
  return 'FRAME\n'.length + width * height + 2 * (width / 2) * (height / 2);
}

function toByte(value: number): number {
  return value <= 0 ? 0 : value >= 255 ? 255 : Math.round(value);
}

/** `limited`: Y 16–235, Cb/Cr 16–240 (what Chromium's fake camera assumes); `full`: 0–255 (JPEG). */
export type YuvRange = 'limited' | 'full';

/**
 * RGB → I420 with BT.601 coefficients. Chroma is computed from the mean RGB of each 2×2 block (the conversion is
 * linear, so this equals averaging per-pixel chroma, with one rounding instead of four).
 */
export function rgbToI420(image: RgbImage, range: YuvRange = 'limited'): I420Frame {
  const { width, height, data } = image;
  if (width % 2 !== 0 || height % 2 !== 0) throw new RangeError(`4:2:0 needs even sizes, got ${width}×${height}`);
  const y = new Uint8Array(width * height);
  const u = new Uint8Array((width / 2) * (height / 2));
  const v = new Uint8Array((width / 2) * (height / 2));
  const lumaScale = range === 'limited' ? 219 / 255 : 1;
  const lumaOffset = range === 'limited' ? 16 : 0;
  const chromaScale = range === 'limited' ? 224 / 255 : 1;
  for (let i = 0, o = 0; i < y.length; i++, o += 3) {
    y[i] = toByte(lumaOffset + lumaScale * (0.299 * data[o]! + 0.587 * data[o + 1]! + 0.114 * data[o + 2]!));
  }
  for (let by = 0; by < height / 2; by++) {
    for (let bx = 0; bx < width / 2; bx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (const [dx, dy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const o = ((by * 2 + dy) * width + bx * 2 + dx) * 3;
        r += data[o]!;
        g += data[o + 1]!;
        b += data[o + 2]!;
      }
      r /= 4;
      g /= 4;
      b /= 4;
      const c = by * (width / 2) + bx;
      u[c] = toByte(128 + chromaScale * (-0.168736 * r - 0.331264 * g + 0.5 * b));
      v[c] = toByte(128 + chromaScale * (0.5 * r - 0.418688 * g - 0.081312 * b));
    }
  }
  return { y, u, v };
}

/**
 * Writes `frames` (all the same even size) as a limited-range y4m file (see the module note on range). The file
 * is written under a temporary name and renamed into place, so a browser started concurrently never reads a
 * half-written clip.
 * @throws RangeError when there are no frames, sizes differ, or a size is odd.
 */
export async function writeY4m(path: string, frames: readonly RgbImage[], fps = 30): Promise<void> {
  const first = frames[0];
  if (!first) throw new RangeError('a y4m clip needs at least one frame');
  const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const file = await open(temporary, 'w');
  try {
    await file.write(y4mHeader(first.width, first.height, fps), null, 'latin1');
    for (const frame of frames) {
      if (frame.width !== first.width || frame.height !== first.height) {
        throw new RangeError(`frame is ${frame.width}×${frame.height}, clip is ${first.width}×${first.height}`);
      }
      const planes = rgbToI420(frame, 'limited');
      await file.write(Buffer.concat([Buffer.from('FRAME\n', 'latin1'), planes.y, planes.u, planes.v]));
    }
    await file.close();
    await rename(temporary, path);
  } catch (error) {
    await file.close().catch(() => undefined);
    await rm(temporary, { force: true });
    throw error;
  }
}
