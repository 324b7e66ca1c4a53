/**
 * Image checks: header dimensions (read before any decoding, so a huge image is refused cheaply), a real decode
 * (jpeg-js / pngjs) proving the bytes are an image, a sharpness measure to pick a shotset's best frame, and JPEG
 * re-encoding for PNG stills (Kairos takes a JPEG selfie).
 */
import { decode as decodeJpegPixels, encode as encodeJpegPixels } from 'jpeg-js';
import { PNG } from 'pngjs';
import { httpError } from '../errors.js';
import { readJpegSize, readPngSize, type PixelSize } from '../image-header.js';
import { UPLOAD_LIMITS } from './limits.js';

export type StillType = 'image/jpeg' | 'image/png';

export interface DecodedImage extends PixelSize {
  /** RGBA, 4 bytes per pixel, row-major. */
  rgba: Uint8Array;
}

/** Dimensions from the header alone, or null when the header is not readable. */
export function readImageSize(bytes: Uint8Array, type: StillType | 'image/webp'): PixelSize | null {
  switch (type) {
    case 'image/jpeg':
      return readJpegSize(bytes);
    case 'image/png':
      return readPngSize(bytes);
    case 'image/webp':
      return readWebpSize(bytes);
  }
}

/** Refuses images whose header is unreadable, whose size is out of bounds. `label` names the part in messages. */
export function checkImageSize(size: PixelSize | null, label: string): PixelSize {
  if (size === null || size.width === 0 || size.height === 0) {
    throw httpError('image-undecodable', `${label}: the image header is not readable`);
  }
  const { width, height } = size;
  if (Math.max(width, height) > UPLOAD_LIMITS.maxImageSide || width * height > UPLOAD_LIMITS.maxImagePixels) {
    throw httpError(
      'image-too-large',
      `${label}: ${width}x${height} px is over the limit (${UPLOAD_LIMITS.maxImageSide} px per side, ${UPLOAD_LIMITS.maxImagePixels / 1e6} MP)`,
    );
  }
  if (Math.min(width, height) < UPLOAD_LIMITS.minImageSide) {
    throw httpError('image-too-small', `${label}: ${width}x${height} px; the shorter side must be at least ${UPLOAD_LIMITS.minImageSide} px`);
  }
  return size;
}

/** Decodes a JPEG or PNG whose header size was already checked; the decoded size must match the header. */
export function decodeStill(bytes: Uint8Array, type: StillType, expected: PixelSize, label: string): DecodedImage {
  let image: DecodedImage;
  try {
    image = type === 'image/jpeg' ? decodeJpeg(bytes) : decodePng(bytes);
  } catch (error) {
    throw httpError('image-undecodable', `${label}: the image does not decode`, { cause: error });
  }
  if (image.width !== expected.width || image.height !== expected.height) {
    throw httpError('image-undecodable', `${label}: decoded size differs from the header`);
  }
  return image;
}

export function encodeJpeg(image: DecodedImage, quality = 92): Uint8Array {
  const encoded = encodeJpegPixels({ width: image.width, height: image.height, data: image.rgba }, quality);
  return new Uint8Array(encoded.data.buffer, encoded.data.byteOffset, encoded.data.byteLength);
}

/**
 * Variance of the Laplacian of luma: a standard focus measure (a blurred frame has weak edges, so a low variance).
 * Sampled on a grid of at most ~256 px across so a 12 MP frame costs the same as a small one.
 */
export function sharpness(image: DecodedImage): number {
  const step = Math.max(1, Math.floor(Math.min(image.width, image.height) / 256));
  const luma = (x: number, y: number): number => {
    const offset = (y * image.width + x) * 4;
    return 0.299 * image.rgba[offset]! + 0.587 * image.rgba[offset + 1]! + 0.114 * image.rgba[offset + 2]!;
  };
  let count = 0;
  let sum = 0;
  let sumOfSquares = 0;
  for (let y = step; y < image.height - step; y += step) {
    for (let x = step; x < image.width - step; x += step) {
      const laplacian =
        luma(x - step, y) + luma(x + step, y) + luma(x, y - step) + luma(x, y + step) - 4 * luma(x, y);
      count += 1;
      sum += laplacian;
      sumOfSquares += laplacian * laplacian;
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  return sumOfSquares / count - mean * mean;
}

function decodeJpeg(bytes: Uint8Array): DecodedImage {
  const decoded = decodeJpegPixels(bytes, {
    useTArray: true,
    formatAsRGBA: true,
    maxResolutionInMP: UPLOAD_LIMITS.maxImagePixels / 1e6,
    maxMemoryUsageInMB: 512,
  });
  return { width: decoded.width, height: decoded.height, rgba: decoded.data };
}

function decodePng(bytes: Uint8Array): DecodedImage {
  const decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  return { width: decoded.width, height: decoded.height, rgba: new Uint8Array(decoded.data) };
}

/** WebP is not decoded (no decoder in the dependency set), only its header read: VP8, VP8L or VP8X. */
function readWebpSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 30) return null;
  const chunk = String.fromCharCode(...bytes.subarray(12, 16));
  const at = (index: number): number => bytes[index]!;
  switch (chunk) {
    case 'VP8 ':
      // Keyframe start code 9d 01 2a, then 14-bit width and height.
      if (at(23) !== 0x9d || at(24) !== 0x01 || at(25) !== 0x2a) return null;
      return { width: (at(26) | (at(27) << 8)) & 0x3fff, height: (at(28) | (at(29) << 8)) & 0x3fff };
    case 'VP8L': {
      if (at(20) !== 0x2f) return null;
      const bits = at(21) | (at(22) << 8) | (at(23) << 16) | (at(24) << 24);
      return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
    }
    case 'VP8X':
      return { width: 1 + (at(24) | (at(25) << 8) | (at(26) << 16)), height: 1 + (at(27) | (at(28) << 8) | (at(29) << 16)) };
    default:
      return null;
  }
}
