/**
 * Turns the parts of an upload into the CheckMedia the providers get, or refuses it with a stable error code.
 * Pure CPU work with no IO: nothing is stored until every check here has passed.
 *
 * The still Kairos gets (selfieJpeg):
 * - image: the image itself when it is a JPEG, a JPEG re-encoding when it is a PNG; a WebP image (not decodable
 *   here) needs a `selfie` part;
 * - shotset: the sharpest entry (variance of the Laplacian; the first one on a tie), re-encoded when it is a PNG;
 * - video: the `selfie` part (required), re-encoded when it is a PNG.
 */
import type { CaptureReport } from '../../shared/media.js';
import { httpError } from '../errors.js';
import type { PixelSize } from '../image-header.js';
import type { CheckMedia } from '../providers/types.js';
import type { CheckMediaInfo } from '../store/types.js';
import { checkImageSize, decodeStill, encodeJpeg, readImageSize, sharpness, type StillType } from './images.js';
import { checkReportMatchesMedia, parseReport } from './report.js';
import { EXTENSION_OF, KIND_OF, sniffContentType, type SniffedType } from './sniff.js';
import { checkNothingAfterImage } from './trailing.js';
import { extractShotset } from './zip.js';

export interface UploadParts {
  media: Uint8Array;
  /** The optional `selfie` part. */
  selfie: Uint8Array | null;
  /** The `report` field as sent. */
  report: string | null;
}

export interface ValidatedUpload {
  media: CheckMedia;
  info: CheckMediaInfo;
  report: CaptureReport;
}

interface Still {
  jpeg: Uint8Array;
  size: PixelSize;
  source: string;
}

export function validateUpload(parts: UploadParts): ValidatedUpload {
  const contentType = sniffContentType(parts.media);
  if (contentType === null) {
    throw httpError('unsupported-media-type', 'media must be JPEG, PNG, WebP, a ZIP shotset, MP4 or WebM (judged by its bytes)');
  }
  const kind = KIND_OF[contentType];
  const report = parseReport(parts.report);
  // Cheap consistency first, so a mismatched upload is refused before any decoding.
  checkReportMatchesMedia(report, kind, null);
  const selfiePart = parts.selfie === null ? null : stillFromSelfiePart(parts.selfie);

  let still: Still;
  let frames: Uint8Array[] | undefined;
  if (contentType === 'image/jpeg' || contentType === 'image/png') {
    still = stillFromImage(parts.media, contentType, 'media', 'image');
  } else if (contentType === 'image/webp') {
    checkImageSize(readImageSize(parts.media, 'image/webp'), 'media');
    still = requireSelfiePart(selfiePart, 'a WebP image');
  } else if (contentType === 'application/zip') {
    const shotset = stillsFromShotset(parts.media);
    checkReportMatchesMedia(report, kind, shotset.frames.length);
    frames = shotset.frames;
    still = shotset.best;
  } else {
    still = requireSelfiePart(selfiePart, 'a video');
  }

  const fileName = `capture.${EXTENSION_OF[contentType]}`;
  const media: CheckMedia = {
    kind,
    contentType,
    fileName,
    bytes: parts.media,
    tags: [...report.tags],
    selfieJpeg: still.jpeg,
    selfieSize: still.size,
    ...(frames ? { frames } : {}),
  };
  const info: CheckMediaInfo = {
    kind,
    contentType,
    fileName,
    bytes: parts.media.length,
    tags: [...report.tags],
    selfieSize: still.size,
    selfieSource: still.source,
    frameCount: frames?.length ?? 1,
  };
  return { media, info, report };
}

/** Rebuilds the CheckMedia of an accepted check from its stored bytes (after a restart). */
export function restoreCheckMedia(info: CheckMediaInfo, bytes: Uint8Array, selfieJpeg: Uint8Array): CheckMedia {
  const media: CheckMedia = {
    kind: info.kind,
    contentType: info.contentType,
    fileName: info.fileName,
    bytes,
    tags: [...info.tags],
    selfieJpeg,
    selfieSize: info.selfieSize,
  };
  if (info.kind === 'shotset') media.frames = stillsFromShotset(bytes).frames;
  return media;
}

function stillFromImage(bytes: Uint8Array, type: StillType, label: string, source: string): Still {
  const size = checkImageSize(readImageSize(bytes, type), label);
  const decoded = decodeStill(bytes, type, size, label);
  checkNothingAfterImage(bytes, type, label);
  if (type === 'image/jpeg') return { jpeg: bytes, size, source };
  return { jpeg: encodeJpeg(decoded), size, source: `${source}-reencoded` };
}

function stillFromSelfiePart(bytes: Uint8Array): Still {
  const type = sniffContentType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') {
    throw httpError('unsupported-media-type', 'the selfie part must be a JPEG (or PNG) image');
  }
  return stillFromImage(bytes, type, 'selfie', 'selfie-part');
}

function requireSelfiePart(selfie: Still | null, what: string): Still {
  if (selfie === null) throw httpError('invalid-request', `${what} needs a JPEG "selfie" part`);
  return selfie;
}

function stillsFromShotset(bytes: Uint8Array): { frames: Uint8Array[]; best: Still } {
  const entries = extractShotset(bytes);
  const frames: Uint8Array[] = [];
  let best: (Still & { sharpness: number }) | null = null;
  for (const entry of entries) {
    const type: SniffedType | null = sniffContentType(entry.bytes);
    if (type !== 'image/jpeg' && type !== 'image/png') {
      throw httpError('unsupported-media-type', `shotset entry "${entry.name}" is not a JPEG or PNG image`);
    }
    const label = `shotset entry "${entry.name}"`;
    const size = checkImageSize(readImageSize(entry.bytes, type), label);
    const decoded = decodeStill(entry.bytes, type, size, label);
    checkNothingAfterImage(entry.bytes, type, label);
    const jpeg = type === 'image/jpeg' ? entry.bytes : encodeJpeg(decoded);
    frames.push(jpeg);
    const score = sharpness(decoded);
    if (best === null || score > best.sharpness) {
      const reencoded = type === 'image/png' ? '-reencoded' : '';
      best = { jpeg, size, source: `shotset-sharpest${reencoded}:${entry.name}`, sharpness: score };
    }
  }
  if (best === null) throw httpError('invalid-zip', 'the archive holds no frames');
  return { frames, best: { jpeg: best.jpeg, size: best.size, source: best.source } };
}
