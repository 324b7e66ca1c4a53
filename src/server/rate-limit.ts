/**
 * In-memory token buckets, one per key (a client address, a session id). Each bucket holds up to `perMinute`
 * tokens and refills continuously at `perMinute` per minute, so short bursts pass and sustained floods do not.
 * Per process; with the PostgreSQL store the buckets live in the database instead (createSharedRateLimiter), so
 * every instance draws from the same bucket and the limits hold for the cluster as a whole.
 */
import { httpError } from './errors.js';
import { StoreUnavailableError } from './store/errors.js';
import type { ClusterCoordination } from './store/types.js';

export interface RateLimiter {
  /** Takes one token for `key`, or rejects with HttpError rate-limited and a Retry-After header. */
  take(key: string): Promise<void>;
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
    async take(key) {
      const now = options.clock();
      if (buckets.size > SWEEP_THRESHOLD) sweep(now);
      const bucket = buckets.get(key) ?? { tokens: capacity, updatedAt: now };
      const tokens = level(bucket, now);
      if (tokens < 1) {
        buckets.set(key, { tokens, updatedAt: now });
        throw rateLimited(options.scope, (1 - tokens) / refillPerMs / 1000);
      }
      buckets.set(key, { tokens: tokens - 1, updatedAt: now });
    },
  };
}

/**
 * The same token buckets, kept in the shared database: one row per (scope, key), updated in one statement on the
 * database clock, so N instances together let through `perMinute` per key, not N × `perMinute`.
 *
 * While the database is unreachable the limit lets requests through: every route that does real work needs the
 * store too and answers 503 store-unavailable itself, and GET /health can still say why the instance is not ready.
 */
export function createSharedRateLimiter(options: {
  perMinute: number;
  scope: string;
  cluster: ClusterCoordination;
}): RateLimiter {
  return {
    async take(key) {
      let waitSeconds: number;
      try {
        waitSeconds = await options.cluster.takeRateToken(options.scope, key, options.perMinute);
      } catch (error) {
        if (error instanceof StoreUnavailableError) return;
        throw error;
      }
      if (waitSeconds > 0) throw rateLimited(options.scope, waitSeconds);
    },
  };
}

function rateLimited(scope: string, waitSeconds: number) {
  const retryAfterSeconds = Math.max(1, Math.ceil(waitSeconds));
  return httpError('rate-limited', `Too many requests (${scope}); retry after ${retryAfterSeconds} s`, {
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}
