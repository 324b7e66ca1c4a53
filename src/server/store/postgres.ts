/**
 * The shared store: PostgreSQL through node-postgres, for several backend instances behind a load balancer. Any
 * instance serves any request, because every piece of state lives in the database: sessions, checks and results,
 * media (bytea), provider checkpoints, the webhook outbox, token uses (whose primary key makes a capture token
 * single-use across the cluster) and the shared rate-limit buckets.
 *
 * Work is leased: a check is processed by the instance holding its lease (taken by acceptCheck, or claimed with
 * `FOR UPDATE SKIP LOCKED` once nobody holds it or its lease ran out), and the processor's writes for a check are
 * fenced by that lease; webhook deliveries are leased likewise. Leases use the
 * database clock. LISTEN/NOTIFY carries wake-ups between instances (a lease given up, a provider's webhook); a lost
 * notification only delays work until the next periodic claim.
 *
 * Connection failures surface as StoreUnavailableError (HTTP 503 store-unavailable); the pool reconnects by itself
 * once the database is back.
 */
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describeError, silentLogger, type Logger } from '../log.js';
import type { ProviderCheckpoint, ProviderName } from '../providers/types.js';
import { StoreUnavailableError } from './errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from './postgres-schema.js';
import type {
  AcceptCheckResult,
  CheckCompletion,
  CheckRecord,
  ClusterCoordination,
  ClusterTopic,
  ProviderResultRecord,
  PruneOptions,
  PruneResult,
  SessionRecord,
  Store,
  StoreReadiness,
  TokenUse,
  WebhookAttempt,
  WebhookDeliveryRecord,
  WebhookDeliveryStatus,
} from './types.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (any libpq-style URL node-postgres accepts). */
  url: string;
  /** Connections this instance keeps at most. Default 10. */
  poolSize?: number;
  /** A lease not renewed for this long may be taken over. Default 30 s. */
  leaseMs?: number;
  /** Default: a random id per process start. */
  instanceId?: string;
  logger?: Logger;
  /** How long a request waits for a free or new connection before failing with store-unavailable. Default 5 s. */
  connectTimeoutMs?: number;
  /**
   * At start, how long to keep trying a database that cannot be reached yet (it may be starting alongside this
   * instance) before giving up. Default 30 s.
   */
  startTimeoutMs?: number;
}

export interface PostgresStore extends Store {
  readonly cluster: ClusterCoordination;
  readiness(): Promise<StoreReadiness>;
}

