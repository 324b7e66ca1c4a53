/**
 * The upload pipeline: turns the parts of an upload into the CheckMedia the providers get, or refuses it with a
 * stable error code. It runs straight through, in this order, and stores nothing (that happens only once every
 * step has passed):
 *
 * 1. sniff   - what the bytes are (never what the client says they are);
 * 2. report  - the capture report parsed, and checked to describe that kind of media;
 * 3. limits  - every image's header size, its end marker (nothing may follow it), every archive limit and the
 *              report's frame count, all before a single pixel is decoded;
 * 4. decode  - every still decoded by libvips (sharp), which proves the bytes are an image; a PNG is re-encoded
 *              to JPEG (Kairos takes a JPEG selfie);
 * 5. measure - a shotset frame's sharpness (the shared Laplacian measure), to pick the still Kairos gets;
 * 6. assemble the CheckMedia and what the store keeps about it.
 *
 * The still Kairos gets (selfieJpeg):
 * - image: the image itself when it is a JPEG, a JPEG re-encoding when it is a PNG; a WebP image (only its header
 *   is read) needs a `selfie` part;
 * - shotset: the sharpest entry (the first one on a tie), re-encoded when it is a PNG;
 * - video: the `selfie` part (required), re-encoded when it is a PNG.
 */
import sharp, { type SharpOptions } from 'sharp';
import type { CaptureReport } from '../../shared/media.js';
import { laplacianVariance, lumaPlane } from '../../shared/sharpness.js';
import { httpError } from '../errors.js';
import { jpegEnd, pngEnd, readJpegSize, readPngSize, type PixelSize } from '../image-header.js';
import type { CheckMedia } from '../providers/types.js';
import type { CheckMediaInfo } from '../store/types.js';
import { UPLOAD_LIMITS } from './limits.js';
import { checkReportMatchesMedia, parseReport } from './report.js';
import { EXTENSION_OF, KIND_OF, sniffContentType } from './sniff.js';
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

export type StillType = 'image/jpeg' | 'image/png';

/** A still that passed step 3: its type is known, its header size is within limits, nothing follows its end. */
interface CheckedStill {
  bytes: Uint8Array;
  type: StillType;
  size: PixelSize;
  /** Names the part in messages: `media`, `selfie`, `shotset entry "f.jpg"`. */
  label: string;
  /** A shotset entry's file name. */
  entryName?: string;
}

/** A still that passed step 4 (and 5 when measured). */
interface DecodedStill extends CheckedStill {
  jpeg: Uint8Array;
  sharpness: number | null;
}

/**
 * libvips refuses on any decoder warning, not only on errors: by default libjpeg fills a damaged or truncated scan
 * with grey and reports success, which would let a corrupt JPEG through.
 */
const DECODE_OPTIONS: SharpOptions = { failOn: 'warning', limitInputPixels: UPLOAD_LIMITS.maxImagePixels };

/**
 * JPEGs are decoded at half size (libjpeg's DCT scaling: fewer pixels to reconstruct and copy, every coefficient
 * still entropy-decoded). Half and not less: measured on randomly damaged scans, a 1/2 decode refuses exactly the
 * files a full decode refuses, while 1/4 and 1/8 let some through.
 */
const JPEG_SHRINK = 2;
/** Sharpness is sampled on a grid of about this many points across the shorter side, whatever the frame size. */
const SHARPNESS_GRID = 256;
const REENCODE_QUALITY = 92;

