/**
 * JPEG and PNG structure read from the bytes, without decoding pixels: the pixel size (so a huge image is refused
 * before paying for a decode) and where the image really ends. The upload validator and the Kairos emulator both
 * read headers here, so the backend and the sandbox it is tested against cannot disagree about a file's size.
 */

export interface PixelSize {
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}

/** Markers that stand alone, without a length field: TEM, RST0..RST7 and SOI. */
function isStandalone(marker: number): boolean {
  return marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8);
}

/** The size from IHDR, which must be the first chunk; null when the bytes are not a PNG. */
export function readPngSize(bytes: Uint8Array): PixelSize | null {
  if (bytes.length < 24 || !PNG_SIGNATURE.every((byte, index) => bytes[index] === byte)) return null;
  // length(4) "IHDR"(4) width(4) height(4)
  if (String.fromCharCode(...bytes.subarray(12, 16)) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The size from the first start-of-frame segment; null when the bytes are not a JPEG or the header is broken. */
export function readJpegSize(bytes: Uint8Array): PixelSize | null {
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
      return { width: view.getUint16(offset + 5), height: view.getUint16(offset + 3) };
    }
    if (length < 2) return null;
    offset += length;
  }
  return null;
}

/** The offset just past EOI, walking segments and skipping entropy-coded data after each SOS; null if malformed. */
export function jpegEnd(bytes: Uint8Array): number | null {
  let offset = 2;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return offset + 2;
    if (isStandalone(marker)) {
      offset += 2;
      continue;
    }
    if (offset + 3 >= bytes.length) return null;
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (length < 2) return null;
    offset += 2 + length;
    if (marker === 0xda) offset = skipEntropyCodedData(bytes, offset);
  }
  return null;
}

/** Scan data ends at the first marker that is neither a stuffed 0xFF00 nor a restart marker. */
function skipEntropyCodedData(bytes: Uint8Array, start: number): number {
  let offset = start;
  while (offset + 1 < bytes.length) {
    if (bytes[offset] !== 0xff) {
      offset += 1;
      continue;
    }
    const next = bytes[offset + 1]!;
    if (next === 0x00 || (next >= 0xd0 && next <= 0xd7)) offset += 2;
    else if (next === 0xff) offset += 1;
    else return offset;
  }
  return bytes.length;
}

/** The offset just past the IEND chunk, walking chunk lengths; null if malformed. */
export function pngEnd(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE.length;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(bytes[offset + 4]!, bytes[offset + 5]!, bytes[offset + 6]!, bytes[offset + 7]!);
    const next = offset + 12 + length;
    if (next > bytes.length) return null;
    if (type === 'IEND') return next;
    offset = next;
  }
  return null;
}
