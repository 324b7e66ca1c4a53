/** The pure media helpers: magic-byte sniffing, header dimensions, sharpness, CRC-32. */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/server/upload/crc32.js';
import { decodeStill, readImageSize, sharpness } from '../../src/server/upload/images.js';
import { sniffContentType } from '../../src/server/upload/sniff.js';
import { jpeg, mp4, png, zip } from './support/backend.js';

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
    ['Matroska (not WebM)', new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x88, ...ascii('matroska')]), null],
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
  it('scores a noisy frame above a smooth one', () => {
    const decode = (bytes: Uint8Array) => decodeStill(bytes, 'image/jpeg', { width: 480, height: 640 }, 'test');
    expect(sharpness(decode(jpeg(480, 640, 'noise')))).toBeGreaterThan(10 * sharpness(decode(jpeg(480, 640, 'smooth'))));
  });
});

describe('crc32', () => {
  it('matches the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });
});
