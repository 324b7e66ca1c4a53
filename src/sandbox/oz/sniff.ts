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

/** Oz's default per-file limit (old formats page: "10 MB"; the emulator reads it as 10^7 bytes). */
export const MAX_FILE_BYTES = 10_000_000;
/** Media quality requirements: a liveness video of at most 5 s. */
export const MAX_VIDEO_SECONDS = 5;

/**
 * The media kind, after Oz's documented limits: images JPEG/PNG only (so WebP is refused), 10 MB per file, a shot
 * set of JPEG/PNG frames, and an MP4/MOV of at most 5 s when its `mvhd` states a duration.
 */
export function sniffMediaKind(bytes: Uint8Array, declaredType: string): OzMediaKind {
  if (bytes.byteLength > MAX_FILE_BYTES) {
    throw invalidValue(`File is over the ${MAX_FILE_BYTES} bytes limit`, { size: bytes.byteLength });
  }
  if (isJpeg(bytes) || isPng(bytes)) return 'IMAGE';
  if (isIsoMedia(bytes)) {
    const seconds = mvhdSeconds(bytes);
    if (seconds !== null && seconds > MAX_VIDEO_SECONDS) {
      throw invalidValue(`Video lasts ${seconds} s, over the ${MAX_VIDEO_SECONDS} s limit`);
    }
    return 'VIDEO';
  }
  if (isWebm(bytes)) return 'VIDEO';
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
  const files = Object.entries(entries).filter(([name]) => !name.endsWith('/'));
  if (files.length === 0) throw invalidValue('Shot set holds no JPEG or PNG images');
  const other = files.find(([, entry]) => !(isJpeg(entry) || isPng(entry)));
  if (other) throw invalidValue('Shot set frames must be JPEG or PNG images', { entry: other[0] });
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

/**
 * Seconds stated by the movie header: finds the `mvhd` tag anywhere in the file (it is small and near the start
 * or the end), then reads timescale and duration for header version 0 or 1. Null when there is none.
 */
function mvhdSeconds(bytes: Uint8Array): number | null {
  for (let i = 4; i + 4 <= bytes.length; i++) {
    if (bytes[i] !== 0x6d || bytes[i + 1] !== 0x76 || bytes[i + 2] !== 0x68 || bytes[i + 3] !== 0x64) continue;
    const body = i + 4;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const version = bytes[body];
    if (version === 0 && body + 20 <= bytes.length) {
      const timescale = view.getUint32(body + 12);
      return timescale ? view.getUint32(body + 16) / timescale : null;
    }
    if (version === 1 && body + 32 <= bytes.length) {
      const timescale = view.getUint32(body + 20);
      return timescale ? Number(view.getBigUint64(body + 24)) / timescale : null;
    }
    return null;
  }
  return null;
}
