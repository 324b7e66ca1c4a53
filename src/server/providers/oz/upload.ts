/**
 * What the adapter uploads to Oz for one check: the file, its content type and its tags, within Oz's documented
 * limits (media-limits.ts). A photo always travels as a one-image shot set tagged `video_selfie_blank`, on every
 * API version: that is the documented way to run Quality on a photo, and its result has a documented key
 * (`source_shots_set_id`), where a plain image's result key is documented nowhere.
 */
import { zipSync } from 'fflate';
import { MEDIA_TAGS } from '../../../shared/media.js';
import { PROVIDER_MEDIA_TYPES } from '../media-acceptance.js';
import { encodeMultipart, type MultipartBody } from '../multipart.js';
import type { CheckMedia } from '../types.js';
import { OZ_MAX_FILE_BYTES, OZ_MAX_VIDEO_SECONDS, mediaLimitError, videoDurationSeconds } from './media-limits.js';
import type { OzUploadPayload } from './types.js';

/** Multipart field name of the one file part; it is also the key in `media:tags`. */
export const OZ_MEDIA_FIELD = 'media_0';

export interface OzUpload {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  tags: string[];
}

const ORIENTATION_TAGS = new Set<string>(MEDIA_TAGS.filter((tag) => tag.startsWith('orientation_')));
const OZ_IMAGE_TYPES = new Set(['image/jpeg', 'image/png']);
const JPEG_QUALITY = 92;

/**
 * @throws ProviderError `provider-media-unsupported`, `provider-media-too-large` or `provider-media-too-long` when
 *   the media breaks Oz's documented limits.
 */
export async function prepareOzUpload(media: CheckMedia): Promise<OzUpload> {
  const upload =
    media.kind === 'image'
      ? await oneImageShotSet(media)
      : { fileName: media.fileName, contentType: media.contentType, bytes: media.bytes, tags: [...media.tags] };
  if (media.kind === 'video') {
    // POST /checks refuses these already; a check stored before that rule existed still must not reach Oz.
    if (!PROVIDER_MEDIA_TYPES.oz.has(media.contentType)) {
      throw mediaLimitError('provider-media-unsupported', `video type ${media.contentType} is not MP4 or MOV`);
    }
    const seconds = videoDurationSeconds(media.bytes);
    if (seconds !== null && seconds > OZ_MAX_VIDEO_SECONDS) {
      throw mediaLimitError(
        'provider-media-too-long',
        `video lasts ${seconds.toFixed(2)} s, over Oz's ${OZ_MAX_VIDEO_SECONDS} s`,
      );
    }
  }
  if (upload.bytes.byteLength > OZ_MAX_FILE_BYTES) {
    throw mediaLimitError(
      'provider-media-too-large',
      `${media.kind} file is ${upload.bytes.byteLength} bytes, over Oz's ${OZ_MAX_FILE_BYTES} bytes per file`,
    );
  }
  return upload;
}

/**
 * One photo as a shot set of one frame, tagged as a passive video. JPEG and PNG go as they are; Oz documents no
 * other image format, so a WebP photo is converted to JPEG first (its pixels, not the widget's separate still).
 */
async function oneImageShotSet(media: CheckMedia): Promise<OzUpload> {
  const frame = await ozImage(media);
  const orientation = media.tags.filter((tag) => ORIENTATION_TAGS.has(tag));
  const bytes = zipSync(
    { [`frame_0.${frame.extension}`]: frame.bytes },
    { level: 0, mtime: new Date('2000-01-01T00:00:00Z') },
  );
  return {
    fileName: `${baseName(media.fileName)}.zip`,
    contentType: 'application/zip',
    bytes,
    tags: ['video_selfie', 'video_selfie_blank', ...orientation],
  };
}

async function ozImage(media: CheckMedia): Promise<{ bytes: Uint8Array; extension: 'jpg' | 'png' }> {
  if (OZ_IMAGE_TYPES.has(media.contentType)) {
    return { bytes: media.bytes, extension: media.contentType === 'image/png' ? 'png' : 'jpg' };
  }
  if (media.contentType !== 'image/webp') {
    throw mediaLimitError('provider-media-unsupported', `image type ${media.contentType} is not JPEG or PNG`);
  }
  try {
    // Loaded on first use: only WebP photos need the native image library here.
    const { default: sharp } = await import('sharp');
    const jpeg = await sharp(media.bytes).rotate().jpeg({ quality: JPEG_QUALITY, mozjpeg: false }).toBuffer();
    return { bytes: new Uint8Array(jpeg), extension: 'jpg' };
  } catch (cause) {
    throw mediaLimitError('provider-media-unsupported', `WebP image could not be converted to JPEG (${String(cause)})`);
  }
}

function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return stem || 'selfie';
}

export function uploadPayload(upload: OzUpload, ids: { sessionId: string; checkId: string }): OzUploadPayload {
  return {
    'media:tags': { [OZ_MEDIA_FIELD]: upload.tags },
    // transaction_id finds the folder again (GET /api/folders/?meta_data=transaction_id==…) before any re-send.
    'folder:meta_data': { transaction_id: ids.sessionId, check_id: ids.checkId },
  };
}

/** The multipart body for `POST /api/folders/`: the file, then its tags and folder metadata as `payload`. */
export function uploadMultipart(upload: OzUpload, payload: OzUploadPayload): MultipartBody {
  return encodeMultipart([
    { name: OZ_MEDIA_FIELD, fileName: upload.fileName, contentType: upload.contentType, bytes: upload.bytes },
    { name: 'payload', value: JSON.stringify(payload) },
  ]);
}
