/**
 * The backend bench: the real backend in processes of its own (configured from the environment like a deployment,
 * logs on) against the Oz and Kairos sandbox emulators, which run here in the bench process with their artificial
 * delays at zero, so what is measured is the backend's own work plus real HTTP on loopback.
 *
 * For each store - the embedded file store, PostgreSQL with one instance, PostgreSQL with two instances - it
 * measures:
 * - accepted uploads/s: `POST /checks` → 202 with one prepared body and pre-created capture tokens, beside a bare
 *   `node:http` floor server (floor-server.ts) that gets the same requests from the same client;
 * - end-to-end checks/s: session, upload, both providers, verdict stored.
 *
 * - Oz: `analysisMs: 0`, `autoFinishMs: 0`, and OZ_WEBHOOK_URL pointing at the backend, so an analysis is
 *   final at once and the emulator's webhook wakes the adapter instead of it sleeping its first poll interval.
 * - Kairos: `slowResponseMs: 0` (only its `slow` scenario waits; the default `live` answers at once).
 * - Rate limits raised far above the load (every request comes from 127.0.0.1, one client for the limiter).
 *
 * The PostgreSQL variants run when the backend has a PostgreSQL store (LIVENESS_DATABASE_URL); without one they are
 * reported as skipped, never measured against another store under their name.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { startThrowawayPostgres } from '../../scripts/lib/throwaway-postgres.js';
import { startKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import { startOzEmulator } from '../../src/sandbox/oz-emulator.js';
import { ratio, round, summarize, type Summary } from '../lib/stats.js';
import { makeTempDir } from '../lib/temp-dir.js';
import { startBackendProcess, type BackendProcess } from './backend-process-handle.js';
import { compileServer } from './compiled-server.js';
import type { ProcessUsage } from './backend-process.js';
import { readResults, runPhase, type BackendCluster, type CheckResultSample } from './load.js';
import { makeBenchShotset, uploadBody, type BenchShotset } from './shotset.js';
import { createTokens, runUploadPhase, type UploadTarget } from './upload-load.js';
import { freePort } from '../../src/node/serve.js';

const exec = promisify(execFile);

export interface BackendBenchOptions {
  /** Concurrency levels of the upload phases, and uploads per level (index-aligned). */
  uploadConcurrencies: number[];
  uploadsPerLevel: number[];
  /** Concurrency levels of the end-to-end phases, and checks per level (index-aligned). */
  concurrencies: number[];
  checksPerLevel: number[];
  warmupChecks: number;
  log: (line: string) => void;
}

export interface UploadPhaseReport {
  concurrency: number;
  uploads: number;
  wallMs: number;
  uploadsPerSecond: number;
  latencyMs: Summary;
  /** CPU of the server process(es) during the phase, per upload (the checks' provider work included). */
  cpuMsPerUpload: number;
  /** uploads/s ÷ the floor server's at the same concurrency (null for the floor itself). */
  ratioToFloor: number | null;
  usage: ProcessUsage;
}

export interface PhaseReport {
  concurrency: number;
  checks: number;
  wallMs: number;
  checksPerSecond: number;
  endToEndMs: Summary;
  uploadMs: Summary;
  sessionMs: Summary;
  providerMs: Record<string, Summary>;
  overheadMs: Summary;
  decisions: Record<string, number>;
  backendCpuMsPerCheck: number;
  usage: ProcessUsage;
}

export type StoreVariant = 'embedded' | 'postgres-1' | 'postgres-2';

export type VariantReport =
  | { store: StoreVariant; instances: number; skipped: string }
  | {
      store: StoreVariant;
      instances: number;
      skipped: null;
      uploads: UploadPhaseReport[];
      endToEnd: PhaseReport[];
      /** Highest over the variant's phases, summed over its instances. */
      peakMemory: { rssBytes: number; heapUsedBytes: number };
      /** The process(es) right after start, before any request (1 s sample). */
      idle: ProcessUsage;
    };

export interface BackendReport {
  upload: {
    kind: 'shotset';
    bodyBytes: number;
    zipBytes: number;
    jpegBytes: number;
    jpegQuality: number;
    frame: { width: number; height: number };
  };
  emulators: { oz: Record<string, number | boolean>; kairos: Record<string, number | boolean> };
  env: Record<string, string>;
  warmupChecks: number;
  floor: { uploads: UploadPhaseReport[]; peakRssBytes: number };
  /** The floor plus the backend's image validation of each upload (its ÷ floor is against the bare floor). */
  validationFloor?: { uploads: UploadPhaseReport[] };
  variants: VariantReport[];
  goals: { uploadsPerSecondAt32: number; p99MsAt4: number; checksPerSecond: number };
}

