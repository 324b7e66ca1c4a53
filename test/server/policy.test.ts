import { describe, expect, it } from 'vitest';
import { decide, shouldTryNextProvider, type PolicyName, type ProviderAttempt } from '../../src/server/policy.js';
import type { ProviderErrorCode } from '../../src/server/providers/types.js';

const live = (provider: 'oz' | 'kairos'): ProviderAttempt => ({ provider, outcome: { decision: 'live' } });
const spoof = (provider: 'oz' | 'kairos'): ProviderAttempt => ({ provider, outcome: { decision: 'spoof' } });
const error = (provider: 'oz' | 'kairos', code: ProviderErrorCode): ProviderAttempt => ({
  provider,
  error: { code, message: `simulated ${code}` },
});

type Row = [label: string, attempts: ProviderAttempt[], status: 'done' | 'failed', decision: string];

const table: Record<PolicyName, Row[]> = {
  all: [
    ['every provider live', [live('oz'), live('kairos')], 'done', 'live'],
    ['one spoof', [live('oz'), spoof('kairos')], 'done', 'spoof'],
    ['spoof next to an error is still spoof', [spoof('oz'), error('kairos', 'provider-unavailable')], 'done', 'spoof'],
    ['live next to an error', [live('oz'), error('kairos', 'provider-timeout')], 'failed', 'inconclusive'],
    [
      'every provider failed',
      [error('oz', 'provider-auth'), error('kairos', 'provider-quota')],
      'failed',
      'inconclusive',
    ],
    ['single provider live', [live('kairos')], 'done', 'live'],
  ],
  any: [
    ['one live is enough', [spoof('oz'), live('kairos')], 'done', 'live'],
    ['live next to an error', [error('oz', 'provider-failed'), live('kairos')], 'done', 'live'],
    ['every provider spoof', [spoof('oz'), spoof('kairos')], 'done', 'spoof'],
    ['spoof next to an error', [spoof('oz'), error('kairos', 'provider-unavailable')], 'failed', 'inconclusive'],
    [
      'every provider failed',
      [error('oz', 'provider-rejected'), error('kairos', 'provider-timeout')],
      'failed',
      'inconclusive',
    ],
  ],
  fallback: [
    ['first answer wins (live)', [live('oz')], 'done', 'live'],
    ['first answer wins (spoof)', [spoof('oz')], 'done', 'spoof'],
    ['unavailable first, second answers', [error('oz', 'provider-unavailable'), spoof('kairos')], 'done', 'spoof'],
    ['timeout first, second answers', [error('oz', 'provider-timeout'), live('kairos')], 'done', 'live'],
    ['quota first, second answers', [error('oz', 'provider-quota'), live('kairos')], 'done', 'live'],
    ['auth first, second answers', [error('oz', 'provider-auth'), live('kairos')], 'done', 'live'],
    ['a refusal stops the chain', [error('oz', 'provider-rejected')], 'failed', 'inconclusive'],
    ['a system failure stops the chain', [error('oz', 'provider-failed')], 'failed', 'inconclusive'],
    [
      'nobody available',
      [error('oz', 'provider-unavailable'), error('kairos', 'provider-quota')],
      'failed',
      'inconclusive',
    ],
  ],
};

describe('decide', () => {
  for (const [policy, rows] of Object.entries(table) as Array<[PolicyName, Row[]]>) {
    describe(policy, () => {
      it.each(rows)('%s', (_label, attempts, status, decision) => {
        const verdict = decide(policy, attempts);
        expect(verdict.status).toBe(status);
        expect(verdict.decision).toBe(decision);
        expect(verdict.reason.startsWith(`${policy}:`)).toBe(true);
      });
    });
  }

  it('names the failing provider and its error code in the reason', () => {
    const verdict = decide('all', [live('oz'), error('kairos', 'provider-timeout')]);
    expect(verdict.reason).toContain('kairos');
    expect(verdict.reason).toContain('provider-timeout');
  });

  it('says which provider answered after a fallback', () => {
    const verdict = decide('fallback', [error('oz', 'provider-unavailable'), live('kairos')]);
    expect(verdict.reason).toMatch(/live from kairos after oz failed with provider-unavailable/);
  });

  it('is failed/inconclusive when no provider ran', () => {
    expect(decide('all', [])).toMatchObject({ status: 'failed', decision: 'inconclusive' });
  });

  it('refuses an attempt with both or neither of outcome and error', () => {
    expect(() => decide('all', [{ provider: 'oz' }])).toThrow(TypeError);
    expect(() =>
      decide('any', [
        { provider: 'oz', outcome: { decision: 'live' }, error: { code: 'provider-failed', message: 'x' } },
      ]),
    ).toThrow(TypeError);
  });
});

describe('shouldTryNextProvider', () => {
  it.each([
    ['provider-unavailable', true],
    ['provider-timeout', true],
    ['provider-quota', true],
    ['provider-auth', true],
    ['provider-rejected', false],
    ['provider-failed', false],
    ['provider-protocol', false],
  ] as const)('%s → %s', (code, expected) => {
    expect(shouldTryNextProvider(error('oz', code))).toBe(expected);
  });

  it('never moves on after an answer', () => {
    expect(shouldTryNextProvider(spoof('oz'))).toBe(false);
  });
});
