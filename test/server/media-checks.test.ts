/** The pure media helpers: magic-byte sniffing, header dimensions, sharpness, CRC-32. */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/server/upload/crc32.js';
import { laplacianVariance, lumaPlane } from '../../src/shared/sharpness.js';
import { readImageSize, validateUpload } from '../../src/server/upload/validate.js';
import { sniffContentType } from '../../src/server/upload/sniff.js';
import { jpeg, mp4, png, report, zip } from './support/backend.js';

const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

function webpVp8x(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(30);
  bytes.set(ascii('RIFF'), 0);
  bytes.set(ascii('WEBP'), 8);
  bytes.set(ascii('VP8X'), 12);
  const w = width - 1;
  const h = height - 1;
  bytes.set([w & 0xff, (w >> 8) & 0xff, (w >> 16) & 0xff, h & 0xff, (h >> 8) & 0xff, (h >> 16) & 0xff], 24);
  return bytes;
}

describe('sniffContentType', () => {
  it.each([
    ['JPEG', jpeg(320, 320), 'image/jpeg'],
    ['PNG', png(320, 320), 'image/png'],
    ['WebP', webpVp8x(640, 480), 'image/webp'],
    ['ZIP', zip({ 'a.jpg': new Uint8Array([1]) }), 'application/zip'],
    ['MP4', mp4(), 'video/mp4'],
    ['WebM', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84, ...ascii('webm'), 0, 0]), 'video/webm'],
    [
      'Matroska (not WebM)',
      new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...ascii('matroska')]),
      null,
    ],
    ['text', new TextEncoder().encode('<html>hello</html>'), null],
    ['empty', new Uint8Array(0), null],
  ])('%s', (_label, bytes, expected) => {
    expect(sniffContentType(bytes)).toBe(expected);
  });
});

describe('readImageSize', () => {
  it('reads JPEG, PNG and WebP headers without decoding', () => {
    expect(readImageSize(jpeg(333, 444), 'image/jpeg')).toEqual({ width: 333, height: 444 });
    expect(readImageSize(png(320, 310), 'image/png')).toEqual({ width: 320, height: 310 });
    expect(readImageSize(webpVp8x(1280, 720), 'image/webp')).toEqual({ width: 1280, height: 720 });
    expect(readImageSize(new Uint8Array([0xff, 0xd8, 0xff, 0x00]), 'image/jpeg')).toBeNull();
  });
});

describe('sharpness', () => {
  it('gives the Kairos still from the sharpest shotset frame, wherever it sits', async () => {
    for (const names of [
      ['noise.jpg', 'smooth.jpg', 'smooth.png'],
      ['smooth.jpg', 'smooth.png', 'noise.jpg'],
    ]) {
      const frames = Object.fromEntries(
        names.map((name) => [
          name,
          name === 'noise.jpg'
            ? jpeg(480, 640, 'noise')
            : name.endsWith('.png')
              ? png(480, 640, 'smooth')
              : jpeg(480, 640, 'smooth'),
        ]),
      );
      const { info, media } = await validateUpload({
        media: zip(frames),
        selfie: null,
        report: JSON.stringify(report('shotset', { frameCount: 3 })),
      });
      expect(info.selfieSource).toBe('shotset-sharpest:noise.jpg');
      expect(media.selfieJpeg).toEqual(frames['noise.jpg']);
      expect(media.frames).toHaveLength(3);
    }
  });

  it('is the variance of the 4-neighbour Laplacian of Rec.601 luma', () => {
    const flat = lumaPlane(new Uint8Array(5 * 5 * 3).fill(90), 5, 5, 3);
    expect(laplacianVariance(flat, 5, 5)).toBe(0);
    // A 4x4 checkerboard of 0/255 greys: every interior Laplacian is ±4·255, so the variance is (4·255)².
    const board = new Uint8Array(4 * 4).map((_, i) => (((i % 4) + Math.floor(i / 4)) % 2) * 255);
    expect(laplacianVariance(lumaPlane(board, 4, 4, 1), 4, 4)).toBeCloseTo((4 * 255) ** 2, 6);
    // Sampled every second pixel, the same board is flat (every sample and neighbour has the same colour).
    const big = new Uint8Array(9 * 9).map((_, i) => (((i % 9) + Math.floor(i / 9)) % 2) * 255);
    expect(laplacianVariance(lumaPlane(big, 9, 9, 1), 9, 9, 2)).toBe(0);
    expect(laplacianVariance(flat, 2, 12)).toBeNull();
    expect(() => lumaPlane(new Uint8Array(10), 2, 2, 3)).toThrow(RangeError);
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
