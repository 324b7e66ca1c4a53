/** Sessions, token uses and the upload that consumes a token (check, media and token use in one transaction). */
import pg from 'pg';
import type { AcceptCheckResult, SessionRecord, Store } from '../types.js';
import { isForeignKeyViolation, type QueryContext } from './connection.js';
import { checkBody, tokenUseFrom, type TokenUseRow } from './rows.js';

export function createSessionQueries({
  db,
  instanceId,
  leaseSeconds,
}: QueryContext): Pick<Store, 'createSession' | 'getSession' | 'deleteSession' | 'getTokenUse' | 'acceptCheck'> {
  const { query, transaction } = db;
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

    acceptCheck: (check, blobs, use) =>
      transaction(async (client): Promise<AcceptCheckResult> => {
        // The insert either consumes the token or, when another instance got there first (it waits for that
        // transaction), does nothing: exactly one upload per token, cluster-wide.
        let inserted: pg.QueryResult;
        try {
          inserted = await client.query(
            `INSERT INTO liveness_token_uses (token_id, session_id, check_id, expires_at, idempotency_key)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (token_id) DO NOTHING RETURNING token_id`,
            [use.tokenId, use.sessionId, use.checkId, use.expiresAt, use.idempotencyKey],
          );
        } catch (error) {
          if (isForeignKeyViolation(error))
            throw new Error(`session ${check.sessionId} does not exist`, { cause: error });
          throw error;
        }
        if (inserted.rowCount === 0) {
          const existing = await client.query<TokenUseRow>(`SELECT * FROM liveness_token_uses WHERE token_id = $1`, [
            use.tokenId,
          ]);
          if (!existing.rows[0]) throw new Error('token use vanished while being read');
          return { accepted: false, existing: tokenUseFrom(existing.rows[0]) };
        }
        await client.query(
          `INSERT INTO liveness_checks
             (id, session_id, status, record, created_at, completed_at, media_expires_at, media_deleted, lease_owner, lease_expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now() + make_interval(secs => $10))`,
          [
            check.id,
            check.sessionId,
            check.status,
            JSON.stringify(checkBody(check)),
            check.createdAt,
            check.completedAt,
            check.mediaExpiresAt,
            check.mediaDeleted,
            instanceId,
            leaseSeconds,
          ],
        );
        await client.query(`INSERT INTO liveness_media (check_id, media, selfie_jpeg) VALUES ($1, $2, $3)`, [
          check.id,
          Buffer.from(blobs.media.buffer, blobs.media.byteOffset, blobs.media.byteLength),
          Buffer.from(blobs.selfieJpeg.buffer, blobs.selfieJpeg.byteOffset, blobs.selfieJpeg.byteLength),
        ]);
        return { accepted: true };
      }),
  };
}
