/**
 * Builders for what the emulated Kairos sends back: the §2.2 success body, its face boxes and timestamps, the
 * documented v0.2 response headers, and the (undocumented, so our own) error bodies.
 */
import type { KairosVersion as KairosApiVersion } from './version.js';

export interface EmulatedFace {
  confidence: number;
  top_left: { x: number; y: number };
  delta: { x: number; y: number };
}

export interface EmulatedLivenessBody {
  api_req_uid: string;
  requested_at: string;
  processed_at: string;
  response_code: number;
  response_data: {
    faces_liveness: number;
    faces_predicted: EmulatedFace[];
    img: { width: number; height: number };
  };
}

/** Kairos timestamps are `YYYY-MM-DD HH:MM:SS` with no zone (§2.2); the emulator writes UTC. */
export function formatKairosTimestamp(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

const round1 = (value: number): number => Math.round(value * 10) / 10;

/**
 * `count` face boxes laid side by side across the middle of the image. The emulator does not detect faces: the
 * boxes only have the documented shape and plausible, in-bounds coordinates.
 */
export function centredFaceBoxes(
  size: { width: number; height: number },
  count: number,
  confidence: number,
): EmulatedFace[] {
  const slotWidth = size.width / Math.max(count, 1);
  const boxWidth = Math.min(slotWidth, size.height) * 0.5;
  const boxHeight = Math.min(boxWidth * 1.3, size.height * 0.9);
  return Array.from({ length: count }, (_, index) => ({
    confidence,
    top_left: {
      x: round1(slotWidth * (index + 0.5) - boxWidth / 2),
      y: round1((size.height - boxHeight) / 2),
    },
    delta: { x: round1(boxWidth), y: round1(boxHeight) },
  }));
}

/** Headers the v0.2 page lists (§2.2); the v0.1 page documents none, so v0.1 answers go without them. */
export function versionHeaders(version: KairosApiVersion, requestId: string): Record<string, string> {
  if (version !== 'v0.2') return {};
  return {
    'X-Request-ID': requestId,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Strict-Transport-Security': 'max-age=86400; includeSubDomains',
  };
}

/** Stable codes in the emulator's error bodies, so tests and humans can tell refusals apart. */
export type EmulatorErrorCode =
  | 'auth-failed'
  | 'hyphenated-credential-headers'
  | 'quota-exceeded'
  | 'not-multipart'
  | 'malformed-multipart'
  | 'missing-selfie'
  | 'invalid-threshold'
  | 'unsupported-image'
  | 'image-too-small'
  | 'image-too-large'
  | 'no-face'
  | 'multiple-faces'
  | 'server-error'
  | 'unknown-scenario'
  | 'not-found'
  | 'emulator-error';

export interface EmulatorErrorBody {
  error: { code: EmulatorErrorCode; message: string };
}

export function errorBody(code: EmulatorErrorCode, message: string): EmulatorErrorBody {
  return { error: { code, message } };
}
