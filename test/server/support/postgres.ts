/**
 * PostgreSQL for the tests: one throwaway server per test file (scripts/lib/throwaway-postgres.ts), one fresh
 * database per test. Never a mock.
 *
 * Skipped only where no server can be started at all (no binaries, or root without a postgres user), and never in
 * CI: with CI=true a server that cannot start fails the tests instead.
 */
import pg from 'pg';
import {
  postgresUnavailableReason,
  startThrowawayPostgres,
  type ThrowawayPostgres,
} from '../../../scripts/lib/throwaway-postgres.js';

const unavailable = postgresUnavailableReason();

/** Truthy (the reason) when the Postgres tests are skipped here. */
export const skipPostgres: string | false = process.env['CI'] === 'true' ? false : (unavailable ?? false);
// Said once per test file that skips, so a local run never passes "green" without saying what it left out.
if (skipPostgres) process.stderr.write(`PostgreSQL tests skipped: ${skipPostgres}\n`);

export interface TestPostgres {
  server: ThrowawayPostgres;
  /** A new, empty database on the server; its URL. */
  freshDatabase(): Promise<string>;
  /** Runs one statement as the superuser against `url`. */
  sql<R extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, values?: unknown[]): Promise<R[]>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestPostgres(): Promise<TestPostgres> {
  const server = await startThrowawayPostgres();
  const sql = async <R extends pg.QueryResultRow>(url: string, text: string, values: unknown[] = []): Promise<R[]> => {
    const client = new pg.Client(url);
    await client.connect();
    try {
      return (await client.query<R>(text, values)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    server,
    sql,
    async freshDatabase() {
      counter += 1;
      const name = `test_${process.pid}_${counter}`;
      await sql(server.url, `CREATE DATABASE ${name}`);
      return server.url.replace(/\/postgres$/, `/${name}`);
    },
    stop: () => server.stop(),
  };
}