const GOALS = { uploadsPerSecondAt32: 300, p99MsAt4: 50, checksPerSecond: 150 } as const;
const OZ_OPTIONS = { analysisMs: 0, autoFinishMs: 0 } as const;
const KAIROS_OPTIONS = { slowResponseMs: 0 } as const;
/** Far above anything the bench sends, yet finite: the limiter still runs its code on every request. */
const RATE_LIMIT_PER_MINUTE = '100000000';
const IDLE_SAMPLE_MS = 1000;
const DRAIN_TIMEOUT_MS = 120_000;
const PSQL = '/usr/lib/postgresql/15/bin/psql';

/** Several processes measured as one server: CPU and memory add up. */
async function usageOf(processes: readonly BackendProcess[], run: () => Promise<void>): Promise<ProcessUsage> {
  await Promise.all(processes.map((process) => process.phaseStart()));
  await run();
  const usages = await Promise.all(processes.map((process) => process.phaseEnd()));
  const sum = (pick: (usage: ProcessUsage) => number) => usages.reduce((total, usage) => total + pick(usage), 0);
  return {
    peakRssBytes: sum((usage) => usage.peakRssBytes),
    peakHeapUsedBytes: sum((usage) => usage.peakHeapUsedBytes),
    peakHeapTotalBytes: sum((usage) => usage.peakHeapTotalBytes),
    peakExternalBytes: sum((usage) => usage.peakExternalBytes),
    lifetimeMaxRssBytes: sum((usage) => usage.lifetimeMaxRssBytes),
    cpuMs: round(sum((usage) => usage.cpuMs)),
  };
}

function clusterOf(processes: readonly BackendProcess[]): BackendCluster {
  return {
    urls: processes.map((process) => process.url),
    apiKey: processes[0]!.apiKey,
    completion: (checkId, timeoutMs) => Promise.any(processes.map((process) => process.completion(checkId, timeoutMs))),
  };
}

async function uploadPhase(
  processes: readonly BackendProcess[],
  target: Omit<UploadTarget, 'tokens' | 'urls'>,
  concurrency: number,
  count: number,
  compare: { backend: boolean; floor: readonly UploadPhaseReport[] | null },
): Promise<UploadPhaseReport> {
  const { backend, floor } = compare;
  const urls = processes.map((process) => process.url);
  const tokens = backend
    ? await createTokens(urls, processes[0]!.apiKey, count)
    : Array.from({ length: count }, () => 'floor');
  let run: Awaited<ReturnType<typeof runUploadPhase>> | undefined;
  const usage = await usageOf(processes, async () => {
    run = await runUploadPhase({ ...target, urls, tokens }, concurrency);
  });
  if (!run) throw new Error('the upload phase did not run');
  if (run.firstFailure !== null)
    throw new Error(
      `uploads at concurrency ${concurrency}: ${JSON.stringify(run.statuses)}; first: ${run.firstFailure}`,
    );
  // The accepted checks go on to the providers; let them finish before the next phase is timed.
  if (backend) {
    const cluster = clusterOf(processes);
    await Promise.all(run.checkIds.map((checkId) => cluster.completion(checkId, DRAIN_TIMEOUT_MS)));
  }
  const uploadsPerSecond = round((count / run.wallMs) * 1000);
  const floorPhase = floor?.find((phase) => phase.concurrency === concurrency);
  return {
    concurrency,
    uploads: count,
    wallMs: round(run.wallMs),
    uploadsPerSecond,
    latencyMs: summarize(run.latenciesMs),
    cpuMsPerUpload: round(usage.cpuMs / count),
    ratioToFloor: floorPhase ? ratio(uploadsPerSecond, floorPhase.uploadsPerSecond) : null,
    usage,
  };
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
    throw new Error(
      `${failed.length} of ${results.length} checks did not finish with a verdict (first: ${first?.checkId} ${first?.status})`,
    );
  }
  const providers = [...new Set(results.flatMap((result) => Object.keys(result.providerMs)))].sort();
  const decisions: Record<string, number> = {};
  for (const result of results) decisions[result.decision ?? 'none'] = (decisions[result.decision ?? 'none'] ?? 0) + 1;
  return {
    concurrency,
    checks: results.length,
    wallMs: round(wallMs),
    checksPerSecond: round((results.length / wallMs) * 1000),
    endToEndMs: summarize(results.map((result) => result.endToEndMs)),
    uploadMs: summarize(results.map((result) => result.uploadMs)),
    sessionMs: summarize(results.map((result) => result.sessionMs)),
    providerMs: Object.fromEntries(
      providers.map((provider) => [
        provider,
        summarize(results.flatMap((result) => result.providerMs[provider] ?? [])),
      ]),
    ),
    overheadMs: summarize(results.map((result) => result.overheadMs)),
    decisions,
    backendCpuMsPerCheck: round(usage.cpuMs / results.length),
    usage,
  };
}

