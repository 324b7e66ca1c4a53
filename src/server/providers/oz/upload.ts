/**
 * What the adapter uploads to Oz for one check: the file, its content type and its tags. Pure, so the API-version
 * switch (a photo becomes a one-image shot set on API <= 4.0.8) is unit-tested without a network.
 */
import { zipSync } from 'fflate';
import { MEDIA_TAGS } from '../../../shared/media.js';
import type { CheckMedia } from '../types.js';
import type { OzUploadPayload } from './types.js';
import { qualityIgnoresPlainImages } from './version.js';

/** Multipart field name of the one file part; it is also the key in `media:tags`. */
export const OZ_MEDIA_FIELD = 'media_0';

export interface OzUpload {
  fileName: string;
  contentType: string;
  bytes: Uint8Array;
  tags: string[];
}

const ORIENTATION_TAGS = new Set<string>(MEDIA_TAGS.filter((tag) => tag.startsWith('orientation_')));

export function prepareOzUpload(media: CheckMedia, apiVersion: string): OzUpload {
  if (media.kind === 'image' && qualityIgnoresPlainImages(apiVersion)) return oneImageShotSet(media);
  return { fileName: media.fileName, contentType: media.contentType, bytes: media.bytes, tags: [...media.tags] };
}

/**
 * Old Oz versions only score video-like media, so the photo is zipped as a shot set of one frame and tagged as a
 * passive video. The JPEG still is used (not the original bytes) because shot sets are sets of JPEG frames and the
 * upload may have been PNG/WebP.
 */
function oneImageShotSet(media: CheckMedia): OzUpload {
  const orientation = media.tags.filter((tag) => ORIENTATION_TAGS.has(tag));
  const bytes = zipSync({ 'frame_0.jpg': media.selfieJpeg }, { level: 0 });
  return {
    fileName: `${baseName(media.fileName)}.zip`,
    contentType: 'application/zip',
    bytes,
    tags: ['video_selfie', 'video_selfie_blank', ...orientation],
  };
}

function baseName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  return stem || 'selfie';
}

export function uploadPayload(upload: OzUpload, ids: { sessionId: string; checkId: string }): OzUploadPayload {
  return {
    'media:tags': { [OZ_MEDIA_FIELD]: upload.tags },
    // transaction_id lets support find the folder with GET /api/folders/?meta_data=transaction_id==<sessionId>.
    'folder:meta_data': { transaction_id: ids.sessionId, check_id: ids.checkId },
  };
}

/** The multipart body for `POST /api/folders/`; built per attempt because a consumed body cannot be resent. */
export function uploadFormData(upload: OzUpload, payload: OzUploadPayload): FormData {
  const form = new FormData();
  form.append(OZ_MEDIA_FIELD, new Blob([new Uint8Array(upload.bytes)], { type: upload.contentType }), upload.fileName);
  form.append('payload', JSON.stringify(payload));
  return form;
}
