/** Sessions, token uses and the upload that consumes a token (check, media and token use in one statement). */
import pg from 'pg';
import type { AcceptCheckResult, SessionRecord, Store } from '../types.js';
import { isForeignKeyViolation, type QueryContext } from './connection.js';
import { checkBody, tokenUseFrom, type TokenUseRow } from './rows.js';

export function createSessionQueries({
  db,
  instanceId,
  leaseSeconds,
}: QueryContext): Pick<Store, 'createSession' | 'getSession' | 'deleteSession' | 'getTokenUse' | 'acceptCheck'> {
  const { query } = db;
  return {
    async createSession(session) {
      await query(`INSERT INTO liveness_sessions (id, record, token_expires_at) VALUES ($1, $2, $3)`, [
        session.id,
        JSON.stringify(session),
        session.tokenExpiresAt,
      ]);
    },

    async getSession(sessionId) {
      const result = await query<{ record: SessionRecord }>(`SELECT record FROM liveness_sessions WHERE id = $1`, [
        sessionId,
      ]);
      return result.rows[0]?.record ?? null;
    },

    async deleteSession(sessionId) {
      // Checks, media, token uses and webhook deliveries go with it (ON DELETE CASCADE), in one statement.
      const result = await query(`DELETE FROM liveness_sessions WHERE id = $1`, [sessionId]);
      return (result.rowCount ?? 0) > 0;
    },

    async getTokenUse(tokenId) {
      const result = await query<TokenUseRow>(`SELECT * FROM liveness_token_uses WHERE token_id = $1`, [tokenId]);
      return result.rows[0] ? tokenUseFrom(result.rows[0]) : null;
    },

    async acceptCheck(check, blobs, use): Promise<AcceptCheckResult> {
      // One statement, so one round trip and one implicit transaction: the token use, the check and its media are
      // stored together or not at all. The insert either consumes the token or, when another instance got there
      // first (it waits for that transaction), does nothing, and then nothing else is inserted: exactly one upload
      // per token, cluster-wide. (The foreign keys are checked at the end of the statement.)
      let inserted: pg.QueryResult<{ check_id: string }>;
      try {
        inserted = await query<{ check_id: string }>(
          `WITH use AS (
             INSERT INTO liveness_token_uses (token_id, session_id, check_id, expires_at, idempotency_key)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_id) DO NOTHING RETURNING check_id
           ), accepted AS (
             INSERT INTO liveness_checks
               (id, session_id, status, record, created_at, completed_at, media_expires_at, media_deleted, lease_owner,
                lease_expires_at)
             SELECT check_id, $2::text, $6::text, $7::jsonb, $8::bigint, $9::bigint, $10::bigint, $11::boolean, $12::text,
                    now() + make_interval(secs => $13) FROM use
             RETURNING id
           )
           INSERT INTO liveness_media (check_id, media, selfie_jpeg) SELECT id, $14::bytea, $15::bytea FROM accepted
           RETURNING check_id`,
          [
            use.tokenId,
            use.sessionId,
            check.id,
            use.expiresAt,
            use.idempotencyKey,
            check.status,
            JSON.stringify(checkBody(check)),
            check.createdAt,
            check.completedAt,
            check.mediaExpiresAt,
            check.mediaDeleted,
            instanceId,
            leaseSeconds,
            Buffer.from(blobs.media.buffer, blobs.media.byteOffset, blobs.media.byteLength),
            Buffer.from(blobs.selfieJpeg.buffer, blobs.selfieJpeg.byteOffset, blobs.selfieJpeg.byteLength),
          ],
        );
      } catch (error) {
        if (isForeignKeyViolation(error))
          throw new Error(`session ${check.sessionId} does not exist`, { cause: error });
        throw error;
      }
      if (inserted.rowCount !== 0) return { accepted: true };
      const existing = await query<TokenUseRow>(`SELECT * FROM liveness_token_uses WHERE token_id = $1`, [use.tokenId]);
      if (!existing.rows[0]) throw new Error('token use vanished while being read');
      return { accepted: false, existing: tokenUseFrom(existing.rows[0]) };
    },
  };
}
