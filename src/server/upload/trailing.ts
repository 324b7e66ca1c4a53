/**
 * Where a JPEG or PNG really ends. An image followed by more data is refused: the extra bytes are what a
 * polyglot hides (a ZIP whose directory sits at the end of the file, an HTML or script payload), and a parser
 * further down the line, at a provider or in an integrator's tooling, may read the file as that other type. The
 * widget never produces such files.
 */
import { httpError } from '../errors.js';
import type { StillType } from './images.js';

/** Refuses bytes after the image's end marker (JPEG EOI, PNG IEND chunk). */
export function checkNothingAfterImage(bytes: Uint8Array, type: StillType, label: string): void {
  const end = type === 'image/jpeg' ? jpegEnd(bytes) : pngEnd(bytes);
  if (end === null) throw httpError('image-undecodable', `${label}: the image has no end marker`);
  if (end !== bytes.length) {
    throw httpError('unsupported-media-type', `${label}: ${bytes.length - end} bytes follow the end of the image (polyglot files are not accepted)`);
  }
}

const STANDALONE_MARKERS = new Set([0x01, 0xd0, 0xd1, 0xd2, 0xd3, 0xd4, 0xd5, 0xd6, 0xd7, 0xd8]);

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
    if (STANDALONE_MARKERS.has(marker)) {
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

const PNG_SIGNATURE_LENGTH = 8;

/** The offset just past the IEND chunk, walking chunk lengths; null if malformed. */
export function pngEnd(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE_LENGTH;
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
