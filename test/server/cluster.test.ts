/**
 * Several backend instances (separate processes running the liveness-backend entry) on one real PostgreSQL. The Oz
 * emulator and the webhook receiver live in this test process, so what they saw outlives every instance and tells
 * what really happened; the database is read directly to see leases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SessionResult } from '../../src/server/results.js';
import { startOzEmulator, type RunningOzEmulator } from '../../src/sandbox/oz-emulator.js';
import { StoreUnavailableError } from '../../src/server/store/errors.js';
import { createPostgresStore } from '../../src/server/store/postgres.js';
import { WEBHOOK_HEADERS } from '../../src/server/webhook-signature.js';
import { jpeg, report } from './support/backend.js';
import { killAllInstances, startInstance, type Instance } from './support/instances.js';
import { skipPostgres, startTestPostgres, type TestPostgres } from './support/postgres.js';
import { startWebhookReceiver, type WebhookReceiver } from './support/receiver.js';
import { blobs, check, liveVerdict, session, use } from './support/store-fixtures.js';

const API_KEY = 'cluster-test-api-key-0123456789';
const TOKEN_SECRET = 'cluster-test-token-secret-0123456789-abcdef';
const WEBHOOK_SECRET = 'cluster-test-webhook-secret-0123456789';

let postgres: TestPostgres;
let receiver: WebhookReceiver;
let oz: RunningOzEmulator | null = null;
let databaseUrl = '';
let dataDir = '';

// Each test starts two or three Node processes; on a busy 2-core machine that alone takes seconds.
describe.skipIf(skipPostgres)('a cluster of backend instances on PostgreSQL', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    postgres = await startTestPostgres();
    receiver = await startWebhookReceiver();
  }, 120_000);
  afterAll(async () => {
    await receiver?.close();
    await postgres?.stop();
  }, 60_000);
  beforeEach(async () => {
    databaseUrl = await postgres.freshDatabase();
    dataDir = await mkdtemp(join(tmpdir(), 'liveness-cluster-'));
    receiver.deliveries.length = 0;
    receiver.script([]);
  });
  afterEach(async () => {
    await killAllInstances();
    await oz?.close();
    oz = null;
    await rm(dataDir, { recursive: true, force: true });
  });

  /** The environment every instance shares: one database, one Oz (the emulator here), the same secrets. */
  const env = (extra: Record<string, string> = {}): Record<string, string> => ({
    LIVENESS_DATABASE_URL: databaseUrl,
    LIVENESS_DATA_DIR: dataDir,
    LIVENESS_API_KEY: API_KEY,
    LIVENESS_TOKEN_SECRET: TOKEN_SECRET,
    LIVENESS_PROVIDERS: 'oz',
    LIVENESS_UPLOAD_WORKERS: '0',
    LIVENESS_DATABASE_POOL_SIZE: '4',
    OZ_API_URL: oz!.url,
    OZ_LOGIN: oz!.credentials.login,
    OZ_PASSWORD: oz!.credentials.password,
    OZ_POLL_INTERVAL_MS: '50',
    ...extra,
  });

  const sql = <R extends Record<string, unknown>>(text: string, values: unknown[] = []) =>
    postgres.sql<R>(databaseUrl, text, values);

  it('serves one check across three instances: session on A, upload on B, result on C; tokens and keys hold cluster-wide', async () => {
    oz = await startOzEmulator({ analysisMs: 300 });
    // Started together on an empty database: their migrations race for the advisory lock.
    const [a, b, c] = await Promise.all(['A', 'B', 'C'].map((name) => startInstance(name, env())));
    expect(
      (await sql<{ version: number }>('SELECT version FROM liveness_schema_migrations ORDER BY version')).map(
        (row) => row.version,
      ),
    ).toEqual([1, 2, 3]);
    for (const instance of [a!, b!, c!]) {
      expect(await (await fetch(`${instance.url}/health`)).json()).toMatchObject({
        ok: true,
        store: { kind: 'postgres', ready: true },
      });
    }

    const { sessionId, captureToken } = await createSession(a!);
    const uploaded = await upload(b!, captureToken, { 'idempotency-key': 'attempt-1' });
    expect(uploaded.status).toBe(202);
    const { checkId } = (await uploaded.json()) as { checkId: string };

    // A retry with the same key on another instance gets the same check; without it the token is used.
    const replay = await upload(c!, captureToken, { 'idempotency-key': 'attempt-1' });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ checkId });
    const reuse = await upload(a!, captureToken);
    expect(reuse.status).toBe(403);
    expect(await errorCode(reuse)).toBe('token-used');

    const result = await finalResult(c!, sessionId);
    expect(result).toMatchObject({ sessionId, status: 'done', decision: 'live' });
    expect(oz.state.folderCount).toBe(1);
    const statusOnA = await fetch(`${a!.url}/checks/${checkId}`, {
      headers: { authorization: `Bearer ${captureToken}` },
    });
    expect(await statusOnA.json()).toMatchObject({ checkId, status: 'done' });
  });

  it('accepts exactly one of two uploads of one token racing on two instances', async () => {
    oz = await startOzEmulator({ analysisMs: 300 });
    const [a, b] = await Promise.all([startInstance('A', env()), startInstance('B', env())]);
    for (let round = 0; round < 3; round += 1) {
      const { captureToken } = await createSession(a);
      const responses = await Promise.all([upload(a, captureToken), upload(b, captureToken)]);
      const statuses = responses.map((response) => response.status).sort();
      expect(statuses).toEqual([202, 403]);
      expect(await errorCode(responses.find((response) => response.status === 403)!)).toBe('token-used');
    }
    expect(await sql('SELECT id FROM liveness_checks')).toHaveLength(3);
  });

  it('counts the rate limits once for the whole cluster, per client address from the balancer header', async () => {
    oz = await startOzEmulator();
    const limited = env({
      LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '5',
      LIVENESS_CLIENT_ADDRESS_HEADER: 'x-forwarded-for',
    });
    const [a, b] = await Promise.all([startInstance('A', limited), startInstance('B', limited)]);
    const from = (instance: Instance, client: string) =>
      fetch(`${instance.url}/health`, { headers: { 'x-forwarded-for': `203.0.113.9, ${client}` } });
    const statuses: number[] = [];
    for (const instance of [a, b, a, b, a]) statuses.push((await from(instance, '10.0.0.1')).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const over = await from(b, '10.0.0.1');
    expect(over.status).toBe(429);
    expect(await errorCode(over)).toBe('rate-limited');
    // The bucket is keyed on the last entry (the balancer's), not on what the client put in front of it.
    expect((await from(a, '10.0.0.2')).status).toBe(200);
  });

  it('finishes a check on a survivor after its instance is SIGKILLed while Oz is PROCESSING, with one Oz folder', async () => {
    oz = await startOzEmulator({ analysisMs: 3000 });
    const leased = env({ LIVENESS_WORK_LEASE_SECONDS: '2' });
    const [a, b] = await Promise.all([startInstance('A', leased), startInstance('B', leased)]);
    const { sessionId, captureToken } = await createSession(b);
    const uploaded = await upload(a, captureToken);
    expect(uploaded.status).toBe(202);
    const { checkId } = (await uploaded.json()) as { checkId: string };
    await waitForRow(`SELECT 1 FROM liveness_checks WHERE id = $1 AND record->'checkpoints'->'oz' ? 'analysisId'`, [
      checkId,
    ]);
    const [held] = await sql<{ lease_owner: string; status: string }>(
      'SELECT lease_owner, status FROM liveness_checks WHERE id = $1',
      [checkId],
    );
    expect(held).toEqual({ lease_owner: a.instanceId, status: 'processing' });

    expect(await a.kill('SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });
    const result = await finalResult(b, sessionId);
    expect(result).toMatchObject({ status: 'done', decision: 'live' });
    expect(oz.state.folderCount).toBe(1);
    expect(b.logs()).toContainEqual(expect.objectContaining({ event: 'check-claimed', checkId }));
  });

  it('gives its leases up at once on SIGTERM, exits 0, and another instance resumes the check', async () => {
    oz = await startOzEmulator({ analysisMs: 3000 });
    // A lease this long would outlast the test: only the release lets B take over.
    const leased = env({ LIVENESS_WORK_LEASE_SECONDS: '600' });
    const [a, b] = await Promise.all([startInstance('A', leased), startInstance('B', leased)]);
    const { sessionId, captureToken } = await createSession(a);
    const uploaded = await upload(a, captureToken);
    const { checkId } = (await uploaded.json()) as { checkId: string };
    await waitForRow(`SELECT 1 FROM liveness_checks WHERE id = $1 AND record->'checkpoints'->'oz' ? 'analysisId'`, [
      checkId,
    ]);

    expect(await a.kill('SIGTERM')).toEqual({ code: 0, signal: null });
    const [after] = await sql<{ lease_owner: string | null; status: string }>(
      'SELECT lease_owner, status FROM liveness_checks WHERE id = $1',
      [checkId],
    );
    expect(after!.lease_owner).not.toBe(a.instanceId);
    expect(a.logs()).toContainEqual(expect.objectContaining({ event: 'backend-stopped' }));

    expect(await finalResult(b, sessionId)).toMatchObject({ status: 'done', decision: 'live' });
    expect(oz.state.folderCount).toBe(1);
  });

  it('finishes a request in flight on SIGTERM, refusing new connections, then exits 0', async () => {
    oz = await startOzEmulator({ analysisMs: 300 });
    const a = await startInstance('A', env());
    const { sessionId, captureToken } = await createSession(a);
    const prepared = uploadRequest(a, captureToken);
    const bytes = new Uint8Array(await prepared.arrayBuffer());
    let sendRest: () => void = () => undefined;
    const rest = new Promise<void>((resolve) => (sendRest = resolve));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(bytes.slice(0, 1024));
        await rest;
        controller.enqueue(bytes.slice(1024));
        controller.close();
      },
    });
    const inFlight = fetch(`${a.url}/checks`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${captureToken}`, 'content-type': prepared.headers.get('content-type')! },
    });
    // The server has the request once it answers another one on a second connection after it.
    expect((await fetch(`${a.url}/health`, { headers: { connection: 'close' } })).status).toBe(200);
    a.child.kill('SIGTERM');
    await a.waitForLog((line) => line['event'] === 'backend-stopping');
    await expect(fetch(`${a.url}/health`, { headers: { connection: 'close' } })).rejects.toThrow();
    sendRest();
    const response = await inFlight;
    expect(response.status).toBe(202);
    expect(await a.exited).toEqual({ code: 0, signal: null });
    const [row] = await sql<{ status: string; lease_owner: string | null }>(
      'SELECT status, lease_owner FROM liveness_checks WHERE session_id = $1',
      [sessionId],
    );
    // Accepted, then either finished before the exit or handed back for another instance: never held by the dead one.
    expect(row!.status === 'done' || row!.lease_owner === null).toBe(true);
  });

  it('answers 503 store-unavailable while the database is down, then recovers by itself with nothing lost', async () => {
    oz = await startOzEmulator({ analysisMs: 3000 });
    const a = await startInstance('A', env({ LIVENESS_WORK_LEASE_SECONDS: '2' }));
    const inFlight = await createSession(a);
    const later = await createSession(a);
    const uploaded = await upload(a, inFlight.captureToken);
    expect(uploaded.status).toBe(202);
    const { checkId } = (await uploaded.json()) as { checkId: string };
    await waitForRow(`SELECT 1 FROM liveness_checks WHERE id = $1 AND record->'checkpoints'->'oz' ? 'analysisId'`, [
      checkId,
    ]);

    await postgres.server.pause();
    const refusedSession = await api(a, '/sessions', { method: 'POST', body: '{}' });
    expect(refusedSession.status).toBe(503);
    expect(await errorCode(refusedSession)).toBe('store-unavailable');
    expect(refusedSession.headers.get('retry-after')).toMatch(/^\d+$/);
    const refusedUpload = await upload(a, later.captureToken);
    expect(refusedUpload.status).toBe(503);
    expect(await errorCode(refusedUpload)).toBe('store-unavailable');
    const notReady = await fetch(`${a.url}/health`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({
      ok: false,
      store: { kind: 'postgres', ready: false, reason: expect.stringMatching(/unreachable/) },
    });

    await postgres.server.start();
    expect(await waitForStatus(() => fetch(`${a.url}/health`), 200)).toBe(200);
    // The refused upload consumed nothing: the same token is still good.
    expect((await upload(a, later.captureToken)).status).toBe(202);
    // The check accepted before the outage is finished, not lost.
    expect(await finalResult(a, inFlight.sessionId)).toMatchObject({ status: 'done', decision: 'live' });
    expect(await finalResult(a, later.sessionId)).toMatchObject({ status: 'done', decision: 'live' });
    expect(oz.state.folderCount).toBe(2);
  });

  it('delivers the outbound webhook from another instance after the first one is killed mid-delivery', async () => {
    oz = await startOzEmulator({ analysisMs: 300 });
    const hooks = {
      LIVENESS_WEBHOOK_URL: receiver.url,
      LIVENESS_WEBHOOK_SECRET: WEBHOOK_SECRET,
      LIVENESS_WORK_LEASE_SECONDS: '2',
    };
    receiver.script(['hang'], 200);
    const a = await startInstance('A', env(hooks));
    const { sessionId, captureToken } = await createSession(a);
    expect((await upload(a, captureToken)).status).toBe(202);
    await receiver.waitFor(1);
    await a.kill('SIGKILL');

    const b = await startInstance('B', env(hooks));
    const deliveries = await receiver.waitFor(2);
    const eventIds = deliveries.map((delivery) => delivery.headers[WEBHOOK_HEADERS.eventId.toLowerCase()]);
    expect(eventIds[0]).toMatch(/^evt_/);
    expect(eventIds[1]).toBe(eventIds[0]);
    expect(JSON.parse(deliveries[1]!.rawBody)).toMatchObject({
      type: 'check.completed',
      data: { sessionId, status: 'done' },
    });
    const [row] = await waitForRow(`SELECT status, attempts FROM liveness_webhooks WHERE status = 'delivered'`);
    expect(row).toEqual({ status: 'delivered', attempts: 1 });
    expect(await b.waitForLog((line) => line['event'] === 'webhook-delivered')).toMatchObject({ eventId: eventIds[0] });
  });

  it("passes Oz's webhook from the instance it reached to the instance polling", async () => {
    oz = await startOzEmulator({ analysisMs: 3_600_000, autoFinishMs: 100 });
    const b = await startInstance('B', env());
    // A reads Oz only once a minute: the check finishes sooner only if B's webhook reaches it.
    const a = await startInstance('A', env({ OZ_POLL_INTERVAL_MS: '60000', OZ_WEBHOOK_URL: `${b.url}/webhooks/oz` }));
    const { sessionId, captureToken } = await createSession(a);
    expect((await upload(a, captureToken)).status).toBe(202);
    expect(await finalResult(a, sessionId)).toMatchObject({ status: 'done', decision: 'live' });
    expect(b.logs()).toContainEqual(expect.objectContaining({ event: 'webhook-received', provider: 'oz' }));
  });

  it('applies each migration once when many stores open an empty database at the same moment', async () => {
    const stores = await Promise.all(
      Array.from({ length: 6 }, () => createPostgresStore({ url: databaseUrl, poolSize: 1 })),
    );
    expect(await sql('SELECT version FROM liveness_schema_migrations ORDER BY version')).toEqual([
      { version: 1 },
      { version: 2 },
      { version: 3 },
    ]);
    for (const store of stores) expect(await store.readiness()).toEqual({ kind: 'postgres', ready: true });
    await Promise.all(stores.map((store) => store.close()));
  });

  it('leases a check to one store at a time and drops the writes of one that lost its lease', async () => {
    const [a, b] = await Promise.all([
      createPostgresStore({ url: databaseUrl, poolSize: 2, leaseMs: 60_000, instanceId: 'store-a' }),
      createPostgresStore({ url: databaseUrl, poolSize: 2, leaseMs: 60_000, instanceId: 'store-b' }),
    ]);
    try {
      await a.createSession(session);
      await a.acceptCheck(check(), blobs, use());
      expect(await b.cluster.claimChecks(10)).toEqual([]);
      expect(await b.cluster.renewChecks(['check-1'])).toEqual([]);
      expect(await a.cluster.renewChecks(['check-1'])).toEqual(['check-1']);
      await b.saveCheckpoint('check-1', 'oz', { folderId: 'from-b' });
      expect((await a.getCheck('check-1'))?.checkpoints).toEqual({});

      await a.cluster.releaseChecks(['check-1']);
      expect(await b.cluster.claimChecks(10)).toEqual(['check-1']);
      expect(await a.cluster.claimChecks(10)).toEqual([]);
      await a.saveCheckpoint('check-1', 'oz', { folderId: 'from-a' });
      await a.completeCheck('check-1', liveVerdict(5_000));
      expect(await b.getCheck('check-1')).toMatchObject({ status: 'processing', checkpoints: {} });
      await b.saveCheckpoint('check-1', 'oz', { folderId: 'from-b' });
      await b.completeCheck('check-1', liveVerdict(5_000));
      expect(await a.getCheck('check-1')).toMatchObject({
        status: 'done',
        checkpoints: { oz: { folderId: 'from-b' } },
      });
      expect(await sql('SELECT lease_owner FROM liveness_checks')).toEqual([{ lease_owner: null }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('waits at start for a database that is not up yet, and gives up after its start timeout', async () => {
    await postgres.server.pause();
    const opening = createPostgresStore({ url: databaseUrl, poolSize: 1, startTimeoutMs: 120_000 });
    const refused = createPostgresStore({ url: databaseUrl, poolSize: 1, startTimeoutMs: 0 });
    await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
    await postgres.server.start();
    const store = await opening;
    expect(await store.readiness()).toEqual({ kind: 'postgres', ready: true });
    await store.close();
  });

  // ---- helpers ----

  function api(instance: Instance, path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${instance.url}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json', ...init.headers },
    });
  }

  async function createSession(instance: Instance): Promise<{ sessionId: string; captureToken: string }> {
    const response = await api(instance, '/sessions', { method: 'POST', body: '{}' });
    if (response.status !== 201)
      throw new Error(`POST /sessions on ${instance.name}: ${response.status} ${await response.text()}`);
    return (await response.json()) as { sessionId: string; captureToken: string };
  }

  /** POST /checks with a valid upload, unsent. */
  function uploadRequest(instance: Instance, captureToken: string, headers: Record<string, string> = {}): Request {
    const form = new FormData();
    form.set('media', new Blob([jpeg(320, 420)], { type: 'image/jpeg' }), 'capture.jpg');
    form.set('report', JSON.stringify(report()));
    return new Request(`${instance.url}/checks`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${captureToken}`, ...headers },
    });
  }

  function upload(instance: Instance, captureToken: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(uploadRequest(instance, captureToken, headers));
  }

  async function finalResult(instance: Instance, sessionId: string): Promise<SessionResult> {
    for (;;) {
      const response = await api(instance, `/sessions/${sessionId}/result`);
      if (response.status === 200) {
        const result = (await response.json()) as SessionResult;
        if (result.status === 'done' || result.status === 'failed') return result;
      }
      await pause(50);
    }
  }

  async function waitForRow<R extends Record<string, unknown>>(text: string, values: unknown[] = []): Promise<R[]> {
    for (;;) {
      const rows = await sql<R>(text, values);
      if (rows.length > 0) return rows;
      await pause(20);
    }
  }

  async function waitForStatus(call: () => Promise<Response>, status: number): Promise<number> {
    for (;;) {
      const response = await call().catch(() => null);
      if (response?.status === status) return status;
      await pause(100);
    }
  }
});

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code?: string } };
  return body.error?.code ?? `(status ${response.status})`;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
