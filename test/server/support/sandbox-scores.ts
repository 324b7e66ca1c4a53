/**
 * The sandbox score formula as docs/sandbox-oz.md and docs/sandbox-kairos.md state it, written out again here so
 * tests check the emulators against the documentation instead of re-running the emulators' own code:
 *
 *   u = first two bytes of SHA-256(media), big-endian, / 65535
 *   Kairos faces_liveness  = round4(0.80 + 0.19 u);  spoof scenario 0.05
 *   Oz confidence_spoofing = round4(0.01 + 0.19 u);  spoof scenario 0.97
 */
import { createHash } from 'node:crypto';

const unit = (bytes: Uint8Array): number => {
  const digest = createHash('sha256').update(bytes).digest();
  return digest.readUInt16BE(0) / 65535;
};
const round4 = (value: number): number => Math.round(value * 10_000) / 10_000;

export const documentedFacesLiveness = (bytes: Uint8Array): number => round4(0.8 + 0.19 * unit(bytes));
export const documentedConfidenceSpoofing = (bytes: Uint8Array): number => round4(0.01 + 0.19 * unit(bytes));
export const DOCUMENTED_SPOOF_FACES_LIVENESS = 0.05;
export const DOCUMENTED_SPOOF_CONFIDENCE_SPOOFING = 0.97;
