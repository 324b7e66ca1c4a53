/**
 * Maps Oz error answers (§1.7: `{error_code, error_message, details}` on any 4xx/5xx) to typed ProviderErrors.
 * Pure: the client decides about retries and re-login first, then asks this module what a final failure means.
 */
import { ProviderError, type ProviderErrorCode } from '../types.js';
import { OzErrorCode, ozErrorBodySchema, type OzErrorBody } from './types.js';

/** A non-2xx answer as the client read it. */
export interface OzFailedResponse {
  status: number;
  body: OzErrorBody | null;
}

/** Reads an error body without trusting it to be JSON or to follow the documented shape. */
export function parseOzErrorBody(text: string): OzErrorBody | null {
  try {
    const parsed = ozErrorBodySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Token problems the client fixes by logging in again once (§3: "on error_code 7 or 8, log in again"). */
export function isStaleTokenError(failure: OzFailedResponse): boolean {
  const code = failure.body?.error_code;
  return code === OzErrorCode.authInvalid || code === OzErrorCode.authExpired;
}

/** 5xx answers are worth retrying; 4xx answers will not change on a resend. */
export function isRetryableStatus(status: number): boolean {
  return status >= 500;
}

export function providerErrorCodeFor(failure: OzFailedResponse): ProviderErrorCode {
  switch (failure.body?.error_code) {
    case OzErrorCode.authNotProvided:
    case OzErrorCode.authInvalid:
    case OzErrorCode.authExpired:
    case OzErrorCode.authForbidden:
      return 'provider-auth';
    case OzErrorCode.invalidValue:
    case OzErrorCode.invalidType:
      // Oz refused a value we sent, in practice the media (type, tags): resending the same check will not help.
      return 'provider-rejected';
    case OzErrorCode.invalidStructure:
    case OzErrorCode.notAllowed:
    case OzErrorCode.notRealized:
    case OzErrorCode.notExist:
      // The request we built, or an id Oz itself gave us, no longer matches the contract.
      return 'provider-protocol';
    default:
      return codeForStatus(failure.status);
  }
}

function codeForStatus(status: number): ProviderErrorCode {
  if (status >= 500) return 'provider-unavailable';
  if (status === 401 || status === 403) return 'provider-auth';
  if (status === 429) return 'provider-quota';
  if (status >= 400) return 'provider-rejected';
  return 'provider-protocol';
}

export function ozProviderError(failure: OzFailedResponse, operation: string): ProviderError {
  const code = providerErrorCodeFor(failure);
  const providerMessage = failure.body?.error_message ?? `HTTP ${failure.status}`;
  return new ProviderError('oz', code, `Oz ${operation} failed: ${providerMessage}`, {
    status: failure.status,
    ...(failure.body ? { providerCode: failure.body.error_code } : {}),
    retryable: code === 'provider-unavailable',
  });
}