async function endToEndPhase(
  processes: readonly BackendProcess[],
  shotset: BenchShotset,
  concurrency: number,
  count: number,
): Promise<PhaseReport> {
  const cluster = clusterOf(processes);
  let run: Awaited<ReturnType<typeof runPhase>> | undefined;
  const usage = await usageOf(processes, async () => {
    run = await runPhase(cluster, shotset, concurrency, count);
  });
  if (!run) throw new Error('the end-to-end phase did not run');
  const results = await readResults(cluster, run.checks);
  return summarizePhase(concurrency, run.wallMs, results, usage);
}

/** Whether a backend started with LIVENESS_DATABASE_URL really keeps its data there (it made tables). */
async function databaseInUse(url: string): Promise<boolean> {
  const { stdout } = await exec(PSQL, [
    url,
    '-Atc',
    "select count(*) from information_schema.tables where table_schema not in ('pg_catalog', 'information_schema')",
  ]);
  return Number(stdout.trim()) > 0;
}

export async function runBackendBench(options: BackendBenchOptions): Promise<BackendReport> {
  const shotset = await makeBenchShotset();
  const { body, contentType } = await uploadBody(shotset);
  const cleanup: Array<() => Promise<void>> = [];
  const start = async (env: Record<string, string>): Promise<BackendProcess> => {
    const process = await startBackendProcess(env);
    cleanup.push(() => process.close());
    return process;
  };
  try {
    options.log('compiling the server (tsc), so the compiled JavaScript a deployment runs is measured');
    const serverModule = await compileServer();
    const oz = await startOzEmulator(OZ_OPTIONS);
    cleanup.push(() => oz.close());
    const kairos = await startKairosEmulator(KAIROS_OPTIONS);
    cleanup.push(() => kairos.close());
    const shared = {
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      LIVENESS_API_KEY: randomBytes(24).toString('base64url'),
      LIVENESS_TOKEN_SECRET: randomBytes(48).toString('base64url'),
      LIVENESS_PROVIDERS: 'oz,kairos',
      LIVENESS_POLICY: 'all',
      LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: RATE_LIMIT_PER_MINUTE,
      LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: RATE_LIMIT_PER_MINUTE,
      OZ_API_URL: oz.url,
      OZ_LOGIN: oz.credentials.login,
      OZ_PASSWORD: oz.credentials.password,
      KAIROS_API_URL: `${kairos.url}/v0.2`,
      KAIROS_APP_ID: kairos.credentials.appId,
      KAIROS_APP_KEY: kairos.credentials.appKey,
      PATH: process.env.PATH ?? '',
      BENCH_SERVER_MODULE: serverModule,
    };
    const instanceEnv = async (extra: Record<string, string>): Promise<Record<string, string>> => {
      const port = await freePort();
      return { ...shared, ...extra, PORT: String(port), OZ_WEBHOOK_URL: `http://127.0.0.1:${port}/webhooks/oz` };
    };
    const target = { body, contentType };

    // The floor.
    const floorDir = await makeTempDir('liveness-bench-floor-');
    cleanup.push(() => floorDir.remove());
    const floorProcess = await start({ PATH: shared.PATH, BENCH_FLOOR_DIR: floorDir.path });
    const floorUploads: UploadPhaseReport[] = [];
    for (const [index, level] of options.uploadConcurrencies.entries()) {
      options.log(`floor: uploads at concurrency ${level}`);
      floorUploads.push(
        await uploadPhase([floorProcess], target, level, options.uploadsPerLevel[index] ?? 100, {
          backend: false,
          floor: null,
        }),
      );
    }
    await floorProcess.close();

    // The validation floor: the same, plus the backend's own image validation of each upload.
    const validationFloorProcess = await start({
      PATH: shared.PATH,
      BENCH_FLOOR_DIR: floorDir.path,
      BENCH_FLOOR_VALIDATE: '1',
      BENCH_SERVER_MODULE: serverModule,
    });
    // Its worker threads start on the first upload: warmed up first, as the backend variants are.
    await uploadPhase([validationFloorProcess], target, 4, options.warmupChecks * 4, { backend: false, floor: null });
    const validationFloorUploads: UploadPhaseReport[] = [];
    for (const [index, level] of options.uploadConcurrencies.entries()) {
      options.log(`validation floor: uploads at concurrency ${level}`);
      validationFloorUploads.push(
        await uploadPhase([validationFloorProcess], target, level, options.uploadsPerLevel[index] ?? 100, {
          backend: false,
          floor: floorUploads,
        }),
      );
    }
    await validationFloorProcess.close();

    const variants: VariantReport[] = [];
    for (const [store, instances] of [
      ['embedded', 1],
      ['postgres-1', 1],
      ['postgres-2', 2],
    ] as const) {
      let env: Record<string, string>[];
      let database: { url: string; stop(): Promise<void> } | null = null;
      let data: { path: string; remove(): Promise<void> } | null = null;
      if (store === 'embedded') {
        data = await makeTempDir('liveness-bench-data-');
        env = [await instanceEnv({ LIVENESS_DATA_DIR: data.path })];
      } else {
        try {
          database = await startThrowawayPostgres();
        } catch (error) {
          variants.push({
            store,
            instances,
            skipped: `no PostgreSQL server could be started (${(error as Error).message.split('\n')[0]})`,
          });
          continue;
        }
        env = [];
        for (let index = 0; index < instances; index += 1)
          env.push(await instanceEnv({ LIVENESS_DATABASE_URL: database.url }));
      }
      const processes: BackendProcess[] = [];
      try {
        for (const instance of env) processes.push(await start(instance));
        if (database && !(await databaseInUse(database.url))) {
          variants.push({
            store,
            instances,
            skipped: 'store not available: this backend does not keep its data in PostgreSQL (LIVENESS_DATABASE_URL)',
          });
          continue;
        }
        options.log(`${store}: warm-up, ${options.warmupChecks} checks`);
        const idle = await usageOf(processes, () => new Promise((resolve) => setTimeout(resolve, IDLE_SAMPLE_MS)));
        await runPhase(clusterOf(processes), shotset, 1, options.warmupChecks);
        const uploads: UploadPhaseReport[] = [];
        for (const [index, level] of options.uploadConcurrencies.entries()) {
          options.log(`${store}: uploads at concurrency ${level}`);
          uploads.push(
            await uploadPhase(processes, target, level, options.uploadsPerLevel[index] ?? 100, {
              backend: true,
              floor: floorUploads,
            }),
          );
        }
        const endToEnd: PhaseReport[] = [];
        for (const [index, level] of options.concurrencies.entries()) {
          options.log(`${store}: end-to-end at concurrency ${level}`);
          endToEnd.push(await endToEndPhase(processes, shotset, level, options.checksPerLevel[index] ?? level));
        }
        const phases = [...uploads.map((phase) => phase.usage), ...endToEnd.map((phase) => phase.usage)];
        variants.push({
          store,
          instances,
          skipped: null,
          uploads,
          endToEnd,
          idle,
          peakMemory: {
            rssBytes: Math.max(...phases.map((usage) => usage.peakRssBytes)),
            heapUsedBytes: Math.max(...phases.map((usage) => usage.peakHeapUsedBytes)),
          },
        });
      } catch (error) {
        const errors = processes.flatMap((process) => process.errors());
        const message = `${(error as Error).message}${errors.length > 0 ? `; backend errors: ${errors.slice(0, 3).join(' | ')}` : ''}`;
        // One variant failing its measure (on a loaded machine, say) must not throw away the others' figures: it is
        // reported as not measured, with the reason.
        options.log(`${store}: FAILED: ${message}`);
        variants.push({ store, instances, skipped: `the measure failed: ${message.slice(0, 500)}` });
      } finally {
        await Promise.all(processes.map((process) => process.close()));
        await database?.stop();
        await data?.remove();
      }
    }
    return {
      upload: {
        kind: 'shotset',
        bodyBytes: body.length,
        zipBytes: shotset.zip.length,
        jpegBytes: shotset.jpegBytes,
        jpegQuality: shotset.jpegQuality,
        frame: shotset.frame,
      },
      emulators: { oz: { ...OZ_OPTIONS, webhook: true }, kairos: { ...KAIROS_OPTIONS } },
      env: redactEnv({ ...shared, PORT: '0', LIVENESS_DATA_DIR: '-', LIVENESS_DATABASE_URL: 'postgres://' }),
      warmupChecks: options.warmupChecks,
      floor: {
        uploads: floorUploads,
        peakRssBytes: Math.max(...floorUploads.map((phase) => phase.usage.peakRssBytes)),
      },
      validationFloor: { uploads: validationFloorUploads },
      variants,
      goals: { ...GOALS },
    };
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
    else if (name === 'LIVENESS_DATA_DIR') shown[name] = '(temporary folder; embedded store only)';
    else if (name === 'LIVENESS_DATABASE_URL') shown[name] = '(throwaway PostgreSQL; postgres variants only)';
    else if (name === 'PORT') shown[name] = '(a free port)';
    else if (name === 'BENCH_SERVER_MODULE') shown[name] = '(src/ compiled by tsc for this run)';
    else if (/_URL$/.test(name)) shown[name] = value.replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>');
    else shown[name] = value;
  }
  return shown;
}
