/**
 * Provider edge cases through the whole backend: the real adapters against the loopback emulators, a session per
 * case with its `sandboxScenario`, and the normalized result plus the policy's verdict checked for `all`, `any`
 * and `fallback`. (Each edge case is also tested at the adapter level; here the point is what the integrator sees.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import { silentLogger } from '../../src/server/log.js';
import type { PolicyName } from '../../src/server/policy.js';
import { createProviderAdapters, type SandboxEndpoints } from '../../src/server/providers/registry.js';
import type { ProviderErrorCode, ProviderName } from '../../src/server/providers/types.js';
import type { SessionResult } from '../../src/server/results.js';
import { startKairosEmulator, type RunningKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import { startOzEmulator, type RunningOzEmulator } from '../../src/sandbox/oz-emulator.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import { createUploadValidator, type UploadValidator } from '../../src/server/upload/validator.js';
import type { ProviderResultRecord, Store } from '../../src/server/store/types.js';
import { apiRequest, createSession, jpeg, testConfig, uploadRequest } from './support/backend.js';

/**
 * The processor's safety net (the provider-timeout of a check). Cases that play a timeout get a short one; the others
 * a long one, so a loaded machine cannot turn a slow answer into a timeout.
 */
const SHORT_TIMEOUT_MS = 2_000;
const LONG_TIMEOUT_MS = 60_000;
const OZ_FOREVER = 'slow:600000';

let oz: RunningOzEmulator;
let kairos: RunningKairosEmulator;
/** One worker pool for every backend of this file: uploads are validated off the main thread, as in production. */
let validator: UploadValidator;
const backends = new Map<string, Promise<{ backend: LivenessBackend; store: Store }>>();

beforeAll(async () => {
  validator = createUploadValidator({ workers: 1 });
  oz = await startOzEmulator({ analysisMs: 20 });
  // Kairos's `slow` answer comes after the processor has given up.
  kairos = await startKairosEmulator({ slowResponseMs: SHORT_TIMEOUT_MS * 5 });
});
afterAll(async () => {
  for (const entry of backends.values()) await (await entry).backend.close();
  await oz?.close();
  await kairos?.close();
  await validator?.close();
});

/** One backend per policy and provider order, shared by that policy's cases (they run concurrently), unless isolated. */
function backendFor(
  policy: PolicyName,
  providers: readonly ProviderName[],
  timeoutMs: number,
  isolated = '',
): Promise<{ backend: LivenessBackend; store: Store }> {
  const key = `${policy}:${providers.join(',')}:${timeoutMs}:${isolated}`;
  let entry = backends.get(key);
  if (!entry) {
    entry = startBackend(policy, providers, timeoutMs);
    backends.set(key, entry);
  }
  return entry;
}

async function startBackend(
  policy: PolicyName,
  providers: readonly ProviderName[],
  timeoutMs: number,
): Promise<{ backend: LivenessBackend; store: Store }> {
  const config = testConfig({
    LIVENESS_POLICY: policy,
    LIVENESS_PROVIDERS: providers.join(','),
    OZ_POLL_INTERVAL_MS: '20',
  });
  const sandbox: SandboxEndpoints = {
    oz: { url: oz.url, credentials: oz.credentials },
    kairos: { url: kairos.url, credentials: kairos.credentials },
  };
  const store = await createMemoryStore();
  const backend = createLivenessBackend({
    config,
    adapters: createProviderAdapters(config, { sandbox, logger: silentLogger }),
    store,
    providerTimeoutMs: timeoutMs,
    uploadValidator: validator,
  });
  return { backend, store };
}

type Expected = { decision: 'live' | 'spoof' } | { error: ProviderErrorCode } | 'not-asked';

interface Case {
  name: string;
  policy: PolicyName;
  providers?: readonly ProviderName[];
  scenario: { oz?: string; kairos?: string };
  status: 'done' | 'failed';
  decision: 'live' | 'spoof' | 'inconclusive';
  reason: RegExp;
  oz: Expected;
  kairos: Expected;
  /** The provider answered only after retrying (5xx once, an expired token): more HTTP requests than a plain run. */
  retried?: ProviderName[];
  /**
   * Runs on a backend of its own: the scenario changes state the adapter shares between checks (an expired Oz token
   * would make the concurrent checks of a shared backend log in again too).
   */
  isolated?: boolean;
  /** A provider is expected to time out: run with the short safety net. */
  timesOut?: boolean;
}

const live = { decision: 'live' } as const;
const spoof = { decision: 'spoof' } as const;
const error = (code: ProviderErrorCode) => ({ error: code });

