/**
 * One Oz HTTP call with a per-request timeout and retries of transient failures (network errors, timeouts, 5xx)
 * with exponential backoff and jitter. 4xx answers are returned at once: resending them would not change them.
 */
import { ProviderError } from '../types.js';
import { isRetryableStatus } from './errors.js';
import { sleep } from '../sleep.js';

export interface TransportOptions {
  fetch: typeof fetch;
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
  /** A factory because a multipart body is a stream that a retry cannot reuse. */
  body?: () => NonNullable<RequestInit['body']>;
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
): Promise<Response> {
  let lastNetworkError: unknown;
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    if (attempt > 1) await sleep(backoffDelay(attempt - 1, options), signal);
    onAttempt();
    try {
      const response = await options.fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body ? { body: request.body() } : {}),
        signal: AbortSignal.any([signal, AbortSignal.timeout(options.requestTimeoutMs)]),
      });
      if (!isRetryableStatus(response.status) || attempt === options.maxAttempts) return response;
      await response.body?.cancel();
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
