/**
 * The pixel size of a selfie, read from its header without decoding pixels: the emulator only needs the size to
 * apply Kairos's limits, and a header walk costs nothing even for a 5000 px upload.
 */
import { readJpegSize, readPngSize, type PixelSize } from '../../image-header.js';

export interface ImageSize extends PixelSize {
  format: 'jpeg' | 'png';
}

/** The size of a JPEG or PNG, or null when the bytes are neither (or the header is broken or names no pixels). */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  return tagged('png', readPngSize(bytes)) ?? tagged('jpeg', readJpegSize(bytes));
}

function tagged(format: ImageSize['format'], size: PixelSize | null): ImageSize | null {
  return size && size.width > 0 && size.height > 0 ? { format, ...size } : null;
}
