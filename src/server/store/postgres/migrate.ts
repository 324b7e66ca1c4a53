import type pg from 'pg';
import { describeError, type Logger } from '../../log.js';
import { StoreUnavailableError } from '../errors.js';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../postgres-schema.js';
import type { StoreReadiness } from '../types.js';

/** pg_advisory_xact_lock key for migrations: any constant the application owns ("livenes" in ASCII). */
const MIGRATION_LOCK_KEY = 0x6c6976656e6573n;

export /** Applies the missing migrations in one transaction under an advisory lock; concurrent starts queue on the lock. */
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

/** Ready only once this backend's migrations are all in: an instance started against an older schema must not serve. */
export async function schemaReadiness(pool: pg.Pool): Promise<StoreReadiness> {
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
}