export async function validateUpload(parts: UploadParts): Promise<ValidatedUpload> {
  // 1. Sniff.
  const contentType = sniffContentType(parts.media);
  if (contentType === null) {
    throw httpError(
      'unsupported-media-type',
      'media must be JPEG, PNG, WebP, a ZIP shotset, MP4 or WebM (judged by its bytes)',
    );
  }
  const kind = KIND_OF[contentType];

  // 2. The report, and whether it describes this kind of media.
  const report = parseReport(parts.report);
  checkReportMatchesMedia(report, kind, null);

  // 3. Limits, before any decoding.
  const selfie = parts.selfie === null ? null : checkSelfiePart(parts.selfie);
  let stills: CheckedStill[];
  let selfieSource: 'image' | 'selfie-part' | 'shotset';
  switch (contentType) {
    case 'image/jpeg':
    case 'image/png':
      stills = [checkStill(parts.media, contentType, 'media')];
      selfieSource = 'image';
      break;
    case 'image/webp':
      checkImageSize(readWebpSize(parts.media), 'media');
      stills = [requireSelfiePart(selfie, 'a WebP image')];
      selfieSource = 'selfie-part';
      break;
    case 'application/zip':
      stills = checkShotsetEntries(parts.media);
      checkReportMatchesMedia(report, kind, stills.length);
      selfieSource = 'shotset';
      break;
    case 'video/mp4':
    case 'video/webm':
      stills = [requireSelfiePart(selfie, 'a video')];
      selfieSource = 'selfie-part';
      break;
  }
  // A selfie part sent beside an image or shotset is still checked: nothing undecodable is stored.
  const extra = selfie !== null && selfieSource !== 'selfie-part' ? [selfie] : [];

  // 4 and 5. Decode every still; measure the frames of a shotset.
  const measure = selfieSource === 'shotset';
  const frames = (await decodeAll([...stills, ...extra], measure)).slice(0, stills.length);

  // 6. Assemble.
  let still: DecodedStill;
  let source: string;
  if (selfieSource === 'shotset') {
    still = sharpest(frames);
    source = `shotset-sharpest${still.type === 'image/png' ? '-reencoded' : ''}:${still.entryName ?? ''}`;
  } else {
    still = frames[0]!;
    source = `${selfieSource}${still.type === 'image/png' ? '-reencoded' : ''}`;
  }
  const fileName = `capture.${EXTENSION_OF[contentType]}`;
  const shotsetFrames = selfieSource === 'shotset' ? frames.map((frame) => frame.jpeg) : undefined;
  const media: CheckMedia = {
    kind,
    contentType,
    fileName,
    bytes: parts.media,
    tags: [...report.tags],
    selfieJpeg: still.jpeg,
    selfieSize: still.size,
    ...(shotsetFrames ? { frames: shotsetFrames } : {}),
  };
  const info: CheckMediaInfo = {
    kind,
    contentType,
    fileName,
    bytes: parts.media.length,
    tags: [...report.tags],
    selfieSize: still.size,
    selfieSource: source,
    frameCount: shotsetFrames?.length ?? 1,
  };
  return { media, info, report };
}

/**
 * Rebuilds the CheckMedia of an accepted check from its stored bytes (after a restart). The bytes were fully
 * validated when they were accepted, so only what is not stored is redone: a shotset's frames, with PNG entries
 * re-encoded.
 */
export async function restoreCheckMedia(
  info: CheckMediaInfo,
  bytes: Uint8Array,
  selfieJpeg: Uint8Array,
): Promise<CheckMedia> {
  const media: CheckMedia = {
    kind: info.kind,
    contentType: info.contentType,
    fileName: info.fileName,
    bytes,
    tags: [...info.tags],
    selfieJpeg,
    selfieSize: info.selfieSize,
  };
  if (info.kind === 'shotset') {
    media.frames = await Promise.all(
      checkShotsetEntries(bytes).map(async (entry) => (entry.type === 'image/jpeg' ? entry.bytes : encodeJpeg(entry))),
    );
  }
  return media;
}

// ---------------------------------------------------------------------------------------------------------------
// Step 3: limits, from the bytes alone.

function checkSelfiePart(bytes: Uint8Array): CheckedStill {
  const type = sniffContentType(bytes);
  if (type !== 'image/jpeg' && type !== 'image/png') {
    throw httpError('unsupported-media-type', 'the selfie part must be a JPEG (or PNG) image');
  }
  return checkStill(bytes, type, 'selfie');
}

function requireSelfiePart(selfie: CheckedStill | null, what: string): CheckedStill {
  if (selfie === null) throw httpError('invalid-request', `${what} needs a JPEG "selfie" part`);
  return selfie;
}

function checkShotsetEntries(bytes: Uint8Array): CheckedStill[] {
  const entries = extractShotset(bytes);
  if (entries.length === 0) throw httpError('invalid-zip', 'the archive holds no frames');
  return entries.map((entry) => {
    const type = sniffContentType(entry.bytes);
    if (type !== 'image/jpeg' && type !== 'image/png') {
      throw httpError('unsupported-media-type', `shotset entry "${entry.name}" is not a JPEG or PNG image`);
    }
    return { ...checkStill(entry.bytes, type, `shotset entry "${entry.name}"`), entryName: entry.name };
  });
}

