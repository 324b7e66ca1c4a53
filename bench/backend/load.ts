/**
 * The load generator: one check is what an integration does for one person (the integrator's server creates a
 * session, the widget uploads the shotset with the capture token, the backend runs both providers and stores the
 * verdict). `runPhase` runs a fixed number of checks with a fixed number in flight, over real HTTP on loopback.
 */
import { randomUUID } from 'node:crypto';
import { reportJson, type BenchShotset } from './shotset.js';

/** One backend, or several instances on one database: requests alternate between them. */
export interface BackendCluster {
  urls: string[];
  apiKey: string;
  /** performance.now() when any instance logged `check-completed` for the check. */
  completion(checkId: string, timeoutMs: number): Promise<number>;
}

export interface CheckSample {
  checkId: string;
  sessionId: string;
  /** POST /sessions round trip. */
  sessionMs: number;
  /** POST /checks round trip (upload, validation, storage; until the 202). */
  uploadMs: number;
  /** POST /checks sent → the verdict stored (the backend's check-completed log line arrived). */
  endToEndMs: number;
}

export interface CheckResultSample extends CheckSample {
  status: string;
  decision: string | null;
  /** Each provider's own durationMs from the result (HTTP to the emulator and its answer). */
  providerMs: Record<string, number>;
  /** endToEndMs − the slowest provider (they run in parallel under the `all` policy). */
  overheadMs: number;
}

export interface PhaseRun {
  concurrency: number;
  checks: CheckSample[];
  /** First request sent → last verdict stored. */
  wallMs: number;
}

const CHECK_TIMEOUT_MS = 60_000;

async function expectJson(response: Response, what: string, status: number): Promise<unknown> {
  if (response.status !== status) {
    const body = (await response.text()).slice(0, 300);
    throw new Error(`${what}: expected ${status}, got ${response.status} ${body}`);
  }
  return response.json();
}

function field(value: unknown, name: string): string {
  const found = (value as Record<string, unknown> | null)?.[name];
  if (typeof found !== 'string') throw new Error(`response has no string "${name}"`);
  return found;
}

async function runCheck(backend: BackendCluster, shotset: BenchShotset, index: number): Promise<CheckSample> {
  // With two instances the session is created on one and the upload goes to the other.
  const sessionUrl = backend.urls[index % backend.urls.length]!;
  const uploadUrl = backend.urls[(index + 1) % backend.urls.length]!;
  const sessionStarted = performance.now();
  const session = await expectJson(
    await fetch(`${sessionUrl}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backend.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: `bench-${randomUUID()}` }),
    }),
    'POST /sessions',
    201,
  );
  const sessionMs = performance.now() - sessionStarted;

  const form = new FormData();
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- Node's Blob takes any Uint8Array, the DOM's (tsconfig.json reaches this file through bench/run.ts) only an ArrayBuffer-backed one
  form.append('media', new Blob([shotset.zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }), 'selfie.zip');
  form.append('report', reportJson(shotset));
  const uploadStarted = performance.now();
  const accepted = await expectJson(
    await fetch(`${uploadUrl}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${field(session, 'captureToken')}`, 'idempotency-key': randomUUID() },
      body: form,
    }),
    'POST /checks',
    202,
  );
  const uploadMs = performance.now() - uploadStarted;
  const checkId = field(accepted, 'checkId');
  const completedAt = await backend.completion(checkId, CHECK_TIMEOUT_MS);
  return {
    checkId,
    sessionId: field(session, 'sessionId'),
    sessionMs,
    uploadMs,
    endToEndMs: completedAt - uploadStarted,
  };
}

/** Runs `count` checks keeping `concurrency` in flight; the first failure fails the phase. */
export async function runPhase(
  backend: BackendCluster,
  shotset: BenchShotset,
  concurrency: number,
  count: number,
): Promise<PhaseRun> {
  const checks: CheckSample[] = [];
  let next = 0;
  const started = performance.now();
  let lastDone = started;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const index = next++;
      const sample = await runCheck(backend, shotset, index);
      checks.push(sample);
      lastDone = performance.now();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { concurrency, checks, wallMs: lastDone - started };
}

/** Reads every check's stored result (after the timed phase, so it adds no load to it). */
export async function readResults(
  backend: BackendCluster,
  checks: readonly CheckSample[],
): Promise<CheckResultSample[]> {
  const results: CheckResultSample[] = [];
  const queue = [...checks];
  const reader = async (): Promise<void> => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const result = (await expectJson(
        await fetch(`${backend.urls[0]}/sessions/${encodeURIComponent(check.sessionId)}/result`, {
          headers: { authorization: `Bearer ${backend.apiKey}` },
        }),
        'GET /sessions/:id/result',
        200,
      )) as { status?: unknown; decision?: unknown; providers?: unknown };
      const providerMs: Record<string, number> = {};
      for (const provider of Array.isArray(result.providers) ? result.providers : []) {
        const entry = provider as { provider?: unknown; timings?: { durationMs?: unknown } };
        if (typeof entry.provider === 'string' && typeof entry.timings?.durationMs === 'number') {
          providerMs[entry.provider] = entry.timings.durationMs;
        }
      }
      const slowest = Math.max(0, ...Object.values(providerMs));
      results.push({
        ...check,
        status: typeof result.status === 'string' ? result.status : 'unknown',
        decision: typeof result.decision === 'string' ? result.decision : null,
        providerMs,
        overheadMs: check.endToEndMs - slowest,
      });
    }
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  return results;
}
