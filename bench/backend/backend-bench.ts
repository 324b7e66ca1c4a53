/**
 * The backend bench: the real backend process (configured from the environment like a deployment, logs on)
 * against the Oz and Kairos sandbox emulators started here with their artificial delays at zero, so what is
 * measured is the backend's own work plus real HTTP on loopback.
 *
 * - Oz: `analysisMs: 0`, `autoFinishMs: 0`, and OZ_WEBHOOK_URL pointing at the backend, so an analysis is
 *   final at once and the emulator's webhook wakes the adapter instead of it sleeping its first poll interval.
 * - Kairos: `slowResponseMs: 0` (only its `slow` scenario waits; the default `live` answers at once).
 * - Rate limits raised far above the load (every request comes from 127.0.0.1, one client for the limiter).
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { startKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import { startOzEmulator } from '../../src/sandbox/oz-emulator.js';
import { round, summarize, type Summary } from '../lib/stats.js';
import { makeTempDir } from '../lib/temp-dir.js';
import { startBackendProcess, type BackendProcess } from './backend-process-handle.js';
import type { ProcessUsage } from './backend-process.js';
import { readResults, runPhase, type CheckResultSample } from './load.js';
import { makeBenchShotset, type BenchShotset } from './shotset.js';

export interface BackendBenchOptions {
  concurrencies: number[];
  /** Checks per concurrency level (index-aligned with `concurrencies`). */
  checksPerLevel: number[];
  scalingConcurrency: number;
  scalingBase: number;
  scalingFactors: number[];
  warmupChecks: number;
  log: (line: string) => void;
}

export interface PhaseReport {
  concurrency: number;
  checks: number;
  wallMs: number;
  checksPerSecond: number;
  /** Wall time divided by checks: flat across the scaling phases means no slowdown with volume. */
  wallMsPerCheck: number;
  endToEndMs: Summary;
  uploadMs: Summary;
  sessionMs: Summary;
  providerMs: Record<string, Summary>;
  overheadMs: Summary;
  decisions: Record<string, number>;
  backendCpuMsPerCheck: number;
  usage: ProcessUsage;
}

export interface BackendReport {
  upload: { kind: 'shotset'; zipBytes: number; jpegBytes: number; jpegQuality: number; frame: { width: number; height: number } };
  emulators: { oz: Record<string, number | boolean>; kairos: Record<string, number | boolean> };
  env: Record<string, string>;
  warmupChecks: number;
  /** The process right after start, before any request (1 s sample). */
  idle: ProcessUsage;
  concurrency: PhaseReport[];
  scaling: { concurrency: number; base: number; phases: Array<PhaseReport & { factor: number }> };
  peakMemory: { rssBytes: number; heapUsedBytes: number; lifetimeMaxRssBytes: number };
}

const OZ_OPTIONS = { analysisMs: 0, autoFinishMs: 0 } as const;
const KAIROS_OPTIONS = { slowResponseMs: 0 } as const;
/** Far above anything the bench sends, yet finite: the limiter still runs its code on every request. */
const RATE_LIMIT_PER_MINUTE = '100000000';
const IDLE_SAMPLE_MS = 1000;

