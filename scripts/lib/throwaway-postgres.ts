/**
 * A real, disposable PostgreSQL server for tests and benchmarks: `initdb` into a fresh temporary directory, `pg_ctl`
 * on a free TCP port on loopback (its Unix socket in that directory too), and everything removed on stop().
 *
 * initdb refuses to run as root, so as root the server runs as the `postgres` system user (Debian's `postgresql`
 * package creates it) through `runuser`, in a directory owned by that user. As any other user it runs as that user.
 *
 * Binaries: LIVENESS_PG_BIN, else /usr/lib/postgresql/<newest>/bin, else whatever `initdb` is on PATH.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../src/node/serve.js';

const run = promisify(execFile);

export interface ThrowawayPostgres {
  /** `postgres://postgres@127.0.0.1:<port>/postgres` (trust authentication on loopback only). */
  url: string;
  port: number;
  /** Stops the server (fast shutdown) and deletes its directory. Safe to call twice. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data, so start() brings the same database back (outage tests). */
  pause(): Promise<void>;
  /** Starts a paused server again on the same port. */
  start(): Promise<void>;
}

/** Why no server can be started here, or null when one can (tests use it to decide whether to skip). */
export function postgresUnavailableReason(): string | null {
  if (!binDir()) return 'no PostgreSQL binaries (install the Debian postgresql package or set LIVENESS_PG_BIN)';
  if (isRoot() && !postgresUser()) return 'running as root and there is no postgres user to run the server as';
  return null;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const bin = binDir();
  if (!bin) throw new Error(postgresUnavailableReason() ?? 'no PostgreSQL binaries');
  const owner = isRoot() ? postgresUser() : null;
  if (isRoot() && !owner) throw new Error(postgresUnavailableReason() ?? 'no postgres user');

  const root = await mkdtemp(join(tmpdir(), 'liveness-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (owner) {
    await chown(root, owner.uid, owner.gid);
    await chmod(root, 0o700);
  }
  const as = async (command: string, args: string[]): Promise<void> => {
    const [file, argv] = owner
      ? ['runuser', ['-u', 'postgres', '--', join(bin, command), ...args]]
      : [join(bin, command), args];
    try {
      await run(file, argv, { cwd: root, env: { ...process.env, LC_ALL: 'C' } });
    } catch (error) {
      const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
      throw new Error(`${command} failed: ${stderr || stdout}`.trim(), { cause: error });
    }
  };

  let port = 0;
  let running = false;
  let removed = false;
  const startServer = async (): Promise<void> => {
    // -w waits until the server accepts connections; -k keeps the socket out of /var/run/postgresql.
    await as('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      logFile,
      '-w',
      '-t',
      '60',
      '-o',
      `-p ${port} -k ${root} -h 127.0.0.1`,
      'start',
    ]);
    running = true;
  };
  const stopServer = async (): Promise<void> => {
    if (!running) return;
    await as('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', '-t', '60', 'stop']);
    running = false;
  };

  try {
    await as('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync']);
    // Throwaway data: durability is not what is under test, speed is welcome on a shared machine.
    await writeFile(
      join(dataDir, 'postgresql.auto.conf'),
      ['fsync = off', 'synchronous_commit = off', 'full_page_writes = off', 'max_connections = 200', ''].join('\n'),
    );
    if (owner) await chown(join(dataDir, 'postgresql.auto.conf'), owner.uid, owner.gid);
    port = await freePort();
    await startServer();
  } catch (error) {
    await stopServer().catch(() => undefined);
    await rm(root, { recursive: true, force: true });
    throw error;
  }

  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    pause: stopServer,
    start: startServer,
    async stop() {
      if (removed) return;
      removed = true;
      try {
        await stopServer();
      } finally {
        await rm(root, { recursive: true, force: true });
      }
    },
  };
}

function binDir(): string | null {
  const explicit = process.env['LIVENESS_PG_BIN'];
  if (explicit) return existsSync(join(explicit, 'initdb')) ? explicit : null;
  const base = '/usr/lib/postgresql';
  if (existsSync(base)) {
    const versions = readdirSync(base)
      .filter((name) => /^\d+$/.test(name) && existsSync(join(base, name, 'bin', 'initdb')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(base, versions[0], 'bin');
  }
  for (const dir of (process.env['PATH'] ?? '').split(':')) if (dir && existsSync(join(dir, 'initdb'))) return dir;
  return null;
}

function isRoot(): boolean {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

function postgresUser(): { uid: number; gid: number } | null {
  try {
    const line = readFileSync('/etc/passwd', 'utf8')
      .split('\n')
      .find((entry) => entry.startsWith('postgres:'));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}
