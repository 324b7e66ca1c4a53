/** Handoff codes in PostgreSQL: one row per code; the conditional UPDATE is what makes a code single use cluster-wide. */
import { HANDOFF_KEEP_MS, redeemVerdict, type HandoffRecord, type HandoffStore } from '../../handoff/types.js';
import type { Database } from './connection.js';

interface HandoffRow {
  code_hash: string;
  session_id: string;
  origins: string[];
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

function recordFrom(row: HandoffRow): HandoffRecord {
  return {
    codeHash: row.code_hash,
    sessionId: row.session_id,
    origins: row.origins,
    createdAt: Number(row.created_at),
    expiresAt: Number(row.expires_at),
    usedAt: row.used_at === null ? null : Number(row.used_at),
  };
}

export function createHandoffQueries(db: Database): HandoffStore {
  const { query } = db;
  return {
    async createHandoff(record) {
      await query(
        `INSERT INTO liveness_handoffs (code_hash, session_id, origins, created_at, expires_at, used_at)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          record.codeHash,
          record.sessionId,
          JSON.stringify(record.origins),
          record.createdAt,
          record.expiresAt,
          record.usedAt,
        ],
      );
    },

    async redeemHandoff(codeHash, now, origin) {
      // The origin is part of the condition: a refused origin takes nothing, the code stays unused.
      const taken = await query<HandoffRow>(
        `UPDATE liveness_handoffs SET used_at = $2
         WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2
           AND ($3::text IS NULL OR origins ? $3::text) RETURNING *`,
        [codeHash, now, origin],
      );
      if (taken.rows[0]) return { redeemed: true, record: recordFrom(taken.rows[0]) };
      const existing = await query<HandoffRow>(`SELECT * FROM liveness_handoffs WHERE code_hash = $1`, [codeHash]);
      const verdict = redeemVerdict(existing.rows[0] ? recordFrom(existing.rows[0]) : null, now, origin);
      // Someone else's UPDATE won between ours and the read: for this caller the code is used.
      return verdict.redeemed ? { redeemed: false, reason: 'used' } : verdict;
    },

    async latestHandoff(sessionId) {
      const latest = await query<HandoffRow>(
        `SELECT * FROM liveness_handoffs WHERE session_id = $1 ORDER BY created_at DESC LIMIT 1`,
        [sessionId],
      );
      return latest.rows[0] ? recordFrom(latest.rows[0]) : null;
    },

    async pruneHandoffs(now) {
      const result = await query(`DELETE FROM liveness_handoffs WHERE expires_at <= $1`, [now - HANDOFF_KEEP_MS]);
      return result.rowCount ?? 0;
    },
  };
}
