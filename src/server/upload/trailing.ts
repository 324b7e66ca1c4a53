/**
 * Where a JPEG or PNG really ends. An image followed by more data is refused: the extra bytes are what a
 * polyglot hides (a ZIP whose directory sits at the end of the file, an HTML or script payload), and a parser
 * further down the line, at a provider or in an integrator's tooling, may read the file as that other type. The
 * widget never produces such files.
 */
import { httpError } from '../errors.js';
import { jpegEnd, pngEnd } from '../image-header.js';
import type { StillType } from './images.js';

/** Refuses bytes after the image's end marker (JPEG EOI, PNG IEND chunk). */
export function checkNothingAfterImage(bytes: Uint8Array, type: StillType, label: string): void {
  const end = type === 'image/jpeg' ? jpegEnd(bytes) : pngEnd(bytes);
  if (end === null) throw httpError('image-undecodable', `${label}: the image has no end marker`);
  if (end !== bytes.length) {
    throw httpError('unsupported-media-type', `${label}: ${bytes.length - end} bytes follow the end of the image (polyglot files are not accepted)`);
  }
}