async function freePort(): Promise<number> {
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

function summarizePhase(
  concurrency: number,
  wallMs: number,
  results: CheckResultSample[],
  usage: ProcessUsage,
): PhaseReport {
  const failed = results.filter((result) => result.status !== 'done' || result.decision === null);
  if (failed.length > 0) {
    const first = failed[0];
    throw new Error(`${failed.length} of ${results.length} checks did not finish with a verdict (first: ${first?.checkId} ${first?.status})`);
  }
  const providers = [...new Set(results.flatMap((result) => Object.keys(result.providerMs)))].sort();
  const decisions: Record<string, number> = {};
  for (const result of results) decisions[result.decision ?? 'none'] = (decisions[result.decision ?? 'none'] ?? 0) + 1;
  return {
    concurrency,
    checks: results.length,
    wallMs: round(wallMs),
    checksPerSecond: round((results.length / wallMs) * 1000),
    wallMsPerCheck: round(wallMs / results.length),
    endToEndMs: summarize(results.map((result) => result.endToEndMs)),
    uploadMs: summarize(results.map((result) => result.uploadMs)),
    sessionMs: summarize(results.map((result) => result.sessionMs)),
    providerMs: Object.fromEntries(
      providers.map((provider) => [provider, summarize(results.flatMap((result) => result.providerMs[provider] ?? []))]),
    ),
    overheadMs: summarize(results.map((result) => result.overheadMs)),
    decisions,
    backendCpuMsPerCheck: round(usage.cpuMs / results.length),
    usage,
  };
}

async function measuredPhase(
  backend: BackendProcess,
  shotset: BenchShotset,
  concurrency: number,
  count: number,
): Promise<PhaseReport> {
  await backend.phaseStart();
  const run = await runPhase(backend, shotset, concurrency, count);
  const usage = await backend.phaseEnd();
  const results = await readResults(backend, run.checks);
  return summarizePhase(concurrency, run.wallMs, results, usage);
}

export async function runBackendBench(options: BackendBenchOptions): Promise<BackendReport> {
  const shotset = makeBenchShotset();
  const data = await makeTempDir('liveness-bench-data-');
  const dataDir = data.path;
  const cleanup: Array<() => Promise<void>> = [() => data.remove()];
  try {
    const oz = await startOzEmulator(OZ_OPTIONS);
    cleanup.push(() => oz.close());
    const kairos = await startKairosEmulator(KAIROS_OPTIONS);
    cleanup.push(() => kairos.close());
    const port = await freePort();
    const env: Record<string, string> = {
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      LIVENESS_API_KEY: randomBytes(24).toString('base64url'),
      LIVENESS_TOKEN_SECRET: randomBytes(48).toString('base64url'),
      LIVENESS_DATA_DIR: dataDir,
      LIVENESS_PROVIDERS: 'oz,kairos',
      LIVENESS_POLICY: 'all',
      LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: RATE_LIMIT_PER_MINUTE,
      LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: RATE_LIMIT_PER_MINUTE,
      OZ_API_URL: oz.url,
      OZ_LOGIN: oz.credentials.login,
      OZ_PASSWORD: oz.credentials.password,
      OZ_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/oz`,
      KAIROS_API_URL: `${kairos.url}/v0.2`,
      KAIROS_APP_ID: kairos.credentials.appId,
      KAIROS_APP_KEY: kairos.credentials.appKey,
      PATH: process.env.PATH ?? '',
    };
    const backend = await startBackendProcess(env);
    cleanup.push(() => backend.close());
    try {
      await backend.phaseStart();
      await new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS));
      const idle = await backend.phaseEnd();
      options.log(`backend: warm-up, ${options.warmupChecks} checks`);
      await runPhase(backend, shotset, 1, options.warmupChecks);

      const concurrency: PhaseReport[] = [];
      for (const [index, level] of options.concurrencies.entries()) {
        const count = options.checksPerLevel[index] ?? options.checksPerLevel.at(-1) ?? level;
        options.log(`backend: concurrency ${level}, ${count} checks`);
        concurrency.push(await measuredPhase(backend, shotset, level, count));
      }
      const scaling: BackendReport['scaling'] = {
        concurrency: options.scalingConcurrency,
        base: options.scalingBase,
        phases: [],
      };
      for (const factor of options.scalingFactors) {
        const count = options.scalingBase * factor;
        options.log(`backend: scaling ${factor}× (${count} checks at concurrency ${options.scalingConcurrency})`);
        scaling.phases.push({ factor, ...(await measuredPhase(backend, shotset, options.scalingConcurrency, count)) });
      }
      const phases = [...concurrency, ...scaling.phases];
      return {
        upload: { kind: 'shotset', zipBytes: shotset.zip.length, jpegBytes: shotset.jpegBytes, jpegQuality: shotset.jpegQuality, frame: shotset.frame },
        emulators: { oz: { ...OZ_OPTIONS, webhook: true }, kairos: { ...KAIROS_OPTIONS } },
        env: redactEnv(env),
        warmupChecks: options.warmupChecks,
        idle,
        concurrency,
        scaling,
        peakMemory: {
          rssBytes: Math.max(...phases.map((phase) => phase.usage.peakRssBytes)),
          heapUsedBytes: Math.max(...phases.map((phase) => phase.usage.peakHeapUsedBytes)),
          lifetimeMaxRssBytes: Math.max(...phases.map((phase) => phase.usage.lifetimeMaxRssBytes)),
        },
      };
    } catch (error) {
      const errors = backend.errors();
      if (errors.length > 0) throw new Error(`${(error as Error).message}; backend errors: ${errors.slice(0, 3).join(' | ')}`, { cause: error });
      throw error;
    }
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}

/** The settings as the report shows them: secrets and machine-specific values out. */
function redactEnv(env: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name === 'PATH') continue;
    if (/KEY|SECRET|PASSWORD|LOGIN|APP_ID/.test(name)) shown[name] = '(random per run)';
    else if (name === 'LIVENESS_DATA_DIR') shown[name] = '(temporary folder)';
    else if (name === 'PORT') shown[name] = '(a free port)';
    else if (/_URL$/.test(name)) shown[name] = value.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>');
    else shown[name] = value;
  }
  return shown;
}
