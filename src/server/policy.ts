/**
 * How the answers of several providers combine into one verdict. Pure: no IO, no clock.
 *
 * - `all`: live only when every provider says live. One spoof makes the check spoof. Otherwise a provider error
 *   leaves the check `failed` with decision `inconclusive`: live needs every provider's yes, and nothing said spoof.
 * - `any`: live when any provider says live. Spoof only when every provider answered spoof. A spoof next to an
 *   error is `failed`/`inconclusive`, because the provider that failed might have said live.
 * - `fallback`: providers in order; the first answer wins. Only an availability error (see UNAVAILABLE_CODES) moves
 *   on to the next provider; any other error is `failed`/`inconclusive` (the provider ran and refused, which a second
 *   opinion would only paper over).
 */
import type { Decision } from '../shared/providers.js';
import type { ProviderDecision, ProviderErrorCode, ProviderName } from './providers/types.js';

export const POLICY_NAMES = ['all', 'any', 'fallback'] as const;
export type PolicyName = (typeof POLICY_NAMES)[number];

export type { Decision } from '../shared/providers.js';

export interface ProviderAttempt {
  provider: ProviderName;
  outcome?: { decision: ProviderDecision };
  error?: { code: ProviderErrorCode; message: string };
}

export interface Verdict {
  status: 'done' | 'failed';
  decision: Decision;
  reason: string;
}

/** Errors that mean "this provider could not be asked", as opposed to "it was asked and said no". */
export const UNAVAILABLE_CODES: ReadonlySet<ProviderErrorCode> = new Set<ProviderErrorCode>([
  'provider-unavailable',
  'provider-timeout',
  'provider-quota',
  'provider-auth',
]);

export function isUnavailable(error: { code: ProviderErrorCode }): boolean {
  return UNAVAILABLE_CODES.has(error.code);
}

/** Under `fallback`, whether to ask the next provider after this attempt. */
export function shouldTryNextProvider(attempt: ProviderAttempt): boolean {
  return attempt.error !== undefined && isUnavailable(attempt.error);
}

export function decide(policy: PolicyName, attempts: readonly ProviderAttempt[]): Verdict {
  for (const attempt of attempts) {
    if ((attempt.outcome === undefined) === (attempt.error === undefined)) {
      throw new TypeError(`attempt for ${attempt.provider} needs exactly one of outcome or error`);
    }
  }
  if (attempts.length === 0) {
    return { status: 'failed', decision: 'inconclusive', reason: `${policy}: no provider was run` };
  }
  switch (policy) {
    case 'all':
      return decideAll(attempts);
    case 'any':
      return decideAny(attempts);
    case 'fallback':
      return decideFallback(attempts);
  }
}

function decideAll(attempts: readonly ProviderAttempt[]): Verdict {
  const spoof = namesWith(attempts, 'spoof');
  if (spoof.length > 0) return { status: 'done', decision: 'spoof', reason: `all: spoof from ${spoof.join(', ')}` };
  const failed = attempts.filter((attempt) => attempt.error);
  if (failed.length > 0) {
    return {
      status: 'failed',
      decision: 'inconclusive',
      reason: `all: live needs every provider, but ${describeFailures(failed)}`,
    };
  }
  return { status: 'done', decision: 'live', reason: `all: live from ${namesWith(attempts, 'live').join(', ')}` };
}

function decideAny(attempts: readonly ProviderAttempt[]): Verdict {
  const live = namesWith(attempts, 'live');
  if (live.length > 0) return { status: 'done', decision: 'live', reason: `any: live from ${live.join(', ')}` };
  const failed = attempts.filter((attempt) => attempt.error);
  if (failed.length > 0) {
    return {
      status: 'failed',
      decision: 'inconclusive',
      reason: `any: no provider said live and ${describeFailures(failed)}, which might have`,
    };
  }
  return { status: 'done', decision: 'spoof', reason: `any: spoof from ${namesWith(attempts, 'spoof').join(', ')}` };
}

function decideFallback(attempts: readonly ProviderAttempt[]): Verdict {
  const skipped: ProviderAttempt[] = [];
  for (const attempt of attempts) {
    if (attempt.outcome) {
      const after = skipped.length > 0 ? ` after ${describeFailures(skipped)}` : '';
      return {
        status: 'done',
        decision: attempt.outcome.decision,
        reason: `fallback: ${attempt.outcome.decision} from ${attempt.provider}${after}`,
      };
    }
    if (!shouldTryNextProvider(attempt)) {
      return {
        status: 'failed',
        decision: 'inconclusive',
        reason: `fallback: ${describeFailures([attempt])}; not an availability error, so no other provider was asked`,
      };
    }
    skipped.push(attempt);
  }
  return {
    status: 'failed',
    decision: 'inconclusive',
    reason: `fallback: no provider available (${describeFailures(skipped)})`,
  };
}

function namesWith(attempts: readonly ProviderAttempt[], decision: ProviderDecision): ProviderName[] {
  return attempts.filter((attempt) => attempt.outcome?.decision === decision).map((attempt) => attempt.provider);
}

function describeFailures(failed: readonly ProviderAttempt[]): string {
  return failed
    .map((attempt) => `${attempt.provider} failed with ${attempt.error?.code} (${attempt.error?.message})`)
    .join(', ');
}
