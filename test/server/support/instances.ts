/**
 * Backend instances as separate processes, for the cluster tests: each runs the `liveness-backend` entry
 * (src/server/bin.ts under tsx, the source of dist/esm/server/bin.js) with the environment it is given, and is
 * found through its JSON-line logs on stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const BIN = fileURLToPath(new URL('../../../src/server/bin.ts', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface Instance {
  name: string;
  child: ChildProcess;
  url: string;
  /** The id its work leases carry. */
  instanceId: string;
  logs(): Array<Record<string, unknown>>;
  /** Resolves with the first log line (from now on or already written) that matches. */
  waitForLog(match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const running = new Set<Instance>();

export async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(LIVENESS_|OZ_|KAIROS_|PORT$|HOST$|NODE_ENV$)/.test(key)),
  );
  const child = spawn(process.execPath, ['--import', TSX, BIN], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, PORT: '0', HOST: '127.0.0.1', ...env },
  });
  let stderr = '';
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{
    match: (line: Record<string, unknown>) => boolean;
    resolve: (line: Record<string, unknown>) => void;
  }> = [];
  child.stdout.resume();
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
    let newline = stderr.indexOf('\n');
    while (newline >= 0) {
      const text = stderr.slice(0, newline);
      stderr = stderr.slice(newline + 1);
      newline = stderr.indexOf('\n');
      if (!text.startsWith('{')) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      lines.push(line);
      for (const waiter of waiters.filter((candidate) => candidate.match(line))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const waitForLog = (match: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const seen = lines.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => waiters.push({ match, resolve }));
  };
  const started = await Promise.race([
    waitForLog((line) => line['event'] === 'backend-started'),
    exited.then(({ code, signal }) => {
      throw new Error(
        `${name} exited (${code ?? signal}) before listening:\n${lines.map((line) => JSON.stringify(line)).join('\n')}${stderr}`,
      );
    }),
  ]);
  const instance: Instance = {
    name,
    child,
    url: String(started['url']),
    instanceId: String(started['instance']),
    logs: () => lines.slice(),
    waitForLog,
    exited,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  running.add(instance);
  void exited.then(() => running.delete(instance));
  return instance;
}

/** SIGKILLs every instance still running (afterEach). */
export async function killAllInstances(): Promise<void> {
  await Promise.all([...running].map((instance) => instance.kill('SIGKILL')));
}
