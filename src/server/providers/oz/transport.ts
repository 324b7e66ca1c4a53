/**
 * One Oz HTTP call with a per-request timeout and retries of transient failures (network errors, timeouts, 5xx)
 * with exponential backoff and jitter. 4xx answers are returned at once: resending them would not change them.
 */
import type { ProviderHttp, ProviderHttpResponse } from '../http.js';
import { ProviderError } from '../types.js';
import { isRetryableStatus } from './errors.js';
import { sleep } from '../sleep.js';

export interface TransportOptions {
  http: ProviderHttp;
  requestTimeoutMs: number;
  /** First retry delay; doubles per attempt, with up to 50% jitter taken off. */
  retryBaseDelayMs: number;
  maxAttempts: number;
  random: () => number;
}

export interface OzHttpRequest {
  method: 'GET' | 'POST';
  url: string;
  headers: Record<string, string>;
  /** Bytes, so a retry resends the same body. */
  body?: string | Uint8Array;
  /** Short label for errors and logs, e.g. "create folder". */
  operation: string;
}

/**
 * Resolves with the first non-retryable response, or the last 5xx response once attempts run out; rejects with
 * provider-unavailable when the network never answered, and with the signal's reason on abort.
 */
export async function sendWithRetries(
  request: OzHttpRequest,
  signal: AbortSignal,
  options: TransportOptions,
  onAttempt: () => void,
): Promise<ProviderHttpResponse> {
  let lastNetworkError: unknown;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(attempt - 1, options), signal);
    onAttempt();
    try {
      const response = await options.http({
        method: request.method,
        url: request.url,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal,
        timeoutMs: options.requestTimeoutMs,
      });
      if (!isRetryableStatus(response.status) || attempt === options.maxAttempts) return response;
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      lastNetworkError = error;
    }
  }
  throw new ProviderError(
    'oz',
    'provider-unavailable',
    `Oz ${request.operation} failed: no answer after ${options.maxAttempts} attempts`,
    { retryable: true },
    { cause: lastNetworkError },
  );
}

function backoffDelay(retry: number, options: TransportOptions): number {
  const exponential = options.retryBaseDelayMs * 2 ** (retry - 1);
  return Math.round(exponential * (1 - options.random() * 0.5));
}
