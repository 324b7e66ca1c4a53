/** Retention: expired token uses, media past its retention, idle sessions and stale rate buckets. */
import type { PruneOptions, PruneResult, Store } from '../types.js';
import type { Database } from './connection.js';

export function createPruning(db: Database): Pick<Store, 'prune'> {
  const { transaction } = db;
  return {
    prune: (now: number, options: PruneOptions = {}) =>
      transaction(async (client): Promise<PruneResult> => {
        const uses = await client.query(`DELETE FROM liveness_token_uses WHERE expires_at <= $1`, [now]);
        const media = await client.query<{ id: string }>(
          `UPDATE liveness_checks SET media_deleted = true
            WHERE NOT media_deleted AND media_expires_at IS NOT NULL AND media_expires_at <= $1 RETURNING id`,
          [now],
        );
        if (media.rows.length > 0) {
          await client.query(`DELETE FROM liveness_media WHERE check_id = ANY($1::text[])`, [
            media.rows.map((row) => row.id),
          ]);
        }
        let sessions = 0;
        if (options.sessionRetentionSeconds !== undefined) {
          // Last activity: the token's expiry or the latest verdict, whichever is later; a processing check keeps
          // its session (see the event store).
          const deleted = await client.query(
            `DELETE FROM liveness_sessions s
              WHERE NOT EXISTS (SELECT 1 FROM liveness_checks c WHERE c.session_id = s.id AND c.status = 'processing')
                AND GREATEST(s.token_expires_at,
                             COALESCE((SELECT max(c.completed_at) FROM liveness_checks c WHERE c.session_id = s.id), s.token_expires_at))
                    + $2::bigint <= $1::bigint`,
            [now, options.sessionRetentionSeconds * 1000],
          );
          sessions = deleted.rowCount ?? 0;
        }
        // A bucket untouched for a minute is full again: forgetting it changes no answer.
        await client.query(`DELETE FROM liveness_rate_buckets WHERE updated_at < now() - interval '1 minute'`);
        return { tokenUses: uses.rowCount ?? 0, media: media.rows.length, sessions };
      }),
  };
}