const CASES: Case[] = [
  // all: live needs every provider; one spoof decides; any error is inconclusive.
  {
    name: 'both live',
    policy: 'all',
    scenario: {},
    status: 'done',
    decision: 'live',
    reason: /^all: live from oz, kairos$/,
    oz: live,
    kairos: live,
  },
  {
    name: 'Oz spoof',
    policy: 'all',
    scenario: { oz: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /spoof from oz/,
    oz: spoof,
    kairos: live,
  },
  {
    name: 'Kairos spoof',
    policy: 'all',
    scenario: { kairos: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /spoof from kairos/,
    oz: live,
    kairos: spoof,
  },
  {
    name: 'Kairos no face (200)',
    policy: 'all',
    scenario: { kairos: 'no-face' },
    status: 'done',
    decision: 'spoof',
    reason: /spoof from kairos/,
    oz: live,
    kairos: spoof,
  },
  {
    name: 'Kairos several faces',
    policy: 'all',
    scenario: { kairos: 'multi-face' },
    status: 'done',
    decision: 'spoof',
    reason: /spoof from kairos/,
    oz: live,
    kairos: spoof,
  },
  {
    name: 'Kairos score at the threshold',
    policy: 'all',
    scenario: { kairos: 'boundary' },
    status: 'done',
    decision: 'live',
    reason: /live from oz, kairos/,
    oz: live,
    kairos: live,
  },
  {
    name: 'Oz processing for several reads',
    policy: 'all',
    scenario: { oz: 'slow:200' },
    status: 'done',
    decision: 'live',
    reason: /live from oz, kairos/,
    oz: live,
    kairos: live,
  },
  {
    name: 'Oz legacy scores',
    policy: 'all',
    scenario: { oz: 'legacy-scores' },
    status: 'done',
    decision: 'live',
    reason: /live from oz, kairos/,
    oz: live,
    kairos: live,
  },
  {
    name: 'Oz FAILED',
    policy: 'all',
    scenario: { oz: 'failed' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /oz failed with provider-failed/,
    oz: error('provider-failed'),
    kairos: live,
  },
  {
    name: 'Kairos quota',
    policy: 'all',
    scenario: { kairos: 'quota' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /kairos failed with provider-quota/,
    oz: live,
    kairos: error('provider-quota'),
  },
  {
    name: 'Kairos refuses the credentials',
    policy: 'all',
    scenario: { kairos: 'auth-401' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /provider-auth/,
    oz: live,
    kairos: error('provider-auth'),
  },
  {
    name: 'Oz unavailable (503)',
    policy: 'all',
    scenario: { oz: 'unavailable' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /oz failed with provider-unavailable/,
    oz: error('provider-unavailable'),
    kairos: live,
  },
  {
    name: 'Kairos 5xx every time',
    policy: 'all',
    scenario: { kairos: 'server-error' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /kairos failed with provider-unavailable/,
    oz: live,
    kairos: error('provider-unavailable'),
  },
  // variant-shapes: both emulators answer in the shapes the docs leave open (unknown fields, other spellings, an
  // object from start-analyses, no media[] on create-folder, an undocumented status while running, no result key).
  {
    name: 'both answer in variant shapes',
    policy: 'all',
    scenario: { oz: 'variant-shapes', kairos: 'variant-shapes' },
    status: 'done',
    decision: 'live',
    reason: /^all: live from oz, kairos$/,
    oz: live,
    kairos: live,
  },
  {
    name: 'variant shapes, Oz spoof',
    policy: 'all',
    scenario: { oz: 'variant-shapes,spoof', kairos: 'variant-shapes' },
    status: 'done',
    decision: 'spoof',
    reason: /spoof from oz/,
    oz: spoof,
    kairos: live,
  },
  {
    name: 'both answer in variant shapes (any)',
    policy: 'any',
    scenario: { oz: 'variant-shapes', kairos: 'variant-shapes' },
    status: 'done',
    decision: 'live',
    reason: /^any: live from oz, kairos$/,
    oz: live,
    kairos: live,
  },
  {
    name: 'both answer in variant shapes (fallback)',
    policy: 'fallback',
    scenario: { oz: 'variant-shapes', kairos: 'variant-shapes' },
    status: 'done',
    decision: 'live',
    reason: /^fallback: live from oz$/,
    oz: live,
    kairos: 'not-asked',
  },
  {
    name: 'Kairos first, variant shapes (fallback)',
    policy: 'fallback',
    providers: ['kairos', 'oz'],
    scenario: { oz: 'variant-shapes', kairos: 'variant-shapes' },
    status: 'done',
    decision: 'live',
    reason: /^fallback: live from kairos$/,
    oz: 'not-asked',
    kairos: live,
  },
  {
    name: 'both 5xx once, then success',
    policy: 'all',
    scenario: { oz: 'server-error-once', kairos: 'server-error-once' },
    status: 'done',
    decision: 'live',
    reason: /live from oz, kairos/,
    oz: live,
    kairos: live,
    retried: ['oz', 'kairos'],
  },
  {
    name: 'Oz token expires mid-check',
    policy: 'all',
    scenario: { oz: 'expire-token' },
    status: 'done',
    decision: 'live',
    reason: /live from oz, kairos/,
    oz: live,
    kairos: live,
    isolated: true,
  },
  {
    name: 'Kairos answer breaks the contract',
    policy: 'all',
    scenario: { kairos: 'malformed-body' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /provider-protocol/,
    oz: live,
    kairos: error('provider-protocol'),
  },
  {
    name: 'Oz never final (timeout)',
    policy: 'all',
    scenario: { oz: OZ_FOREVER },
    status: 'failed',
    decision: 'inconclusive',
    reason: /oz failed with provider-timeout/,
    oz: error('provider-timeout'),
    kairos: live,
    timesOut: true,
  },

  // any: one live is enough; spoof needs every provider; an error next to a spoof is inconclusive.
  {
    name: 'Oz spoof, Kairos live',
    policy: 'any',
    scenario: { oz: 'spoof' },
    status: 'done',
    decision: 'live',
    reason: /^any: live from kairos$/,
    oz: spoof,
    kairos: live,
  },
  {
    name: 'both spoof',
    policy: 'any',
    scenario: { oz: 'spoof', kairos: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /^any: spoof from oz, kairos$/,
    oz: spoof,
    kairos: spoof,
  },
  {
    name: 'Oz spoof, Kairos quota',
    policy: 'any',
    scenario: { oz: 'spoof', kairos: 'quota' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /kairos failed with provider-quota/,
    oz: spoof,
    kairos: error('provider-quota'),
  },
  {
    name: 'Oz unavailable, Kairos live',
    policy: 'any',
    scenario: { oz: 'unavailable' },
    status: 'done',
    decision: 'live',
    reason: /^any: live from kairos$/,
    oz: error('provider-unavailable'),
    kairos: live,
  },
  {
    name: 'Oz FAILED, Kairos timeout',
    policy: 'any',
    scenario: { oz: 'failed', kairos: 'slow' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /provider-failed.*provider-timeout/,
    oz: error('provider-failed'),
    kairos: error('provider-timeout'),
    timesOut: true,
  },
  {
    name: 'Oz 5xx once, Kairos no face (400)',
    policy: 'any',
    scenario: { oz: 'server-error-once', kairos: 'no-face-4xx' },
    status: 'done',
    decision: 'live',
    reason: /^any: live from oz$/,
    oz: live,
    kairos: error('provider-rejected'),
    retried: ['oz'],
  },

  // fallback (oz, then kairos): the first answer wins; only availability errors move on.
  {
    name: 'Oz answers, Kairos not asked',
    policy: 'fallback',
    scenario: { kairos: 'quota' },
    status: 'done',
    decision: 'live',
    reason: /^fallback: live from oz$/,
    oz: live,
    kairos: 'not-asked',
  },
  {
    name: 'Oz spoof is final',
    policy: 'fallback',
    scenario: { oz: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /^fallback: spoof from oz$/,
    oz: spoof,
    kairos: 'not-asked',
  },
  {
    name: 'Oz unavailable, Kairos answers',
    policy: 'fallback',
    scenario: { oz: 'unavailable' },
    status: 'done',
    decision: 'live',
    reason: /^fallback: live from kairos after oz failed with provider-unavailable/,
    oz: error('provider-unavailable'),
    kairos: live,
  },
  {
    name: 'Oz timeout, Kairos spoof',
    policy: 'fallback',
    scenario: { oz: OZ_FOREVER, kairos: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /^fallback: spoof from kairos after oz failed with provider-timeout/,
    oz: error('provider-timeout'),
    kairos: spoof,
    timesOut: true,
  },
  {
    name: 'Oz FAILED stops the chain',
    policy: 'fallback',
    scenario: { oz: 'failed' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /not an availability error/,
    oz: error('provider-failed'),
    kairos: 'not-asked',
  },
  {
    name: 'nobody available',
    policy: 'fallback',
    scenario: { oz: 'unavailable', kairos: 'quota' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /^fallback: no provider available/,
    oz: error('provider-unavailable'),
    kairos: error('provider-quota'),
  },
  {
    name: 'Oz 5xx once, then live',
    policy: 'fallback',
    scenario: { oz: 'server-error-once' },
    status: 'done',
    decision: 'live',
    reason: /^fallback: live from oz$/,
    oz: live,
    kairos: 'not-asked',
    retried: ['oz'],
  },
  {
    name: 'Kairos first: quota, Oz answers',
    policy: 'fallback',
    providers: ['kairos', 'oz'],
    scenario: { kairos: 'quota', oz: 'spoof' },
    status: 'done',
    decision: 'spoof',
    reason: /^fallback: spoof from oz after kairos failed with provider-quota/,
    oz: spoof,
    kairos: error('provider-quota'),
  },
  {
    name: 'Kairos first: no face (400) stops the chain',
    policy: 'fallback',
    providers: ['kairos', 'oz'],
    scenario: { kairos: 'no-face-4xx' },
    status: 'failed',
    decision: 'inconclusive',
    reason: /provider-rejected.*not an availability error/,
    oz: 'not-asked',
    kairos: error('provider-rejected'),
  },
];

/**
 * HTTP requests of a plain run, to recognise retries: Oz creates the folder, starts the analysis and reads it twice
 * (analyses run 20 ms); Kairos answers its one request.
 */
/** Oz: create folder, start analyses, read analysis (a first attempt looks for no earlier folder). */
const PLAIN_ATTEMPTS: Record<ProviderName, number> = { oz: 3, kairos: 1 };

describe.each(['all', 'any', 'fallback'] as const)('policy %s through the backend', (policy) => {
  const cases = CASES.filter((entry) => entry.policy === policy);

  it.concurrent.each(cases.map((entry) => [entry.name, entry] as const))('%s', async (_name, entry) => {
    const providers = entry.providers ?? ['oz', 'kairos'];
    const timeoutMs = entry.timesOut ? SHORT_TIMEOUT_MS : LONG_TIMEOUT_MS;
    const { backend, store } = await backendFor(policy, providers, timeoutMs, entry.isolated ? entry.name : '');
    const result = await runCheck(backend, store, entry, CASES.indexOf(entry));

    expect(result, `reason: ${result.reason}`).toMatchObject({
      status: entry.status,
      decision: entry.decision,
      policy,
    });
    expect(result.reason).toMatch(entry.reason);
    const asked = result.providers.map((provider) => provider.provider);
    expect(asked).toEqual(providers.filter((name) => entry[name] !== 'not-asked'));
    for (const name of asked)
      checkProvider(
        result.providers.find((provider) => provider.provider === name)!,
        entry[name],
        entry,
      );
  });
});

async function runCheck(backend: LivenessBackend, store: Store, entry: Case, seed: number): Promise<SessionResult> {
  const session = await createSession(backend, {
    reference: entry.name.slice(0, 200),
    sandboxScenario: entry.scenario,
  });
  // A distinct image per case: Kairos's server-error-once is keyed on the image, and cases run side by side.
  const response = await backend.fetch(
    uploadRequest(session.captureToken, { media: jpeg(300, 400, 'noise', 100 + seed) }),
  );
  expect(response.status).toBe(202);
  const { checkId } = (await response.json()) as { checkId: string };
  for (let poll = 0; (await store.getCheck(checkId))?.status === 'processing'; poll += 1) {
    if (poll > 1_000) throw new Error(`check for "${entry.name}" never completed`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return (await (await backend.fetch(apiRequest(`/sessions/${session.sessionId}/result`))).json()) as SessionResult;
}

function checkProvider(result: ProviderResultRecord, expected: Expected, entry: Case): void {
  if (expected === 'not-asked') throw new Error(`${result.provider} was asked`);
  expect(result.sandbox).toBe(true);
  expect(Date.parse(result.timings.finishedAt)).toBeGreaterThanOrEqual(Date.parse(result.timings.startedAt));
  expect(result.timings.durationMs).toBeGreaterThanOrEqual(0);
  if ('error' in expected) {
    expect(result).toMatchObject({ status: 'error', decision: null, score: null, raw: null, ids: {}, reason: null });
    expect(result.error).toEqual({ code: expected.error, message: expect.any(String) });
    expect(result.timings.attempts).toBeNull();
    return;
  }
  expect(result).toMatchObject({ status: 'done', decision: expected.decision });
  expect(result.error).toBeUndefined();
  expect(result.score).toBeGreaterThanOrEqual(0);
  expect(result.score).toBeLessThanOrEqual(1);
  if (result.provider === 'oz') {
    expect(result.raw).toEqual({ name: 'confidence_spoofing', value: expect.any(Number) });
    expect(result.score).toBeCloseTo(1 - result.raw!.value!, 6);
    expect(result.ids).toEqual({
      folderId: expect.any(String),
      mediaId: expect.any(String),
      analysisId: expect.any(String),
    });
  } else {
    expect(result.raw).toEqual({ name: 'faces_liveness', value: result.score });
    expect(result.threshold).toBe(0.6);
    expect(result.ids).toMatchObject({
      apiReqUid: expect.stringMatching(/^[0-9a-f-]{36}$/),
      requestId: expect.any(String),
    });
  }
  const attempts = result.timings.attempts;
  if (entry.retried?.includes(result.provider)) expect(attempts).toBeGreaterThan(PLAIN_ATTEMPTS[result.provider]);
  if (entry.name === 'both live') expect(attempts).toBe(PLAIN_ATTEMPTS[result.provider]);
}
