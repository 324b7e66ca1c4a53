/**
 * The Kairos `ProviderAdapter`: checks the selfie locally, sends it to liveness-verification and turns the
 * answer into a normalised `ProviderOutcome`.
 */
import { createProviderHttp, fetchProviderHttp } from '../http.js';
import { ProviderError, type ProviderAdapter, type ProviderOutcome } from '../types.js';
import { createKairosClient } from './client.js';
import { decideKairosLiveness, kairosApiVersion, selfieSizeProblem } from './decision.js';
import type { KairosConfig } from './types.js';

const DEFAULT_TIMEOUT_MS = 15_000;
const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_BACKOFF_MS = 500;

/**
 * Builds the adapter. Misconfiguration (no version in the URL, a threshold outside 0..1, empty credentials)
 * throws at setup, so a bad deployment fails at start rather than on the first check.
 */
export function createKairosAdapter(config: KairosConfig): ProviderAdapter {
  const version = kairosApiVersion(config.apiUrl);
  if (version === null) {
    throw new Error(`Kairos apiUrl must end with the API version path /v0.1 or /v0.2, got ${config.apiUrl}`);
  }
  if (!(config.threshold >= 0 && config.threshold <= 1)) {
    throw new Error(`Kairos threshold must be within 0..1, got ${config.threshold}`);
  }
  if (config.appId === '' || config.appKey === '') throw new Error('Kairos appId and appKey are required');
  const maxAttempts = config.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new Error(`Kairos maxAttempts must be a positive integer, got ${maxAttempts}`);
  }
  const timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  if (!(timeoutMs > 0)) throw new Error(`Kairos timeoutMs must be positive, got ${timeoutMs}`);

  const threshold = config.threshold;
  const client = createKairosClient({
    endpoint: `${config.apiUrl.replace(/\/+$/, '')}/liveness-verification`,
    appId: config.appId,
    appKey: config.appKey,
    timeoutMs,
    maxAttempts,
    backoffMs: config.backoffMs ?? DEFAULT_BACKOFF_MS,
    http: config.http ?? (config.fetch ? fetchProviderHttp(config.fetch) : createProviderHttp()),
    logger: config.logger ?? (() => {}),
    random: Math.random,
  });

  return {
    name: 'kairos',
    sandbox: config.sandbox,
    async verify(media, ctx): Promise<ProviderOutcome> {
      ctx.signal.throwIfAborted();
      const sizeProblem = selfieSizeProblem(version, media.selfieSize);
      if (sizeProblem !== null) {
        throw new ProviderError('kairos', 'provider-rejected', sizeProblem, { retryable: false });
      }

      const startedAt = new Date();
      const started = performance.now();
      const result = await client.livenessVerification({
        selfieJpeg: media.selfieJpeg,
        threshold,
        signal: ctx.signal,
        checkId: ctx.checkId,
        // Scenarios steer the emulator only; a real deployment never sends the header.
        ...(config.sandbox && ctx.sandboxScenario ? { sandboxScenario: ctx.sandboxScenario } : {}),
      });
      const durationMs = Math.round(performance.now() - started);
      const verdict = decideKairosLiveness(result.response, threshold);
      const score = result.response.response_data.faces_liveness;

      // Whichever request id Kairos gave (the docs show both spellings, and X-Request-ID on v0.2); none is required.
      const ids: Record<string, string> = {};
      const apiReqUid = result.response.api_req_uid ?? result.response.api_req_uuid;
      if (apiReqUid) ids.apiReqUid = apiReqUid;
      if (result.requestId) ids.requestId = result.requestId;
      if (result.response.response_code !== undefined) ids.responseCode = String(result.response.response_code);

      return {
        provider: 'kairos',
        decision: verdict.decision,
        score,
        raw: { name: 'faces_liveness', value: score },
        threshold,
        ids,
        timings: {
          startedAt: startedAt.toISOString(),
          finishedAt: new Date().toISOString(),
          durationMs,
          attempts: result.attempts,
        },
        reason: verdict.reason,
      };
    },
  };
}
