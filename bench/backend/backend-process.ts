/**
 * The backend under test, in a process of its own so its memory and CPU are its own: started by backend-bench.ts
 * with `node --import tsx` and an IPC channel. It runs `startLivenessBackend` exactly as a deployment would
 * (configuration from the environment, JSON logs on stderr) and answers the parent's questions about its memory
 * and CPU per phase. Exits when the parent asks, or when the parent goes away. With BENCH_FLOOR_DIR set it runs the
 * floor server (floor-server.ts) instead, measured the same way (with BENCH_FLOOR_VALIDATE=1, the validation
 * floor). BENCH_SERVER_MODULE is the compiled server
 * (compiled-server.ts); without it the TypeScript sources are run.
 */
import { availableParallelism } from 'node:os';
import type * as ServerModule from '../../src/server/index.js';
import type * as ValidatorModule from '../../src/server/upload/validator.js';
import type { UploadValidator } from '../../src/server/upload/validator.js';
import { startFloorServer } from './floor-server.js';

export type ToBackendProcess = { type: 'phase-start' } | { type: 'phase-end' } | { type: 'close' };

export interface ProcessUsage {
  /** Highest values sampled during the phase (RSS every 100 ms, the heap every 500 ms), in bytes. */
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  peakHeapTotalBytes: number;
  peakExternalBytes: number;
  /** Highest RSS over the process's whole life so far (getrusage). */
  lifetimeMaxRssBytes: number;
  /** CPU time (user + system) spent by the process during the phase. */
  cpuMs: number;
}

export type FromBackendProcess =
  | { type: 'ready'; url: string; apiKey: string }
  | { type: 'started-phase' }
  | { type: 'usage'; usage: ProcessUsage }
  | { type: 'failed'; message: string };

const SAMPLE_INTERVAL_MS = 100;
const HEAP_SAMPLE_EVERY = 5;

function send(message: FromBackendProcess): void {
  process.send?.(message);
}

async function serverModule(): Promise<typeof ServerModule> {
  const compiled = process.env.BENCH_SERVER_MODULE;
  return (await import(compiled ?? '../../src/server/index.js')) as typeof ServerModule;
}

/** BENCH_FLOOR_VALIDATE=1: the validation floor, with the backend's own validator pool at its default size. */
async function floorValidator(): Promise<{ validator?: UploadValidator }> {
  if (process.env.BENCH_FLOOR_VALIDATE !== '1') return {};
  const compiled = process.env.BENCH_SERVER_MODULE;
  const module = (await import(
    compiled ? new URL('./upload/validator.js', compiled).href : '../../src/server/upload/validator.js'
  )) as typeof ValidatorModule;
  return { validator: module.createUploadValidator({ workers: availableParallelism() }) };
}

async function main(): Promise<void> {
  if (!process.send) throw new Error('backend-process.ts must be started with an IPC channel (by backend-bench.ts)');
  const port = Number(process.env.PORT ?? 0);
  const floorDir = process.env.BENCH_FLOOR_DIR;
  const running = floorDir
    ? { ...(await startFloorServer(floorDir, { ...(await floorValidator()) })), apiKey: '' }
    : await (await serverModule()).startLivenessBackend({ env: process.env, port, host: '127.0.0.1', log: true });

  const peaks = { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 };
  const sample = (): void => {
    const memory = process.memoryUsage();
    peaks.rss = Math.max(peaks.rss, memory.rss);
    peaks.heapUsed = Math.max(peaks.heapUsed, memory.heapUsed);
    peaks.heapTotal = Math.max(peaks.heapTotal, memory.heapTotal);
    peaks.external = Math.max(peaks.external, memory.external);
  };
  // RSS is cheaper to read and sampled more often than the full breakdown, which walks the heap. Every 20 ms, RSS
  // alone cost the measured server 2.5% of its CPU in a profile; every 100 ms still catches a phase's peak.
  let ticks = 0;
  const sampler = setInterval(() => {
    ticks += 1;
    if (ticks % HEAP_SAMPLE_EVERY === 0) sample();
    else peaks.rss = Math.max(peaks.rss, process.memoryUsage.rss());
  }, SAMPLE_INTERVAL_MS);
  let cpuAtStart = process.cpuUsage();

  process.on('message', (message: ToBackendProcess) => {
    if (message.type === 'phase-start') {
      Object.assign(peaks, { rss: 0, heapUsed: 0, heapTotal: 0, external: 0 });
      sample();
      cpuAtStart = process.cpuUsage();
      send({ type: 'started-phase' });
    } else if (message.type === 'phase-end') {
      sample();
      const cpu = process.cpuUsage(cpuAtStart);
      send({
        type: 'usage',
        usage: {
          peakRssBytes: peaks.rss,
          peakHeapUsedBytes: peaks.heapUsed,
          peakHeapTotalBytes: peaks.heapTotal,
          peakExternalBytes: peaks.external,
          // maxRSS is in kilobytes.
          lifetimeMaxRssBytes: process.resourceUsage().maxRSS * 1024,
          cpuMs: (cpu.user + cpu.system) / 1000,
        },
      });
    } else if (message.type === 'close') {
      clearInterval(sampler);
      running.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    }
  });
  // The parent died or closed the channel: never outlive it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: running.url, apiKey: running.apiKey });
}

main().catch((error: unknown) => {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
