/**
 * Cluster coordination: work leases (taken with `FOR UPDATE SKIP LOCKED`, timed by the database clock so instances'
 * clocks need not agree), the shared rate-limit buckets and LISTEN/NOTIFY wake-ups.
 */
import type { ClusterCoordination } from '../types.js';
import type { Database } from './connection.js';
import { CHANNELS, type NotificationListener } from './listener.js';

export interface ClusterContext {
  db: Database;
  listener: NotificationListener;
  instanceId: string;
  leaseMs: number;
}

export function createCluster({ db, listener, instanceId, leaseMs }: ClusterContext): ClusterCoordination {
  const { query } = db;
  const leaseSeconds = leaseMs / 1000;
  const cluster: ClusterCoordination = {
    instanceId,
    leaseMs,

    async claimChecks(limit) {
      if (limit <= 0) return [];
      const result = await query<{ id: string }>(
        `UPDATE liveness_checks SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2)
          WHERE id IN (
            SELECT id FROM liveness_checks
             WHERE status = 'processing' AND (lease_expires_at IS NULL OR lease_expires_at < now())
             ORDER BY created_at
             LIMIT $3
             FOR UPDATE SKIP LOCKED)
          RETURNING id`,
        [instanceId, leaseSeconds, limit],
      );
      return result.rows.map((row) => row.id);
    },

    async renewChecks(checkIds) {
      if (checkIds.length === 0) return [];
      const result = await query<{ id: string }>(
        `UPDATE liveness_checks SET lease_expires_at = now() + make_interval(secs => $2)
          WHERE id = ANY($3::text[]) AND lease_owner = $1 AND status = 'processing'
          RETURNING id`,
        [instanceId, leaseSeconds, [...checkIds]],
      );
      return result.rows.map((row) => row.id);
    },

    async releaseChecks(checkIds) {
      const result =
        checkIds === undefined
          ? await query(
              `UPDATE liveness_checks SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1`,
              [instanceId],
            )
          : await query(
              `UPDATE liveness_checks SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1 AND id = ANY($2::text[])`,
              [instanceId, [...checkIds]],
            );
      if ((result.rowCount ?? 0) > 0) await cluster.publish('work-released', String(result.rowCount));
    },

    async claimWebhook(eventId, webhookLeaseMs) {
      const result = await query(
        `UPDATE liveness_webhooks SET lease_owner = $1, lease_expires_at = now() + make_interval(secs => $2)
          WHERE event_id = $3 AND status = 'pending'
            AND (lease_owner IS NULL OR lease_owner = $1 OR lease_expires_at < now())`,
        [instanceId, webhookLeaseMs / 1000, eventId],
      );
      return (result.rowCount ?? 0) > 0;
    },

    async releaseWebhooks() {
      await query(`UPDATE liveness_webhooks SET lease_owner = NULL, lease_expires_at = NULL WHERE lease_owner = $1`, [
        instanceId,
      ]);
    },

    async takeRateToken(scope, key, perMinute) {
      const result = await query<{ wait: number }>(`SELECT liveness_take_rate_token($1, $2, $3) AS wait`, [
        scope,
        key,
        perMinute,
      ]);
      return Number(result.rows[0]?.wait ?? 0);
    },

    async publish(topic, payload) {
      await query(`SELECT pg_notify($1, $2)`, [CHANNELS[topic], payload]);
    },

    subscribe(topic, handler) {
      return listener.subscribe(CHANNELS[topic], handler);
    },
  };
  return cluster;
}
