/**
 * The PostgreSQL store's schema, as numbered migrations. Each runs once, in order, inside the one transaction that
 * also records it in `liveness_schema_migrations`, so a migration is either wholly applied or not at all. Never
 * edit a released migration: add the next number.
 *
 * Times the API shows (createdAt, completedAt, expiries) are epoch milliseconds from the backend's clock, as in
 * the file store. Leases use the database's clock (`now()`), the one clock every instance shares.
 */

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'sessions, checks, media, token uses, webhook outbox',
    sql: `
      CREATE TABLE liveness_sessions (
        id text PRIMARY KEY,
        record jsonb NOT NULL,
        token_expires_at bigint NOT NULL
      );

      -- record: the CheckRecord's fields that are not columns (media info, report, policy, providers,
      -- checkpoints, verdict). lease_*: which instance processes the check, until when (see work leases).
      CREATE TABLE liveness_checks (
        id text PRIMARY KEY,
        session_id text NOT NULL REFERENCES liveness_sessions (id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('processing', 'done', 'failed')),
        record jsonb NOT NULL,
        created_at bigint NOT NULL,
        completed_at bigint,
        media_expires_at bigint,
        media_deleted boolean NOT NULL DEFAULT false,
        lease_owner text,
        lease_expires_at timestamptz
      );
      CREATE INDEX liveness_checks_session ON liveness_checks (session_id);
      CREATE INDEX liveness_checks_processing ON liveness_checks (created_at) WHERE status = 'processing';
      CREATE INDEX liveness_checks_media_due ON liveness_checks (media_expires_at) WHERE NOT media_deleted;

      CREATE TABLE liveness_media (
        check_id text PRIMARY KEY REFERENCES liveness_checks (id) ON DELETE CASCADE,
        media bytea NOT NULL,
        selfie_jpeg bytea NOT NULL
      );

      -- The primary key is what makes a capture token single-use across the cluster.
      CREATE TABLE liveness_token_uses (
        token_id text PRIMARY KEY,
        session_id text NOT NULL REFERENCES liveness_sessions (id) ON DELETE CASCADE,
        check_id text NOT NULL,
        expires_at bigint NOT NULL,
        idempotency_key text
      );
      CREATE INDEX liveness_token_uses_expiry ON liveness_token_uses (expires_at);

      CREATE TABLE liveness_webhooks (
        event_id text PRIMARY KEY,
        type text NOT NULL,
        check_id text NOT NULL UNIQUE REFERENCES liveness_checks (id) ON DELETE CASCADE,
        session_id text NOT NULL REFERENCES liveness_sessions (id) ON DELETE CASCADE,
        created_at bigint NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at bigint,
        last_attempt_at bigint,
        last_error text,
        delivered_at bigint,
        lease_owner text,
        lease_expires_at timestamptz
      );
      CREATE INDEX liveness_webhooks_pending ON liveness_webhooks (created_at) WHERE status = 'pending';
      CREATE INDEX liveness_webhooks_session ON liveness_webhooks (session_id);
    `,
  },
  {
    version: 2,
    name: 'shared rate-limit buckets',
    sql: `
      -- One token bucket per (scope, key), refilled continuously at per_minute per minute up to per_minute.
      CREATE UNLOGGED TABLE liveness_rate_buckets (
        scope text NOT NULL,
        key text NOT NULL,
        tokens double precision NOT NULL,
        updated_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      );

      -- Takes one token; returns 0 when it was taken, else the seconds until one is available. One statement, so
      -- concurrent takes on the same bucket serialise on its row and every instance counts against the same total.
      CREATE FUNCTION liveness_take_rate_token(p_scope text, p_key text, p_per_minute double precision)
      RETURNS double precision LANGUAGE plpgsql AS $$
      DECLARE
        level double precision;
      BEGIN
        INSERT INTO liveness_rate_buckets AS b (scope, key, tokens, updated_at)
        VALUES (p_scope, p_key, p_per_minute, clock_timestamp())
        ON CONFLICT (scope, key) DO UPDATE
          SET tokens = LEAST(p_per_minute, b.tokens + EXTRACT(EPOCH FROM (clock_timestamp() - b.updated_at)) * p_per_minute / 60),
              updated_at = clock_timestamp()
        RETURNING tokens INTO level;
        IF level >= 1 THEN
          UPDATE liveness_rate_buckets SET tokens = level - 1 WHERE scope = p_scope AND key = p_key;
          RETURN 0;
        END IF;
        RETURN (1 - level) * 60 / p_per_minute;
      END;
      $$;
    `,
  },
  {
    version: 3,
    name: 'handoff codes',
    sql: `
      -- One row per handoff code (its hash); used_at is set once, by the UPDATE that redeems it.
      CREATE TABLE liveness_handoffs (
        code_hash text PRIMARY KEY,
        session_id text NOT NULL REFERENCES liveness_sessions (id) ON DELETE CASCADE,
        origins jsonb NOT NULL,
        created_at bigint NOT NULL,
        expires_at bigint NOT NULL,
        used_at bigint
      );
      CREATE INDEX liveness_handoffs_expiry ON liveness_handoffs (expires_at);
      -- The desktop polls its session's latest code every 1.5 s.
      CREATE INDEX liveness_handoffs_session ON liveness_handoffs (session_id, created_at DESC);
    `,
  },
];

export const LATEST_SCHEMA_VERSION = Math.max(...MIGRATIONS.map((migration) => migration.version));
