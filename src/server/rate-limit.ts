/**
 * In-memory token buckets, one per key (a client address, a session id). Each bucket holds up to `perMinute`
 * tokens and refills continuously at `perMinute` per minute, so short bursts pass and sustained floods do not.
 * Per process: behind several instances, each enforces its own share.
 */
import { httpError } from './errors.js';

export interface RateLimiter {
  /** Takes one token for `key`, or throws HttpError rate-limited with a Retry-After header. */
  take(key: string): void;
}

const SWEEP_THRESHOLD = 10_000;

export function createRateLimiter(options: { perMinute: number; clock: () => number; scope: string }): RateLimiter {
  const capacity = options.perMinute;
  const refillPerMs = options.perMinute / 60_000;
  const buckets = new Map<string, { tokens: number; updatedAt: number }>();

  const level = (bucket: { tokens: number; updatedAt: number }, now: number): number =>
    Math.min(capacity, bucket.tokens + (now - bucket.updatedAt) * refillPerMs);

  // A full bucket carries no information, so forgetting it bounds memory without changing any answer.
  const sweep = (now: number): void => {
    for (const [key, bucket] of buckets) if (level(bucket, now) >= capacity) buckets.delete(key);
  };

  return {
    take(key) {
      const now = options.clock();
      if (buckets.size > SWEEP_THRESHOLD) sweep(now);
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now };
      const tokens = level(bucket, now);
      if (tokens < 1) {
        buckets.set(key, { tokens, updatedAt: now });
        const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / refillPerMs / 1000));
        throw httpError('rate-limited', `Too many requests (${options.scope}); retry after ${retryAfterSeconds} s`, {
          headers: { 'Retry-After': String(retryAfterSeconds) },
        });
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    },
  };
}
