/**
 * Deterministic sandbox scores. The emulators cannot judge liveness, so they derive a stable score from the
 * media bytes: the same upload always gets the same answer, different uploads get different but plausible
 * numbers, and every ordinary capture is live. Spoofs and failures are asked for explicitly with a scenario.
 *
 *   u = first two bytes of SHA-256(media) read as a big-endian integer, divided by 65535   (0..1)
 *   Kairos faces_liveness  = 0.80 + 0.19 * u      (0.80..0.99, live at the default threshold 0.6)
 *   Oz confidence_spoofing = 0.01 + 0.19 * u      (0.01..0.20, below the emulator's 0.5 spoof cut-off)
 *
 * The `spoof` scenario returns faces_liveness 0.05 and confidence_spoofing 0.97.
 */
import { createHash } from 'node:crypto';

export function sandboxUnit(bytes: Uint8Array): number {
  const digest = createHash('sha256').update(bytes).digest();
  return ((digest[0]! << 8) | digest[1]!) / 65535;
}

const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export function sandboxFacesLiveness(bytes: Uint8Array): number {
  return round4(0.8 + 0.19 * sandboxUnit(bytes));
}

export function sandboxConfidenceSpoofing(bytes: Uint8Array): number {
  return round4(0.01 + 0.19 * sandboxUnit(bytes));
}

export const SANDBOX_SPOOF_FACES_LIVENESS = 0.05;
export const SANDBOX_SPOOF_CONFIDENCE_SPOOFING = 0.97;
/** The emulated Oz declines a media whose confidence_spoofing is at or above this. */
export const SANDBOX_OZ_SPOOF_CUTOFF = 0.5;
