/** Kairos IDV liveness-verification adapter (shared providers doc §2). */
export { createKairosAdapter } from './adapter.js';
export {
  backoffDelayMs,
  decideKairosLiveness,
  kairosApiVersion,
  kairosStatusAction,
  readKairosLivenessBody,
  selfieSizeProblem,
} from './decision.js';
export type { KairosBodyReading, KairosStatusAction, KairosVerdict } from './decision.js';
export { kairosLivenessResponseSchema } from './types.js';
export type { KairosApiVersion, KairosConfig, KairosLivenessResponse } from './types.js';
