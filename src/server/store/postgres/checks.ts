/** A check's reads and the processor's writes: checkpoints, provider results, the verdict, media. */
import type { ProviderCheckpoint, ProviderName } from '../../providers/types.js';
import type { CheckCompletion, ProviderResultRecord, Store } from '../types.js';
import type { QueryContext } from './connection.js';
import { CHECK_COLUMNS, checkFrom, type CheckRow } from './rows.js';

/**
 * Fencing of the processor's writes ($4 is this instance): an instance that lost a check's lease (it stalled past
 * the lease and another took over) has its late writes dropped instead of overwriting the new owner's.
 */
const HELD_HERE = '(lease_owner IS NULL OR lease_owner = $4)';

export function createCheckQueries({
  db,
  instanceId,
}: Pick<QueryContext, 'db' | 'instanceId'>): Pick<
  Store,
  | 'getCheck'
  | 'findCheckForSession'
  | 'listProcessingChecks'
  | 'getMedia'
  | 'saveCheckpoint'
  | 'recordProviderResult'
  | 'completeCheck'
> {
  const { query, transaction } = db;
  return {
    async getCheck(checkId) {
      const result = await query<CheckRow>(`SELECT ${CHECK_COLUMNS} FROM liveness_checks WHERE id = $1`, [checkId]);
      return result.rows[0] ? checkFrom(result.rows[0]) : null;
    },

    async findCheckForSession(sessionId) {
      const result = await query<CheckRow>(
        `SELECT ${CHECK_COLUMNS} FROM liveness_checks WHERE session_id = $1 ORDER BY created_at, id LIMIT 1`,
        [sessionId],
      );
      return result.rows[0] ? checkFrom(result.rows[0]) : null;
    },

    async listProcessingChecks() {
      const result = await query<CheckRow>(
        `SELECT ${CHECK_COLUMNS} FROM liveness_checks WHERE status = 'processing' ORDER BY created_at, id`,
      );
      return result.rows.map(checkFrom);
    },

    async getMedia(checkId) {
      const result = await query<{ media: Buffer; selfie_jpeg: Buffer }>(
        `SELECT m.media, m.selfie_jpeg FROM liveness_media m JOIN liveness_checks c ON c.id = m.check_id
          WHERE m.check_id = $1 AND NOT c.media_deleted`,
        [checkId],
      );
      const row = result.rows[0];
      return row ? { media: new Uint8Array(row.media), selfieJpeg: new Uint8Array(row.selfie_jpeg) } : null;
    },

    async saveCheckpoint(checkId: string, provider: ProviderName, checkpoint: ProviderCheckpoint) {
      await query(
        `UPDATE liveness_checks SET record = jsonb_set(record, ARRAY['checkpoints', $2::text], $3::jsonb, true)
          WHERE id = $1 AND ${HELD_HERE}`,
        [checkId, provider, JSON.stringify(checkpoint), instanceId],
      );
    },

    async recordProviderResult(checkId: string, result: ProviderResultRecord) {
      // Replaces this provider's earlier result, if any, like the file store.
      await query(
        `UPDATE liveness_checks SET record = jsonb_set(record, '{providers}',
             COALESCE((SELECT jsonb_agg(p) FROM jsonb_array_elements(record->'providers') p WHERE p->>'provider' <> $2), '[]'::jsonb)
             || jsonb_build_array($3::jsonb))
          WHERE id = $1 AND ${HELD_HERE}`,
        [checkId, result.provider, JSON.stringify(result), instanceId],
      );
    },

    completeCheck: (checkId: string, completion: CheckCompletion) =>
      transaction(async (client) => {
        // Only a processing check takes a verdict: after a lease takeover, the first verdict stored wins.
        const updated = await client.query<{ media_deleted: boolean; session_id: string }>(
          `UPDATE liveness_checks
              SET status = $2::text, record = jsonb_set(record, '{verdict}', $3::jsonb), completed_at = $4::bigint,
                  media_expires_at = $5::bigint, media_deleted = media_deleted OR $5::bigint <= $4::bigint,
                  lease_owner = NULL, lease_expires_at = NULL
            WHERE id = $1 AND status = 'processing' AND (lease_owner IS NULL OR lease_owner = $6)
            RETURNING media_deleted, session_id`,
          [
            checkId,
            completion.status,
            JSON.stringify(completion.verdict),
            completion.completedAt,
            completion.mediaExpiresAt,
            instanceId,
          ],
        );
        const row = updated.rows[0];
        if (!row) return;
        // Zero retention: the verdict and the media's deletion commit together.
        if (row.media_deleted) await client.query(`DELETE FROM liveness_media WHERE check_id = $1`, [checkId]);
        const event = completion.webhookEvent;
        if (event) {
          await client.query(
            `INSERT INTO liveness_webhooks (event_id, type, check_id, session_id, created_at, status, attempts, next_attempt_at)
             VALUES ($1, 'check.completed', $2, $3, $4::bigint, 'pending', 0, $4::bigint) ON CONFLICT DO NOTHING`,
            [event.eventId, checkId, row.session_id, event.createdAt],
          );
        }
      }),
  };
}
