/**
 * The liveness providers and the vocabulary of their results, shared by the backend (config, adapters, store,
 * OpenAPI document) and anything else that names them. Every other list of these names is derived from here.
 */

/** The providers the backend can call, in the default order of `LIVENESS_PROVIDERS`. */
export const PROVIDER_NAMES = ['oz', 'kairos'] as const;
export type ProviderName = (typeof PROVIDER_NAMES)[number];

/** Stable provider error codes; the policy uses them to decide what a failure means. */
export const PROVIDER_ERROR_CODES = [
  'provider-auth', // credentials refused
  'provider-quota', // usage limit reached (Kairos 403): not retried
  'provider-rejected', // the provider refused this media or request (4xx): not retried
  'provider-unavailable', // network failure, timeout or 5xx after retries
  'provider-failed', // the provider ran and reported a system failure (Oz FAILED)
  'provider-timeout', // no final answer before the overall deadline
  'provider-protocol', // the answer broke the documented contract
  'provider-media-unsupported', // not sent: a format the provider does not document (Oz: JPEG/PNG images only)
  'provider-media-too-large', // not sent: over the provider's documented file size (Oz: 10 MB per file)
  'provider-media-too-long', // not sent: over the provider's documented duration (Oz: video <= 5 s)
] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/** What one provider concluded. */
export const PROVIDER_DECISIONS = ['live', 'spoof'] as const;
export type ProviderDecision = (typeof PROVIDER_DECISIONS)[number];

/** The verdict over every provider: `inconclusive` when the policy cannot decide. */
export const DECISIONS = [...PROVIDER_DECISIONS, 'inconclusive'] as const;
export type Decision = (typeof DECISIONS)[number];

/** The provider's own score, under its own name (Oz: confidence_spoofing, Kairos: faces_liveness). */
export const RAW_SCORE_NAMES = ['confidence_spoofing', 'faces_liveness'] as const;
export type RawScoreName = (typeof RAW_SCORE_NAMES)[number];

/** Whether one provider's attempt ended with a decision or an error. */
export const PROVIDER_RESULT_STATUSES = ['done', 'error'] as const;
export type ProviderResultStatus = (typeof PROVIDER_RESULT_STATUSES)[number];

/** A check's status, as `GET /checks/:id` reports it. */
export const CHECK_STATUSES = ['processing', 'done', 'failed'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** A session's status in `GET /sessions/:id/result`: before an upload, or the status of its check. */
export const SESSION_STATUSES = ['pending', 'expired', ...CHECK_STATUSES] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