function checkStill(bytes: Uint8Array, type: StillType, label: string): CheckedStill {
  const size = checkImageSize(readImageSize(bytes, type), label);
  checkNothingAfterImage(bytes, type, label);
  return { bytes, type, size, label };
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

/** Refuses images whose header is unreadable, whose size is out of bounds. */
function checkImageSize(size: PixelSize | null, label: string): PixelSize {
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
    throw httpError(
      'image-too-small',
      `${label}: ${width}x${height} px; the shorter side must be at least ${UPLOAD_LIMITS.minImageSide} px`,
    );
  }
  return size;
}

/**
 * An image followed by more data is refused: the extra bytes are what a polyglot hides (a ZIP whose directory
 * sits at the end of the file, an HTML or script payload), and a parser further down the line, at a provider or in
 * an integrator's tooling, may read the file as that other type. The widget never produces such files.
 */
function checkNothingAfterImage(bytes: Uint8Array, type: StillType, label: string): void {
  const end = type === 'image/jpeg' ? jpegEnd(bytes) : pngEnd(bytes);
  if (end === null) throw httpError('image-undecodable', `${label}: the image has no end marker`);
  if (end !== bytes.length) {
    throw httpError(
      'unsupported-media-type',
      `${label}: ${bytes.length - end} bytes follow the end of the image (polyglot files are not accepted)`,
    );
  }
}

/** WebP is not decoded (the widget never sends one as the still), only its header read: VP8, VP8L or VP8X. */
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
      return {
        width: 1 + (at(24) | (at(25) << 8) | (at(26) << 16)),
        height: 1 + (at(27) | (at(28) << 8) | (at(29) << 16)),
      };
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Steps 4 and 5: decode and measure.

/**
 * Decodes the stills concurrently (libvips works on the libuv thread pool). A refusal names the first bad still in
 * upload order, not the first to fail in time, so the answer does not depend on scheduling.
 */
async function decodeAll(stills: readonly CheckedStill[], measure: boolean): Promise<DecodedStill[]> {
  const settled = await Promise.allSettled(stills.map((still) => decodeStill(still, measure)));
  return settled.map((outcome) => {
    if (outcome.status === 'rejected') throw outcome.reason;
    return outcome.value;
  });
}

/** Decodes a still (proving it is an image), re-encodes a PNG to JPEG, and measures sharpness when asked. */
async function decodeStill(still: CheckedStill, measure: boolean): Promise<DecodedStill> {
  try {
    if (still.type === 'image/jpeg') {
      const half = await halfSizePixels(still);
      return { ...still, jpeg: still.bytes, sharpness: measure ? sharpnessOf(half) : null };
    }
    // PNG has no shrink-on-load: the re-encoding decodes it in full, and the measure looks at it as a JPEG's would.
    const [jpeg, half] = await Promise.all([encodeJpeg(still), measure ? halfSizePixels(still) : null]);
    return { ...still, jpeg, sharpness: half ? sharpnessOf(half) : null };
  } catch (error) {
    throw httpError('image-undecodable', `${still.label}: the image does not decode`, { cause: error });
  }
}

interface Pixels {
  data: Uint8Array;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

/** The whole image decoded, at half its size (each side rounded up, as libjpeg's DCT scaling does). */
async function halfSizePixels(still: CheckedStill): Promise<Pixels> {
  const width = Math.ceil(still.size.width / JPEG_SHRINK);
  const height = Math.ceil(still.size.height / JPEG_SHRINK);
  const { data, info } = await sharp(still.bytes, DECODE_OPTIONS)
    .resize({ width, height, fit: 'fill', fastShrinkOnLoad: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

async function encodeJpeg(still: CheckedStill): Promise<Uint8Array> {
  const encoded = await sharp(still.bytes, DECODE_OPTIONS).jpeg({ quality: REENCODE_QUALITY }).toBuffer();
  return new Uint8Array(encoded.buffer, encoded.byteOffset, encoded.byteLength);
}

/** Laplacian variance of luma (shared with the browser), on a grid of about SHARPNESS_GRID points across. */
export function sharpnessOf(pixels: Pixels): number {
  const step = Math.max(1, Math.floor(Math.min(pixels.width, pixels.height) / SHARPNESS_GRID));
  const luma = lumaPlane(pixels.data, pixels.width, pixels.height, pixels.channels);
  return laplacianVariance(luma, pixels.width, pixels.height, step) ?? 0;
}

/** The sharpest frame; the first one on a tie. */
function sharpest(frames: readonly DecodedStill[]): DecodedStill {
  let best = frames[0]!;
  for (const frame of frames) if ((frame.sharpness ?? 0) > (best.sharpness ?? 0)) best = frame;
  return best;
}
