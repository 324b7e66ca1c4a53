/**
 * Media kind from the file's bytes (§1.3: the type comes from the file, not from the client's label): ZIP is a shot
 * set, JPEG/PNG an image, MP4/MOV/WebM a video. A shot set must hold at least one image.
 */
import { unzipSync } from 'fflate';
import { invalidValue } from './errors.js';

export type OzMediaKind = 'IMAGE' | 'VIDEO' | 'SHOTS_SET';

const startsWith = (bytes: Uint8Array, prefix: number[], offset = 0): boolean =>
  prefix.every((byte, i) => bytes[offset + i] === byte);

const isJpeg = (bytes: Uint8Array): boolean => startsWith(bytes, [0xff, 0xd8, 0xff]);
const isPng = (bytes: Uint8Array): boolean => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const isZip = (bytes: Uint8Array): boolean => startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]);
/** ISO base media (MP4, MOV): a `ftyp` box right after the 4-byte box size. */
const isIsoMedia = (bytes: Uint8Array): boolean => startsWith(bytes, [0x66, 0x74, 0x79, 0x70], 4);
/** Matroska/WebM EBML header. */
const isWebm = (bytes: Uint8Array): boolean => startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3]);

export function sniffMediaKind(bytes: Uint8Array, declaredType: string): OzMediaKind {
  if (isJpeg(bytes) || isPng(bytes)) return 'IMAGE';
  if (isIsoMedia(bytes) || isWebm(bytes)) return 'VIDEO';
  if (isZip(bytes)) {
    assertShotSet(bytes);
    return 'SHOTS_SET';
  }
  throw invalidValue('Unsupported media type', { declared_type: declaredType || null });
}

function assertShotSet(bytes: Uint8Array): void {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw invalidValue('Shot set is not a readable ZIP archive');
  }
  const images = Object.values(entries).filter((entry) => isJpeg(entry) || isPng(entry));
  if (images.length === 0) throw invalidValue('Shot set holds no JPEG or PNG images');
}

/** `media_type` as Oz reports it; the shot-set value is unconfirmed (open question 4). */
export function mediaTypeName(kind: OzMediaKind): string {
  switch (kind) {
    case 'IMAGE':
      return 'IMAGE_FOLDER';
    case 'VIDEO':
      return 'VIDEO_FOLDER';
    case 'SHOTS_SET':
      return 'SHOTS_SET_FOLDER';
  }
}