const DEFAULT_POOL_SIZE = 10;
const DEFAULT_LEASE_MS = 30_000;
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/** pg_advisory_xact_lock key for migrations: any constant the application owns ("livenes" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6c6976656e6573n;
const CHANNELS: Record<ClusterTopic, string> = {
  'work-released': 'liveness_work_released',
  'provider-hint': 'liveness_provider_hint',
};
const LISTEN_RETRY_MS = 1_000;
const DEFAULT_START_TIMEOUT_MS = 30_000;

type Queryable = Pick<pg.PoolClient, 'query'>;

/**
 * Connects, migrates (under an advisory lock, so instances starting together apply each migration once) and
 * returns the store. A database not reachable yet is retried for `startTimeoutMs`, then the start fails.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const logger = options.logger ?? silentLogger;
  const instanceId = options.instanceId ?? `instance-${randomUUID()}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const leaseSeconds = leaseMs / 1000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    connectionTimeoutMillis: options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    application_name: 'liveness-backend',
  });
  // An idle connection the server dropped (a restart) must not crash the process; the pool replaces it.
  pool.on('error', (error) => logger.warn('database-connection-lost', { error: describeError(error) }));

  try {
    const giveUpAt = Date.now() + (options.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS);
    for (let attempt = 1; ; attempt += 1) {
      try {
        await migrate(pool, logger);
        break;
      } catch (caught) {
        const error = asStoreError(caught);
        if (!(error instanceof StoreUnavailableError) || Date.now() >= giveUpAt) throw error;
        logger.warn('database-waiting', { attempt, error: error.message });
        await new Promise((resolve) => setTimeout(resolve, Math.min(2_000, 250 * attempt)));
      }
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  const listener = new NotificationListener(options.url, logger);
  listener.start();

  const guard = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw asStoreError(error);
    }
  };
  const query = <R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<pg.QueryResult<R>> =>
    guard(() => pool.query<R>(sql, values));
  const transaction = <T>(work: (client: Queryable) => Promise<T>): Promise<T> =>
    guard(async () => {
      const client = await pool.connect();
      // A checked-out client the server drops emits 'error' besides failing its query: unheard, that would crash.
      const onError = (error: Error): void => logger.warn('database-connection-lost', { error: describeError(error) });
      client.on('error', onError);
      let broken = false;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        broken = isConnectionError(error);
        if (!broken) await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onError);
        client.release(broken);
      }
    });

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

  return {
    cluster,

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

    async readiness() {
      try {
        const result = await pool.query<{ version: number | null }>(
          `SELECT max(version) AS version FROM liveness_schema_migrations`,
        );
        const version = Number(result.rows[0]?.version ?? 0);
        if (version < LATEST_SCHEMA_VERSION) {
          return {
            kind: 'postgres',
            ready: false,
            reason: `schema version ${version}, expected ${LATEST_SCHEMA_VERSION}`,
          };
        }
        return { kind: 'postgres', ready: true };
      } catch (error) {
        return { kind: 'postgres', ready: false, reason: `database unreachable: ${describeError(error)}` };
      }
    },

    async close() {
      await listener.stop();
      try {
        await cluster.releaseChecks();
        await cluster.releaseWebhooks();
      } catch (error) {
        // The leases run out by themselves; another instance takes over then.
        logger.warn('lease-release-failed', { error: describeError(error) });
      }
      await pool.end();
    },
  };
}

/** Applies the missing migrations in one transaction under an advisory lock; concurrent starts queue on the lock. */
async function migrate(pool: pg.Pool, logger: Logger): Promise<void> {
  const client = await pool.connect().catch((error: unknown) => {
    throw new StoreUnavailableError(`cannot connect to the database: ${describeError(error)}`, { cause: error });
  });
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
    await client.query(`CREATE TABLE IF NOT EXISTS liveness_schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const applied = new Set(
      (await client.query<{ version: number }>('SELECT version FROM liveness_schema_migrations')).rows.map(
        (row) => row.version,
      ),
    );
    const newer = Math.max(0, ...applied);
    if (newer > LATEST_SCHEMA_VERSION) {
      throw new Error(
        `the database schema is at version ${newer}, newer than this backend knows (${LATEST_SCHEMA_VERSION}): upgrade the backend`,
      );
    }
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await client.query(migration.sql);
      await client.query('INSERT INTO liveness_schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      logger.info('database-migrated', { version: migration.version, name: migration.name });
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/**
 * One dedicated connection that LISTENs on the cluster channels, reconnecting after the database went away. While
 * it is down, notifications are lost: every user of them also polls, so that only costs latency.
 */
class NotificationListener {
  readonly #url: string;
  readonly #logger: Logger;
  readonly #handlers = new Map<string, Set<(payload: string) => void>>();
  #client: pg.Client | null = null;
  #stopped = false;
  #retry: ReturnType<typeof setTimeout> | null = null;

  constructor(url: string, logger: Logger) {
    this.#url = url;
    this.#logger = logger;
  }

  start(): void {
    void this.#connect();
  }

  subscribe(channel: string, handler: (payload: string) => void): () => void {
    const handlers = this.#handlers.get(channel) ?? new Set();
    handlers.add(handler);
    this.#handlers.set(channel, handlers);
    return () => handlers.delete(handler);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#retry) clearTimeout(this.#retry);
    const client = this.#client;
    this.#client = null;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    const client = new pg.Client({ connectionString: this.#url, application_name: 'liveness-backend-listener' });
    let failed = false;
    const reconnect = (error?: unknown): void => {
      if (failed) return;
      failed = true;
      if (this.#client === client) this.#client = null;
      client.end().catch(() => undefined);
      if (this.#stopped) return;
      if (error) this.#logger.warn('database-listener-lost', { error: describeError(error) });
      this.#retry = setTimeout(() => void this.#connect(), LISTEN_RETRY_MS);
      this.#retry.unref();
    };
    client.on('error', reconnect);
    client.on('end', () => reconnect());
    client.on('notification', (message) => {
      for (const handler of this.#handlers.get(message.channel) ?? []) {
        try {
          handler(message.payload ?? '');
        } catch (error) {
          this.#logger.error('notification-handler-failed', { channel: message.channel, error: describeError(error) });
        }
      }
    });
    try {
      await client.connect();
      for (const channel of Object.values(CHANNELS)) await client.query(`LISTEN ${channel}`);
      if (this.#stopped) {
        await client.end();
        return;
      }
      this.#client = client;
    } catch (error) {
      reconnect(error);
    }
  }
}

/**
 * Fencing of the processor's writes ($4 is this instance): an instance that lost a check's lease (it stalled past
 * the lease and another took over) has its late writes dropped instead of overwriting the new owner's.
 */
const HELD_HERE = '(lease_owner IS NULL OR lease_owner = $4)';

const CHECK_COLUMNS = 'id, session_id, status, record, created_at, completed_at, media_expires_at, media_deleted';

interface CheckRow {
  id: string;
  session_id: string;
  status: CheckRecord['status'];
  record: CheckBody;
  created_at: string;
  completed_at: string | null;
  media_expires_at: string | null;
  media_deleted: boolean;
}

type CheckBody = Omit<
  CheckRecord,
  'id' | 'sessionId' | 'status' | 'createdAt' | 'completedAt' | 'mediaExpiresAt' | 'mediaDeleted'
>;

function checkBody(check: CheckRecord): CheckBody {
  return {
    policy: check.policy,
    media: check.media,
    report: check.report,
    providers: check.providers,
    checkpoints: check.checkpoints,
    verdict: check.verdict,
  };
}

function checkFrom(row: CheckRow): CheckRecord {
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

interface TokenUseRow {
  token_id: string;
  session_id: string;
  check_id: string;
  expires_at: string;
  idempotency_key: string | null;
}

function tokenUseFrom(row: TokenUseRow): TokenUse {
  return {
    tokenId: row.token_id,
    sessionId: row.session_id,
    checkId: row.check_id,
    expiresAt: Number(row.expires_at),
    idempotencyKey: row.idempotency_key,
  };
}

interface WebhookRow {
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

function webhookFrom(row: WebhookRow): WebhookDeliveryRecord {
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

/** SQLSTATE classes that mean "the server is not there for you right now", as opposed to a bad statement. */
const UNAVAILABLE_SQLSTATE = /^(08|53|57P)/;

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error instanceof pg.DatabaseError) return UNAVAILABLE_SQLSTATE.test(error.code ?? '');
  // Socket-level failures (ECONNREFUSED, ECONNRESET, …) and the pool's own ("timeout exceeded when trying to
  // connect", "Connection terminated unexpectedly") carry no SQLSTATE.
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? /^E[A-Z]+$/.test(code) : /connect|connection|terminat/i.test(error.message);
}

function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionError(error)) return error;
  return new StoreUnavailableError(`the database is unavailable: ${describeError(error)}`, { cause: error });
}

function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '23503';
}
