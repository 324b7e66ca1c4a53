/**
 * The two stable error vocabularies. They are different on purpose: the backend's codes say what the HTTP API
 * refused (an integrator's server branches on them), the widget's codes say what the person's capture ran into
 * (a page branches on them, and several backend codes map to one widget code, e.g. every 401 is `token-rejected`).
 * Both are public API: never rename a code; add new ones instead.
 */

/** Every code the backend's HTTP API can answer with, and its HTTP status (docs/backend.md, "Errors"). */
export const API_ERROR_STATUS = {
  'api-key-missing': 401,
  'api-key-invalid': 401,
  'token-missing': 401,
  'token-invalid': 401,
  'token-expired': 401,
  'token-used': 403,
  'token-session-mismatch': 403,
  'origin-not-allowed': 403,
  'payload-too-large': 413,
  'unsupported-media-type': 415,
  'media-type-not-accepted': 415,
  'invalid-zip': 422,
  'zip-limits': 422,
  'image-undecodable': 422,
  'image-too-small': 422,
  'image-too-large': 422,
  'invalid-report': 422,
  'invalid-request': 400,
  'not-found': 404,
  'handoff-used': 410,
  'handoff-expired': 410,
  'rate-limited': 429,
  internal: 500,
  'store-unavailable': 503,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

/** The backend's error codes, in the order of API_ERROR_STATUS. */
export const API_ERROR_CODES = Object.keys(API_ERROR_STATUS) as readonly ApiErrorCode[];

/** The closed set of failures the widget reports through `liveness-error`. */
export const LIVENESS_ERROR_CODES = [
  'camera-denied',
  'camera-not-found',
  'camera-in-use',
  'camera-ended',
  'unsupported-browser',
  'model-load-failed',
  'capture-failed',
  'token-missing',
  'token-expired',
  'token-rejected',
  'upload-failed',
  'upload-rejected',
  'check-failed',
  'network',
  'in-app-browser',
  'camera-blocked-by-policy',
  'handoff-used',
  'handoff-expired',
] as const;

export type LivenessErrorCode = (typeof LIVENESS_ERROR_CODES)[number];
