/**
 * Content types from magic bytes. The client's declared type and file name are never trusted: what the bytes
 * are decides how they are checked and what the providers are told.
 */
import type { MediaKind } from '../../shared/media.js';

export const SNIFFED_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'application/zip',
  'video/mp4',
  'video/webm',
] as const;
export type SniffedType = (typeof SNIFFED_TYPES)[number];

export const KIND_OF: Readonly<Record<SniffedType, MediaKind>> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'application/zip': 'shotset',
  'video/mp4': 'video',
  'video/webm': 'video',
};

export const EXTENSION_OF: Readonly<Record<SniffedType, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/zip': 'zip',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};

export function sniffContentType(bytes: Uint8Array): SniffedType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  // A local file header, or the end record of an empty archive (refused later as having no frames).
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06]))
    return 'application/zip';
  if (isMp4(bytes)) return 'video/mp4';
  if (isWebm(bytes)) return 'video/webm';
  return null;
}

/** Archive formats that must never appear inside a shotset. */
export function isArchive(bytes: Uint8Array): boolean {
  return (
    startsWith(bytes, [0x50, 0x4b]) || // zip (any record)
    startsWith(bytes, [0x1f, 0x8b]) || // gzip
    ascii(bytes, 0, 4) === 'Rar!' ||
    startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || // 7z
    ascii(bytes, 257, 5) === 'ustar' // tar
  );
}

/** ISO BMFF starts with an `ftyp` box: 4-byte size, then the type, then a major brand. */
function isMp4(bytes: Uint8Array): boolean {
  if (bytes.length < 12 || ascii(bytes, 4, 4) !== 'ftyp') return false;
  const boxSize = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return boxSize >= 12 && boxSize <= bytes.length;
}

/** An EBML header whose DocType is `webm` (plain Matroska is not accepted). */
function isWebm(bytes: Uint8Array): boolean {
  if (!startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return false;
  const header = ascii(bytes, 4, Math.min(64, bytes.length - 4));
  return header.includes('webm');
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((value, index) => bytes[index] === value);
}

function ascii(bytes: Uint8Array, offset: number, length: number): string {
  if (bytes.length < offset + length) return '';
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}
