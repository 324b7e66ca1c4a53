/**
 * Starts backend-process.ts as a child process and talks to it: waits for it to listen, reads its JSON log lines
 * from stderr (the `check-completed` event tells the load generator a verdict is stored, without polling the API),
 * asks it for its memory and CPU per phase, and stops it.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { FromBackendProcess, ProcessUsage, ToBackendProcess } from './backend-process.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = fileURLToPath(new URL('./backend-process.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface BackendProcess {
  url: string;
  apiKey: string;
  /** Resolves with performance.now() of the moment the `check-completed` log line for `checkId` arrived. */
  completion(checkId: string, timeoutMs: number): Promise<number>;
  phaseStart(): Promise<void>;
  phaseEnd(): Promise<ProcessUsage>;
  /** Error-level log lines seen so far (the first few), for a failing run's message. */
  errors(): string[];
  close(): Promise<void>;
}

interface LogLine {
  level?: unknown;
  event?: unknown;
  checkId?: unknown;
}

export async function startBackendProcess(env: Record<string, string>): Promise<BackendProcess> {
  const child: ChildProcess = fork(CHILD, [], {
    cwd: ROOT,
    // BENCH_CPU_PROF_DIR=<dir>: each server process (and its worker threads) writes a V8 CPU profile there.
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : []),
    ],
    env: { ...env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  const completedAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  const errorLines: string[] = [];
  let exited = false;
  const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => {
    exited = true;
  });

  if (!child.stderr) throw new Error('backend process has no stderr pipe');
  createInterface({ input: child.stderr }).on('line', (line) => {
    const at = performance.now();
    let parsed: LogLine;
    try {
      parsed = JSON.parse(line) as LogLine;
    } catch {
      if (errorLines.length < 20) errorLines.push(line);
      return;
    }
    if (parsed.level === 'error' && errorLines.length < 20) errorLines.push(line);
    if (parsed.event === 'check-completed' && typeof parsed.checkId === 'string') {
      const waiter = waiters.get(parsed.checkId);
      if (waiter) {
        waiters.delete(parsed.checkId);
        waiter(at);
      } else {
        // The log line can beat the 202 to the load generator; keep it for the waiter to come.
        completedAt.set(parsed.checkId, at);
      }
    }
  });

  const nextMessage = <T extends FromBackendProcess['type']>(type: T, timeoutMs: number) =>
    new Promise<Extract<FromBackendProcess, { type: T }>>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`backend process: no "${type}" message within ${timeoutMs} ms`));
      }, timeoutMs);
      const onMessage = (message: FromBackendProcess): void => {
        if (message.type === 'failed') {
          cleanup();
          reject(new Error(`backend process failed to start: ${message.message}`));
        } else if (message.type === type) {
          cleanup();
          resolve(message as Extract<FromBackendProcess, { type: T }>);
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(
          new Error(
            `backend process exited (code ${code}) before "${type}"; log: ${errorLines.slice(0, 3).join(' | ')}`,
          ),
        );
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const post = (message: ToBackendProcess): void => {
    if (!exited && child.connected) child.send(message);
  };
  const kill = async (): Promise<void> => {
    if (exited) return;
    child.kill('SIGKILL');
    await exitedPromise;
  };

  let ready: Extract<FromBackendProcess, { type: 'ready' }>;
  try {
    ready = await nextMessage('ready', START_TIMEOUT_MS);
  } catch (error) {
    await kill();
    throw error;
  }

  return {
    url: ready.url,
    apiKey: ready.apiKey,
    completion(checkId, timeoutMs) {
      const early = completedAt.get(checkId);
      if (early !== undefined) {
        completedAt.delete(checkId);
        return Promise.resolve(early);
      }
      return new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(checkId);
          reject(new Error(`check ${checkId}: no check-completed log line within ${timeoutMs} ms`));
        }, timeoutMs);
        waiters.set(checkId, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });
    },
    async phaseStart() {
      const started = nextMessage('started-phase', 10_000);
      post({ type: 'phase-start' });
      await started;
    },
    async phaseEnd() {
      const usage = nextMessage('usage', 10_000);
      post({ type: 'phase-end' });
      return (await usage).usage;
    },
    errors: () => [...errorLines],
    async close() {
      if (exited) return;
      post({ type: 'close' });
      const timer = setTimeout(() => void kill(), 10_000);
      await exitedPromise;
      clearTimeout(timer);
    },
  };
}
