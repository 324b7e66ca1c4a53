/**
 * Turns node-postgres failures that mean "the database is not there right now" into StoreUnavailableError (HTTP 503
 * store-unavailable), so callers need not know pg's many ways of saying so; the pool reconnects by itself once the
 * database is back.
 */
import pg from 'pg';
import { describeError, type Logger } from '../../log.js';
import { StoreUnavailableError } from '../errors.js';

export type Queryable = Pick<pg.PoolClient, 'query'>;

export interface Database {
  query: <R extends pg.QueryResultRow>(sql: string, values?: unknown[]) => Promise<pg.QueryResult<R>>;
  transaction: <T>(work: (client: Queryable) => Promise<T>) => Promise<T>;
}

export function createDatabase(pool: pg.Pool, logger: Logger): Database {
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
  return { query, transaction };
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

export function asStoreError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionError(error)) return error;
  return new StoreUnavailableError(`the database is unavailable: ${describeError(error)}`, { cause: error });
}

export function isForeignKeyViolation(error: unknown): boolean {
  return error instanceof pg.DatabaseError && error.code === '23503';
}

/** What the query modules share: the database, and who this instance is for leases and fencing. */
export interface QueryContext {
  db: Database;
  instanceId: string;
  leaseSeconds: number;
}
