/**
 * Signatures of the backend's outbound webhooks, in the Stripe style: the `Liveness-Signature` header carries
 * `v1=<hex HMAC-SHA256>` of `"<Liveness-Timestamp>.<raw body>"`, keyed with LIVENESS_WEBHOOK_SECRET. The timestamp
 * is inside the signed text, so a captured delivery cannot be replayed once it is older than the receiver's
 * tolerance window, and it cannot be re-dated without the secret.
 *
 * Integrators verify with `verifyWebhookSignature` (pure: the clock is a parameter). It must be given the body
 * exactly as received: JSON re-serialized by a framework may differ by a byte and then fails.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_SIGNATURE_SCHEME = 'v1';
/** Five minutes either way: room for clock skew and slow networks, little room for a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export const WEBHOOK_HEADERS = {
  eventId: 'Liveness-Event-Id',
  timestamp: 'Liveness-Timestamp',
  signature: 'Liveness-Signature',
  /** 1 on the first delivery of an event, 2 on its first retry, … (not signed: informational). */
  attempt: 'Liveness-Attempt',
} as const;

const HEX_SIGNATURE = /^[0-9a-f]{64}$/;
const UNIX_SECONDS = /^\d{1,12}$/;

/** The header value for one delivery: `v1=<hex>`. `timestamp` is in Unix seconds. */
export function signWebhook(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  return `${WEBHOOK_SIGNATURE_SCHEME}=${signatureHex(secret, timestamp, rawBody)}`;
}

export type WebhookVerification =
  | { valid: true; timestamp: number }
  | {
      valid: false;
      /**
       * missing: no signature or timestamp header; malformed: neither parses; stale: the timestamp is outside the
       * tolerance window (a replay, or a badly wrong clock); mismatch: no `v1` signature matches the body.
       */
      reason: 'missing' | 'malformed' | 'stale' | 'mismatch';
    };

export interface VerifyWebhookOptions {
  /** How far the timestamp may be from `now`, either way. Default 300. */
  toleranceSeconds?: number;
  /** The receiver's clock in epoch milliseconds (as Date.now() returns). Default Date.now(). */
  now?: number;
}

/**
 * Checks a delivery: `header` is the Liveness-Signature value (several comma-separated `v1=` entries are allowed,
 * e.g. while a secret is being rotated), `timestamp` the Liveness-Timestamp value, `rawBody` the body as received.
 * Signatures are compared in constant time.
 */
export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  timestamp: string | number | null | undefined,
  rawBody: string | Uint8Array,
  options: VerifyWebhookOptions = {},
): WebhookVerification {
  if (
    header === null ||
    header === undefined ||
    header.trim() === '' ||
    timestamp === null ||
    timestamp === undefined
  ) {
    return { valid: false, reason: 'missing' };
  }
  const seconds =
    typeof timestamp === 'number' ? timestamp : UNIX_SECONDS.test(timestamp.trim()) ? Number(timestamp.trim()) : NaN;
  const candidates = signaturesIn(header);
  if (!Number.isSafeInteger(seconds) || seconds < 0 || candidates.length === 0)
    return { valid: false, reason: 'malformed' };

  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  if (Math.abs(nowSeconds - seconds) > tolerance) return { valid: false, reason: 'stale' };

  const expected = Buffer.from(signatureHex(secret, seconds, rawBody), 'hex');
  const matches = candidates.some((candidate) => timingSafeEqual(Buffer.from(candidate, 'hex'), expected));
  return matches ? { valid: true, timestamp: seconds } : { valid: false, reason: 'mismatch' };
}

function signatureHex(secret: string, timestamp: number, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', secret);
  hmac.update(`${timestamp}.`);
  hmac.update(rawBody);
  return hmac.digest('hex');
}

/** The well-formed `v1` signatures of a header; other schemes and malformed entries are ignored. */
function signaturesIn(header: string): string[] {
  const found: string[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1) continue;
    const scheme = part.slice(0, separator).trim();
    const value = part
      .slice(separator + 1)
      .trim()
      .toLowerCase();
    if (scheme === WEBHOOK_SIGNATURE_SCHEME && HEX_SIGNATURE.test(value)) found.push(value);
  }
  return found;
}
