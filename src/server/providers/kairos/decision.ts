/**
 * Pure Kairos rules: which API version a URL speaks, whether a selfie is big enough for it, what an HTTP status
 * means, how a 200 body is read and how it becomes a verdict. No IO here, so every rule unit-tests offline.
 */
import type { ProviderDecision, ProviderErrorCode } from '../types.js';
import { kairosLivenessResponseSchema, type KairosApiVersion, type KairosLivenessResponse } from './types.js';

/** The version segment of the API URL path (`…/v0.1` or `…/v0.2`), or null when it names neither. */
export function kairosApiVersion(apiUrl: string): KairosApiVersion | null {
  let segments: string[];
  try {
    segments = new URL(apiUrl).pathname.split('/').filter((segment) => segment !== '');
  } catch {
    return null;
  }
  const last = segments.at(-1);
  return last === 'v0.1' || last === 'v0.2' ? last : null;
}

const V01_MIN_SIDE = 480;
const V02_MIN_SHORT_SIDE = 300;
const V02_MAX_SIDE = 5000;

/**
 * Why Kairos would refuse a selfie of this size, or null when it fits (§2.1): v0.1 wants both sides ≥ 480 px;
 * v0.2 wants the shorter side ≥ 300 px and no side over 5000 px. Checked locally so a doomed upload costs no quota.
 */
export function selfieSizeProblem(version: KairosApiVersion, size: { width: number; height: number }): string | null {
  const shorter = Math.min(size.width, size.height);
  const longer = Math.max(size.width, size.height);
  if (version === 'v0.1') {
    return shorter < V01_MIN_SIDE
      ? `selfie ${size.width}x${size.height} is under the v0.1 minimum of ${V01_MIN_SIDE}x${V01_MIN_SIDE} px`
      : null;
  }
  if (shorter < V02_MIN_SHORT_SIDE) {
    return `selfie ${size.width}x${size.height} is under the v0.2 minimum of ${V02_MIN_SHORT_SIDE} px`;
  }
  if (longer > V02_MAX_SIDE) {
    return `selfie ${size.width}x${size.height} is over the v0.2 maximum of ${V02_MAX_SIDE} px`;
  }
  return null;
}

/** What the adapter does with an HTTP status. */
export type KairosStatusAction =
  { action: 'read-body' } | { action: 'retry' } | { action: 'fail'; code: ProviderErrorCode; explanation: string };

/** Words that make a 403 body a credentials refusal rather than the documented usage limit. */
const CREDENTIAL_WORDS =
  /\b(?:app[_ -]?id|app[_ -]?key|credentials?|api[_ -]?keys?|keys?|auth\w*|unauthori[sz]ed|invalid (?:id|key))\b/i;

/**
 * §2.3: the docs give 403 for "usage limit exceeded" and "4xx" for bad credentials, and Kairos's older face API
 * answered bad credentials with 403 too. So a 403 whose body speaks of credentials or keys is `provider-auth`;
 * any other 403 (and 429, a rate limit being a quota too) is `provider-quota`. Neither is retried. 401 is the
 * usual credential refusal; any other 4xx means this request or media was refused. Only 5xx is transient.
 */
export function kairosStatusAction(status: number, body = ''): KairosStatusAction {
  if (status === 200) return { action: 'read-body' };
  if (status >= 500 && status <= 599) return { action: 'retry' };
  if (status === 403 && CREDENTIAL_WORDS.test(body)) {
    return { action: 'fail', code: 'provider-auth', explanation: 'credentials refused' };
  }
  if (status === 403 || status === 429) {
    return { action: 'fail', code: 'provider-quota', explanation: 'usage limit reached' };
  }
  if (status === 401) return { action: 'fail', code: 'provider-auth', explanation: 'credentials refused' };
  if (status >= 400 && status <= 499) {
    return { action: 'fail', code: 'provider-rejected', explanation: 'request refused' };
  }
  return { action: 'fail', code: 'provider-protocol', explanation: 'unexpected HTTP status' };
}

export type KairosBodyReading = { ok: true; response: KairosLivenessResponse } | { ok: false; problem: string };

/** Reads a 200 body against the §2.2 contract; anything else is a protocol break, never a verdict. */
export function readKairosLivenessBody(text: string): KairosBodyReading {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, problem: 'the 200 body is not JSON' };
  }
  const parsed = kairosLivenessResponseSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || '(root)' : '(root)';
    return { ok: false, problem: `the 200 body breaks the contract at ${where}: ${issue?.message ?? 'invalid'}` };
  }
  return { ok: true, response: parsed.data };
}

export interface KairosVerdict {
  decision: ProviderDecision;
  reason: string;
}

/**
 * The verdict for a well-formed 200 body. `faces_liveness >= threshold` is live (the boundary counts as live,
 * §2.1). `response_code` is undocumented and never consulted. A capture without exactly one face fails closed:
 * with no face there is nothing to call live, and with several the single score cannot be tied to one person
 * (§2.4 leaves open which face it describes).
 */
export function decideKairosLiveness(response: KairosLivenessResponse, threshold: number): KairosVerdict {
  const { faces_liveness: score, faces_predicted: faces } = response.response_data;
  if (faces.length === 0) return { decision: 'spoof', reason: 'no face found by Kairos' };
  if (faces.length > 1) {
    return {
      decision: 'spoof',
      reason: `Kairos found ${faces.length} faces; faces_liveness cannot be attributed to one person`,
    };
  }
  return score >= threshold
    ? { decision: 'live', reason: `faces_liveness ${score} >= threshold ${threshold}` }
    : { decision: 'spoof', reason: `faces_liveness ${score} < threshold ${threshold}` };
}

/**
 * Exponential backoff with full jitter: a uniform wait in [0, base * 2^(retry - 1)), so clients that failed
 * together do not retry together. `retry` counts from 1 (the wait before the second attempt).
 */
export function backoffDelayMs(retry: number, baseMs: number, random: () => number): number {
  return Math.floor(random() * baseMs * 2 ** Math.max(0, retry - 1));
}
