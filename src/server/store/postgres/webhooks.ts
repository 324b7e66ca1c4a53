/** The webhook outbox: deliveries are written with the verdict (see checks.ts) and read and updated here. */
import type { Store, WebhookAttempt } from '../types.js';
import type { Database } from './connection.js';
import { webhookFrom, type WebhookRow } from './rows.js';

export function createWebhookQueries(
  db: Database,
): Pick<
  Store,
  'getWebhookDelivery' | 'listPendingWebhookDeliveries' | 'listWebhookDeliveries' | 'recordWebhookAttempt'
> {
  const { query } = db;
  return {
    async getWebhookDelivery(eventId) {
      const result = await query<WebhookRow>(`SELECT * FROM liveness_webhooks WHERE event_id = $1`, [eventId]);
      return result.rows[0] ? webhookFrom(result.rows[0]) : null;
    },

    async listPendingWebhookDeliveries() {
      const result = await query<WebhookRow>(
        `SELECT * FROM liveness_webhooks WHERE status = 'pending' ORDER BY created_at, event_id`,
      );
      return result.rows.map(webhookFrom);
    },

    async listWebhookDeliveries(sessionId) {
      const result = await query<WebhookRow>(
        `SELECT * FROM liveness_webhooks WHERE session_id = $1 ORDER BY created_at, event_id`,
        [sessionId],
      );
      return result.rows.map(webhookFrom);
    },

    async recordWebhookAttempt(eventId: string, attempt: WebhookAttempt) {
      await query(
        `UPDATE liveness_webhooks
            SET attempts = attempts + 1, status = $2::text, last_attempt_at = $3::bigint, next_attempt_at = $4::bigint,
                last_error = $5::text, delivered_at = CASE WHEN $2::text = 'delivered' THEN $3::bigint ELSE delivered_at END,
                lease_owner = NULL, lease_expires_at = NULL
          WHERE event_id = $1`,
        [eventId, attempt.status, attempt.attemptedAt, attempt.nextAttemptAt, attempt.error],
      );
    },
  };
}
