/**
 * The closed set of failures the widget reports through `liveness-error`. Codes are public API: integrators
 * branch on them, so never rename one; add new ones instead.
 */
import type { LivenessErrorCode } from './shared/errors.js';

export { LIVENESS_ERROR_CODES, type LivenessErrorCode } from './shared/errors.js';

export class LivenessError extends Error {
  override readonly name = 'LivenessError';
  constructor(
    readonly code: LivenessErrorCode,
    message: string,
    /** Whether offering "Try again" makes sense (a denied camera permission, say, needs the person to act first). */
    readonly recoverable = true,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Maps a getUserMedia failure to our stable codes (DOMException names per the Media Capture spec). */
export function cameraErrorFrom(error: unknown): LivenessError {
  const name = errorName(error);
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return new LivenessError('camera-denied', 'Camera permission was denied.', true, { cause: error });
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new LivenessError('camera-not-found', 'No suitable camera was found.', true, { cause: error });
    case 'NotReadableError':
    case 'AbortError':
      return new LivenessError('camera-in-use', 'The camera is in use by another application.', true, {
        cause: error,
      });
    default:
      return new LivenessError('camera-not-found', `The camera could not be opened (${name || String(error)}).`, true, {
        cause: error,
      });
  }
}

/**
 * The `name` of a thrown DOMException or Error. Read structurally because some browsers throw an
 * OverconstrainedError that is neither.
 */
export function errorName(error: unknown): string {
  if (typeof error !== 'object' || error === null || !('name' in error)) return '';
  return typeof error.name === 'string' ? error.name : '';
}
