/**
 * A throwaway PostgreSQL server for tests and the bench: `initdb` into a temporary folder owned by the `postgres`
 * user, `pg_ctl` on a free loopback port (its socket in the same folder), run as that user with `runuser`.
 * stop() shuts it down and removes the folder. Needs root (for runuser) and the PostgreSQL 15 binaries.
 */
import { execFile } from 'node:child_process';
import { chmod, chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = process.env.LIVENESS_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const USER = 'postgres';

export interface ThrowawayPostgres {
  url: string;
  stop(): Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const dir = await mkdtemp(join(tmpdir(), 'liveness-pg-'));
  const data = join(dir, 'data');
  const asPostgres = (command: string, args: string[]) => run('runuser', ['-u', USER, '--', join(BIN, command), ...args], { cwd: dir });
  let started = false;
  try {
    const { uid, gid } = await postgresIds();
    await chown(dir, uid, gid);
    await chmod(dir, 0o700);
    await asPostgres('initdb', ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync']);
    const port = await freePort();
    const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200`;
    await asPostgres('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', options, '-w', '-t', '60', 'start']);
    started = true;
    return {
      url: `postgres://${USER}@127.0.0.1:${port}/postgres`,
      async stop() {
        await asPostgres('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    if (started) await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

async function postgresIds(): Promise<{ uid: number; gid: number }> {
  if (userInfo().uid !== 0) throw new Error('a throwaway PostgreSQL needs root (it runs initdb as the postgres user)');
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
