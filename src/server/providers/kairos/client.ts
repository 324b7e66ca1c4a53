/**
 * The HTTP edge of the Kairos adapter: one `POST …/liveness-verification` with per-request timeouts and retries
 * of transient failures. Every decision about what a status or body means is delegated to ./decision.ts.
 */
import { SANDBOX_SCENARIO_HEADER } from '../../../shared/sandbox.js';
import { ProviderTimeoutError, type ProviderHttp } from '../http.js';
import { encodeMultipart, type MultipartBody } from '../multipart.js';
import { ProviderError } from '../types.js';
import { backoffDelayMs, kairosStatusAction, readKairosLivenessBody } from './decision.js';
import type { KairosLivenessResponse } from './types.js';
import { sleep } from '../sleep.js';

export interface KairosClientSettings {
  /** Full URL of the liveness-verification endpoint. */
  endpoint: string;
  appId: string;
  appKey: string;
  timeoutMs: number;
  maxAttempts: number;
  backoffMs: number;
  http: ProviderHttp;
  logger: (event: string, fields: Record<string, unknown>) => void;
  random: () => number;
}

export interface KairosCallRequest {
  selfieJpeg: Uint8Array;
  threshold: number;
  signal: AbortSignal;
  /** For log lines only. */
  checkId: string;
  /** Sent as `x-sandbox-scenario` when present. */
  sandboxScenario?: string;
}

export interface KairosCallResult {
  response: KairosLivenessResponse;
  /** The `X-Request-ID` response header (documented for v0.2), when present. */
  requestId: string | null;
  attempts: number;
}

/** An attempt that may succeed if repeated: 5xx, a network failure or a per-request timeout. */
interface TransientFailure {
  why: string;
  status?: number;
}

const ERROR_SNIPPET_CHARS = 200;

export interface KairosClient {
  livenessVerification(request: KairosCallRequest): Promise<KairosCallResult>;
}

export function createKairosClient(settings: KairosClientSettings): KairosClient {
  return {
    async livenessVerification(request) {
      let lastFailure: TransientFailure = { why: 'not attempted' };
      // Encoded once: the bytes are resent as they are on a retry.
      const form = livenessForm(request.selfieJpeg, request.threshold);
      for (let attempt = 1; attempt <= settings.maxAttempts; attempt += 1) {
        if (attempt > 1) {
          await sleep(backoffDelayMs(attempt - 1, settings.backoffMs, settings.random), request.signal);
        }
        const outcome = await attemptOnce(settings, request, form, attempt);
        if ('response' in outcome) return { ...outcome, attempts: attempt };
        lastFailure = outcome;
      }
      throw new ProviderError(
        'kairos',
        'provider-unavailable',
        `Kairos unavailable after ${settings.maxAttempts} attempt(s): ${lastFailure.why}`,
        { ...(lastFailure.status === undefined ? {} : { status: lastFailure.status }), retryable: true },
      );
    },
  };
}

/** One HTTP exchange. Returns a result or a transient failure; throws for failures that must not be retried. */
async function attemptOnce(
  settings: KairosClientSettings,
  request: KairosCallRequest,
  form: MultipartBody,
  attempt: number,
): Promise<{ response: KairosLivenessResponse; requestId: string | null } | TransientFailure> {
  const started = performance.now();
  const log = (fields: Record<string, unknown>): void =>
    safeLog(settings.logger, 'kairos.attempt', {
      checkId: request.checkId,
      attempt,
      durationMs: Math.round(performance.now() - started),
      ...fields,
    });

  let status: number;
  let requestId: string | null;
  let text: string;
  try {
    // The deadline covers the body too, so a server that stalls mid-body also hits the timeout.
    const res = await settings.http({
      method: 'POST',
      url: settings.endpoint,
      headers: { ...requestHeaders(settings, request.sandboxScenario), 'content-type': form.contentType },
      body: form.body,
      signal: request.signal,
      timeoutMs: settings.timeoutMs,
    });
    status = res.status;
    requestId = res.header('x-request-id');
    text = res.text;
  } catch (error) {
    // The caller's own abort wins and keeps its reason, so it can tell a deadline from a shutdown.
    request.signal.throwIfAborted();
    const timedOut = error instanceof ProviderTimeoutError;
    const why = timedOut
      ? `timed out after ${settings.timeoutMs} ms`
      : `network error: ${error instanceof Error ? error.message : String(error)}`;
    log({ outcome: timedOut ? 'timeout' : 'network-error' });
    return { why };
  }

  log({ outcome: 'answered', status, requestId });
  const action = kairosStatusAction(status, text);
  if (action.action === 'retry') return { why: `HTTP ${status}`, status };
  if (action.action === 'fail') {
    const snippet = text.trim().slice(0, ERROR_SNIPPET_CHARS);
    throw new ProviderError(
      'kairos',
      action.code,
      `Kairos answered ${status} (${action.explanation})${requestId ? `, X-Request-ID ${requestId}` : ''}` +
        (snippet ? `: ${snippet}` : ''),
      { status, retryable: false },
    );
  }
  const reading = readKairosLivenessBody(text);
  if (!reading.ok) {
    throw new ProviderError('kairos', 'provider-protocol', `Kairos broke the liveness contract: ${reading.problem}`, {
      status,
      retryable: false,
    });
  }
  return { response: reading.response, requestId };
}

/** Exactly the underscore header names every Kairos sample uses (§2.1); some proxies drop them, so test them. */
function requestHeaders(settings: KairosClientSettings, sandboxScenario: string | undefined): Record<string, string> {
  return {
    app_id: settings.appId,
    app_key: settings.appKey,
    ...(sandboxScenario ? { [SANDBOX_SCENARIO_HEADER]: sandboxScenario } : {}),
  };
}

function livenessForm(selfieJpeg: Uint8Array, threshold: number): MultipartBody {
  return encodeMultipart([
    { name: 'selfie', fileName: 'selfie.jpg', contentType: 'image/jpeg', bytes: selfieJpeg },
    { name: 'threshold', value: String(threshold) },
  ]);
}

/** A broken logger must never turn a verdict into a failure. */
function safeLog(logger: KairosClientSettings['logger'], event: string, fields: Record<string, unknown>): void {
  try {
    logger(event, fields);
  } catch {
    // Deliberately ignored: logging is best effort.
  }
}
