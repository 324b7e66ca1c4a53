/**
 * Talks to the backend token endpoint: uploads a capture with the short-lived capture token and waits for the
 * check to finish. Network failures are retried with the same idempotency key, so a retry never creates a second
 * check nor trips the single-use token. Loaded after the first guidance (element/after-guidance.ts).
 */
import { LivenessError } from '../errors.js';
import type { CaptureReport } from '../shared/media.js';
import { endpointUrl } from './endpoint.js';
import type { CheckStatus as CheckStatusName } from '../shared/providers.js';

export interface UploadRequest {
  endpoint: string;
  token: string;
  media: Blob;
  fileName: string;
  selfie?: Blob;
  report: CaptureReport;
  /** Reuse the same key when re-sending the same capture, so the backend recognises a retry. */
  idempotencyKey: string;
  signal?: AbortSignal;
  maxAttempts?: number;
  retryDelayMs?: number;
}

export interface UploadAccepted {
  checkId: string;
  sessionId: string;
}

export interface CheckStatus {
  checkId: string;
  sessionId: string;
  status: CheckStatusName;
  result?: unknown;
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

export async function uploadCapture(request: UploadRequest): Promise<UploadAccepted> {
  const { maxAttempts = 3, retryDelayMs = 800 } = request;
  const body = new FormData();
  body.append('media', request.media, request.fileName);
  if (request.selfie && request.selfie !== request.media) body.append('selfie', request.selfie, 'selfie.jpg');
  body.append('report', JSON.stringify(request.report));

  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(endpointUrl(request.endpoint, 'checks'), {
        method: 'POST',
        headers: { Authorization: `Bearer ${request.token}`, 'Idempotency-Key': request.idempotencyKey },
        body,
        signal: request.signal ?? null,
        credentials: 'omit',
      });
    } catch (error) {
      if (request.signal?.aborted) throw error;
      if (attempt >= maxAttempts) {
        throw new LivenessError('network', 'The capture could not be sent: the network is unavailable.', true, {
          cause: error,
        });
      }
      await delay(retryDelayMs * attempt, request.signal);
      continue;
    }
    if (response.status === 202 || response.ok) {
      const accepted = (await response.json()) as Partial<UploadAccepted>;
      if (typeof accepted.checkId !== 'string' || typeof accepted.sessionId !== 'string') {
        throw new LivenessError('upload-failed', 'The backend answered without a check id.');
      }
      return { checkId: accepted.checkId, sessionId: accepted.sessionId };
    }
    if (response.status >= 500 && attempt < maxAttempts) {
      await delay(retryDelayMs * attempt, request.signal);
      continue;
    }
    throw await errorFromResponse(response, 'upload');
  }
}

export async function fetchCheckStatus(endpoint: string, token: string, checkId: string, signal?: AbortSignal) {
  const response = await fetch(endpointUrl(endpoint, `checks/${encodeURIComponent(checkId)}`), {
    headers: { Authorization: `Bearer ${token}` },
    signal: signal ?? null,
    credentials: 'omit',
    cache: 'no-store',
  });
  if (!response.ok) throw await errorFromResponse(response, 'status');
  return (await response.json()) as CheckStatus;
}

/** Polls until the check is final. Transient failures are retried; the caller's signal ends the wait. */
export async function waitForCheck(
  endpoint: string,
  token: string,
  checkId: string,
  options: { signal?: AbortSignal; intervalMs?: number; timeoutMs?: number } = {},
): Promise<CheckStatus> {
  const { intervalMs = 1000, timeoutMs = 180_000, signal } = options;
  const deadline = performance.now() + timeoutMs;
  let transientFailures = 0;
  for (;;) {
    try {
      const status = await fetchCheckStatus(endpoint, token, checkId, signal);
      transientFailures = 0;
      if (status.status !== 'processing') return status;
    } catch (error) {
      if (signal?.aborted) throw error;
      const retryable = !(error instanceof LivenessError) || error.code === 'network';
      if (!retryable || ++transientFailures > 5) throw error;
    }
    if (performance.now() > deadline) {
      throw new LivenessError('check-failed', 'The check did not finish in time.');
    }
    await delay(intervalMs, signal);
  }
}

async function errorFromResponse(response: Response, stage: 'upload' | 'status'): Promise<LivenessError> {
  let body: ErrorBody = {};
  try {
    body = (await response.json()) as ErrorBody;
  } catch {
    // Not JSON (a proxy error page, say): the status alone decides.
  }
  const code = body.error?.code ?? '';
  const message = body.error?.message ?? `The backend answered ${response.status}.`;
  if (code === 'token-expired') return new LivenessError('token-expired', message, false);
  if (response.status === 401 || response.status === 403) return new LivenessError('token-rejected', message, false);
  if (response.status >= 500) return new LivenessError(stage === 'upload' ? 'upload-failed' : 'network', message);
  if (response.status === 429) return new LivenessError('network', message);
  return new LivenessError('upload-rejected', message);
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
