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
import { StoreUnavailableError } from './errors.js';
import { createCheckQueries } from './postgres/checks.js';
import { createCluster } from './postgres/cluster.js';
import { createHandoffQueries } from './postgres/handoffs.js';
import { asStoreError, createDatabase } from './postgres/connection.js';
import { NotificationListener } from './postgres/listener.js';
import { migrate, schemaReadiness } from './postgres/migrate.js';
import { createPruning } from './postgres/prune.js';
import { createSessionQueries } from './postgres/sessions.js';
import { createWebhookQueries } from './postgres/webhooks.js';
import type { ClusterCoordination, Store, StoreReadiness } from './types.js';

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
const DEFAULT_START_TIMEOUT_MS = 30_000;

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

  const db = createDatabase(pool, logger);
  const cluster = createCluster({ db, listener, instanceId, leaseMs });

  return {
    cluster,
    ...createSessionQueries({ db, instanceId, leaseSeconds }),
    ...createCheckQueries({ db, instanceId }),
    ...createWebhookQueries(db),
    ...createPruning(db),
    handoffs: createHandoffQueries(db),
    readiness: () => schemaReadiness(pool),

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
