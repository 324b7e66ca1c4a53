/**
 * Messages between the upload validator and its worker threads. Errors cross the thread boundary as data: a
 * refusal keeps its stable code and message, anything else becomes a plain Error (an internal failure).
 */
import { HttpError, httpError, type ErrorCode } from '../errors.js';
import type { CheckMedia } from '../providers/types.js';
import type { CheckMediaInfo } from '../store/types.js';
import type { UploadParts, ValidatedUpload } from './validate.js';

export type ValidationRequest =
  | { id: number; task: 'validate'; parts: UploadParts }
  | { id: number; task: 'restore'; info: CheckMediaInfo; bytes: Uint8Array; selfieJpeg: Uint8Array };

export type ValidationResponse =
  { id: number; ok: true; value: ValidatedUpload | CheckMedia } | { id: number; ok: false; error: SerializedError };

/** The worker's first message: loaded, listening, ready for tasks. */
export interface WorkerReady {
  ready: true;
}

export type SerializedError =
  { refusal: true; code: ErrorCode; message: string } | { refusal: false; name: string; message: string };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof HttpError) return { refusal: true, code: error.code, message: error.message };
  if (error instanceof Error) return { refusal: false, name: error.name, message: error.message };
  return { refusal: false, name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.refusal) return httpError(error.code, error.message);
  return new Error(`upload validation failed in a worker: ${error.name}: ${error.message}`);
}

/**
 * The buffers a worker's answer can move instead of copy (the worker keeps nothing of a task): each one a view
 * covers whole (a pooled or shared buffer never is), once. Views over part of a moved buffer (a shotset entry
 * inside its archive) travel with it.
 */
export function transferablesOf(views: ReadonlyArray<Uint8Array | null | undefined>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const view of views) {
    if (!view || !(view.buffer instanceof ArrayBuffer)) continue;
    if (view.byteOffset === 0 && view.byteLength === view.buffer.byteLength) buffers.add(view.buffer);
  }
  return [...buffers];
}

/** The byte arrays of an answer, for transferablesOf. */
export function answerViews(value: ValidatedUpload | CheckMedia): Uint8Array[] {
  const media = 'info' in value ? value.media : value;
  return [media.bytes, media.selfieJpeg, ...(media.frames ?? [])];
}
