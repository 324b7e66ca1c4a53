/**
 * The quality gates' reason codes: why a frame is not good enough yet. Public API (the `liveness-guidance` event's
 * `code` and `failing`), and the keys of every translation's hints.
 */

/** Every reason, in the order they are reported: the first failing one is the hint worth showing. */
export const REASON_CODES = [
  'no-face',
  'multiple-faces',
  'low-confidence',
  'too-far',
  'too-close',
  'off-center',
  'turned',
  'tilted',
  'too-dark',
  'too-bright',
  'backlit',
  'blurry',
  'moving',
  // Judged on the 478-point face landmarks, which load after the first guidance (docs/quality-gates.md).
  'eyes-covered',
  'eyes-closed',
  'mouth-covered',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

/** A guidance hint: the most important failing reason, or `ok` when every check passes. */
export const GUIDANCE_CODES = [...REASON_CODES, 'ok'] as const;
export type GuidanceCode = (typeof GUIDANCE_CODES)[number];
