/** The outbound webhook's signature (what integrators verify) and its retry schedule. */
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhookSignature } from '../../src/server/webhook-signature.js';
import { DEFAULT_RETRY_SCHEDULE, nextRetryDelayMs } from '../../src/server/webhooks/schedule.js';

const SECRET = 'whsec-test-0123456789abcdef0123456789';
const BODY = '{"id":"evt_1","type":"check.completed"}';
const TIMESTAMP = 1_700_000_000;
const AT_TIMESTAMP = TIMESTAMP * 1000;
// Computed independently: printf '1700000000.<body>' | openssl dgst -sha256 -hmac "$SECRET"
const KNOWN_SIGNATURE = 'a13f4478796f90ac71e4a4e0ccda4654b929f01940a10937f7c97c233e3449cf';

describe('signWebhook', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<raw body>" under the v1 scheme', () => {
    expect(signWebhook(SECRET, TIMESTAMP, BODY)).toBe(`v1=${KNOWN_SIGNATURE}`);
    expect(signWebhook(SECRET, TIMESTAMP, new TextEncoder().encode(BODY))).toBe(`v1=${KNOWN_SIGNATURE}`);
  });
});

describe('verifyWebhookSignature', () => {
  const header = `v1=${KNOWN_SIGNATURE}`;

  it('accepts a genuine delivery, with the timestamp as a string or a number', () => {
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY, { now: AT_TIMESTAMP })).toEqual({
      valid: true,
      timestamp: TIMESTAMP,
    });
    expect(
      verifyWebhookSignature(SECRET, header, TIMESTAMP, new TextEncoder().encode(BODY), {
        now: AT_TIMESTAMP + 299_000,
      }),
    ).toEqual({
      valid: true,
      timestamp: TIMESTAMP,
    });
  });

  it('refuses a changed body, another secret or a re-dated timestamp', () => {
    const now = { now: AT_TIMESTAMP };
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY.replace('evt_1', 'evt_2'), now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature(`${SECRET}x`, header, String(TIMESTAMP), BODY, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP + 1), BODY, now)).toEqual({
      valid: false,
      reason: 'mismatch',
    });
    // Re-serialized JSON is not the raw body.
    expect(
      verifyWebhookSignature(SECRET, header, String(TIMESTAMP), JSON.stringify(JSON.parse(BODY), null, 1), now),
    ).toMatchObject({ valid: false });
  });

  it('refuses deliveries outside the tolerance window, either way (replays)', () => {
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY, { now: AT_TIMESTAMP + 301_000 })).toEqual({
      valid: false,
      reason: 'stale',
    });
    expect(verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY, { now: AT_TIMESTAMP - 301_000 })).toEqual({
      valid: false,
      reason: 'stale',
    });
    expect(
      verifyWebhookSignature(SECRET, header, String(TIMESTAMP), BODY, {
        now: AT_TIMESTAMP + 60_000,
        toleranceSeconds: 30,
      }),
    ).toEqual({
      valid: false,
      reason: 'stale',
    });
  });

  it('accepts any matching v1 entry (secret rotation) and ignores other schemes', () => {
    const rotated = `v0=${'0'.repeat(64)}, v1=${'f'.repeat(64)},v1=${KNOWN_SIGNATURE.toUpperCase()}`;
    expect(verifyWebhookSignature(SECRET, rotated, String(TIMESTAMP), BODY, { now: AT_TIMESTAMP })).toMatchObject({
      valid: true,
    });
    expect(
      verifyWebhookSignature(SECRET, `v0=${KNOWN_SIGNATURE}`, String(TIMESTAMP), BODY, { now: AT_TIMESTAMP }),
    ).toEqual({
      valid: false,
      reason: 'malformed',
    });
  });

  it.each([
    [null, String(TIMESTAMP), 'missing'],
    ['', String(TIMESTAMP), 'missing'],
    [`v1=${KNOWN_SIGNATURE}`, undefined, 'missing'],
    ['garbage', String(TIMESTAMP), 'malformed'],
    [`v1=${KNOWN_SIGNATURE.slice(2)}`, String(TIMESTAMP), 'malformed'],
    [`v1=${KNOWN_SIGNATURE}`, '17e8', 'malformed'],
    [`v1=${KNOWN_SIGNATURE}`, '-1700000000', 'malformed'],
    [`v1=${KNOWN_SIGNATURE}`, '1700000000.5', 'malformed'],
  ])('refuses header %j with timestamp %j as %s', (value, timestamp, reason) => {
    expect(verifyWebhookSignature(SECRET, value, timestamp, BODY, { now: AT_TIMESTAMP })).toEqual({
      valid: false,
      reason,
    });
  });
});

describe('nextRetryDelayMs', () => {
  const schedule = { ...DEFAULT_RETRY_SCHEDULE, maxAttempts: 10 };
  const middle = () => 0.5;

  it('doubles from the base delay up to the cap, and stops after the last attempt', () => {
    const delays = Array.from({ length: 10 }, (_, index) => nextRetryDelayMs(index + 1, schedule, middle));
    expect(delays).toEqual([10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 640_000, 1_200_000, 1_200_000, null]);
    const total = delays.reduce<number>((sum, delay) => sum + (delay ?? 0), 0);
    expect(total / 60_000).toBeGreaterThan(55);
    expect(total / 60_000).toBeLessThan(65);
  });

  it('spreads each wait by ±20 % of jitter', () => {
    expect(nextRetryDelayMs(3, schedule, () => 0)).toBe(32_000);
    expect(nextRetryDelayMs(3, schedule, () => 0.999_999)).toBe(48_000);
  });

  it('gives up at once when only one attempt is allowed', () => {
    expect(nextRetryDelayMs(1, { ...schedule, maxAttempts: 1 }, middle)).toBeNull();
  });
});
