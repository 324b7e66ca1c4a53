/**
 * When a failed webhook delivery is tried again: exponential backoff with jitter, capped, for a bounded number of
 * attempts. Pure, so the schedule is unit-tested without timers.
 *
 * With the defaults (10 s doubling, capped at 20 min, 10 attempts) the nine waits add up to about an hour; the
 * ±20 % jitter keeps many receivers that failed together (an outage) from being retried in lockstep.
 */

export interface RetrySchedule {
  /** Wait after the first failure; each later one doubles. */
  baseDelayMs: number;
  /** Cap of a single wait. */
  maxDelayMs: number;
  /** Attempts in total, the first one included. */
  maxAttempts: number;
}

export const DEFAULT_RETRY_SCHEDULE: Omit<RetrySchedule, 'maxAttempts'> = {
  baseDelayMs: 10_000,
  maxDelayMs: 20 * 60_000,
};

const JITTER = 0.2;

/**
 * The wait before the next attempt after `failures` failed attempts (1 for the first failure), or null when the
 * attempts are used up. `random` returns a number in [0, 1).
 */
export function nextRetryDelayMs(failures: number, schedule: RetrySchedule, random: () => number): number | null {
  if (failures >= schedule.maxAttempts) return null;
  const nominal = Math.min(schedule.maxDelayMs, schedule.baseDelayMs * 2 ** Math.max(0, failures - 1));
  return Math.max(0, Math.round(nominal * (1 - JITTER + 2 * JITTER * random())));
}
