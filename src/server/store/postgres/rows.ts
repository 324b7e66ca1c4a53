/**
 * Rows as node-postgres returns them and the records they become. bigint columns arrive as strings (pg does not
 * guess at precision), hence the Number() conversions.
 */
import type { CheckRecord, TokenUse, WebhookDeliveryRecord, WebhookDeliveryStatus } from '../types.js';

export const CHECK_COLUMNS =
  'id, session_id, status, record, created_at, completed_at, media_expires_at, media_deleted';

export interface CheckRow {
  id: string;
  session_id: string;
  status: CheckRecord['status'];
  record: CheckBody;
  created_at: string;
  completed_at: string | null;
  media_expires_at: string | null;
  media_deleted: boolean;
}

export type CheckBody = Omit<
  CheckRecord,
  'id' | 'sessionId' | 'status' | 'createdAt' | 'completedAt' | 'mediaExpiresAt' | 'mediaDeleted'
>;

export function checkBody(check: CheckRecord): CheckBody {
  return {
    policy: check.policy,
    media: check.media,
    report: check.report,
    providers: check.providers,
    checkpoints: check.checkpoints,
    verdict: check.verdict,
  };
}

export function checkFrom(row: CheckRow): CheckRecord {
  const body = row.record;
  return {
    id: row.id,
    sessionId: row.session_id,
    status: row.status,
    policy: body.policy,
    media: body.media,
    report: body.report,
    providers: body.providers ?? [],
    checkpoints: body.checkpoints ?? {},
    verdict: body.verdict ?? null,
    createdAt: Number(row.created_at),
    completedAt: nullableNumber(row.completed_at),
    mediaExpiresAt: nullableNumber(row.media_expires_at),
    mediaDeleted: row.media_deleted,
  };
}

export interface TokenUseRow {
  token_id: string;
  session_id: string;
  check_id: string;
  expires_at: string;
  idempotency_key: string | null;
}

export function tokenUseFrom(row: TokenUseRow): TokenUse {
  return {
    tokenId: row.token_id,
    sessionId: row.session_id,
    checkId: row.check_id,
    expiresAt: Number(row.expires_at),
    idempotencyKey: row.idempotency_key,
  };
}

export interface WebhookRow {
  event_id: string;
  type: 'check.completed';
  check_id: string;
  session_id: string;
  created_at: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_attempt_at: string | null;
  last_error: string | null;
  delivered_at: string | null;
}

export function webhookFrom(row: WebhookRow): WebhookDeliveryRecord {
  return {
    eventId: row.event_id,
    type: row.type,
    checkId: row.check_id,
    sessionId: row.session_id,
    createdAt: Number(row.created_at),
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: nullableNumber(row.next_attempt_at),
    lastAttemptAt: nullableNumber(row.last_attempt_at),
    lastError: row.last_error,
    deliveredAt: nullableNumber(row.delivered_at),
  };
}

function nullableNumber(value: string | null): number | null {
  return value === null ? null : Number(value);
}
