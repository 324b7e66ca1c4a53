/**
 * Reads the pixel size of a JPEG or PNG from its header, without decoding pixels: the emulator only needs the
 * size to apply Kairos's limits, and a header walk costs nothing even for a 5000 px upload.
 */

export interface ImageSize {
  format: 'jpeg' | 'png';
  width: number;
  height: number;
}

/** The size of a JPEG or PNG, or null when the bytes are neither (or the header is broken). */
export function readImageSize(bytes: Uint8Array): ImageSize | null {
  return readPngSize(bytes) ?? readJpegSize(bytes);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function readPngSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // IHDR must be the first chunk: length(4) "IHDR"(4) width(4) height(4).
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunkType !== 'IHDR') return null;
  return sized('png', view.getUint32(16), view.getUint32(20));
}

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length field. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

function readJpegSize(bytes: Uint8Array): ImageSize | null {
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    // Any number of 0xFF fill bytes may precede a marker.
    while (offset < bytes.length && bytes[offset] === 0xff) offset += 1;
    const marker = bytes[offset];
    offset += 1;
    if (marker === undefined) return null;
    if (isStandalone(marker)) continue;
    // Entropy-coded data follows SOS, and EOI ends the image: a frame header was never found.
    if (marker === 0xda || marker === 0xd9) return null;
    if (offset + 2 > bytes.length) return null;
    const length = view.getUint16(offset);
    if (isStartOfFrame(marker)) {
      // length(2) precision(1) height(2) width(2)
      if (offset + 7 > bytes.length) return null;
      return sized('jpeg', view.getUint16(offset + 5), view.getUint16(offset + 3));
    }
    if (length < 2) return null;
    offset += length;
  }
  return null;
}

function sized(format: ImageSize['format'], width: number, height: number): ImageSize | null {
  return width > 0 && height > 0 ? { format, width, height } : null;
}
