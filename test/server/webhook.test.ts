/** The outbound webhook: signed check.completed events, retries, persistence across restarts, deletion. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import { createFileStore } from '../../src/server/store/file.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import type { Store, WebhookDeliveryRecord } from '../../src/server/store/types.js';
import { verifyWebhookSignature } from '../../src/server/webhook-signature.js';
import type { WebhookTuning } from '../../src/server/webhooks/dispatcher.js';
import {
  answers,
  apiRequest,
  createSession,
  fakeAdapter,
  fails,
  gated,
  recordingLogger,
  testConfig,
  uploadRequest,
  type RecordingLogger,
} from './support/backend.js';
import { startWebhookReceiver, type ReceivedDelivery, type WebhookReceiver } from './support/receiver.js';

const SECRET = 'webhook-secret-for-tests-0123456789abcdef';
const FAST_RETRIES: WebhookTuning = { retryBaseDelayMs: 5, retryMaxDelayMs: 20, timeoutMs: 2_000 };

let receiver: WebhookReceiver;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});

const opened: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  receiver.deliveries.length = 0;
  receiver.script([]);
});

interface Setup {
  backend: LivenessBackend;
  store: Store;
  logger: RecordingLogger;
}

/** A backend on the real clock (retries are scheduled in real time), its webhook pointed at the receiver. */
async function setup(
  options: {
    env?: Record<string, string>;
    store?: Store;
    tuning?: WebhookTuning;
    adapters?: Parameters<typeof createLivenessBackend>[0]['adapters'];
  } = {},
): Promise<Setup> {
  const store = options.store ?? (await createMemoryStore());
  const logger = recordingLogger();
  const backend = createLivenessBackend({
    config: testConfig({ LIVENESS_WEBHOOK_URL: receiver.url, LIVENESS_WEBHOOK_SECRET: SECRET, ...options.env }),
    adapters: options.adapters ?? [fakeAdapter('oz'), fakeAdapter('kairos')],
    store,
    logger,
    webhook: options.tuning ?? FAST_RETRIES,
  });
  opened.push(backend);
  return { backend, store, logger };
}

async function uploadOne(backend: LivenessBackend) {
  const session = await createSession(backend, { reference: 'order-9' });
  const response = await backend.fetch(uploadRequest(session.captureToken));
  expect(response.status).toBe(202);
  const { checkId } = (await response.json()) as { checkId: string };
  return { ...session, checkId };
}

async function deliveriesOf(store: Store, sessionId: string): Promise<WebhookDeliveryRecord[]> {
  return store.listWebhookDeliveries(sessionId);
}

function parsed(delivery: ReceivedDelivery) {
  return JSON.parse(delivery.rawBody) as { id: string; type: string; createdAt: string; data: Record<string, unknown> };
}

describe('outbound webhook', () => {
  it('posts one signed check.completed event carrying the same result as GET /sessions/:id/result', async () => {
    const { backend, store } = await setup();
    const { sessionId, checkId } = await uploadOne(backend);
    const [delivery] = await receiver.waitFor(1);
    await until(async () => (await deliveriesOf(store, sessionId))[0]?.status === 'delivered');

    const body = parsed(delivery!);
    const result = await (await backend.fetch(apiRequest(`/sessions/${sessionId}/result`))).json();
    expect(body).toEqual({
      id: expect.stringMatching(/^evt_[0-9a-f-]{36}$/),
      type: 'check.completed',
      createdAt: expect.any(String),
      data: result,
    });
    // The test adapters are sandboxed, so the event says so beside the decision.
    expect(body.data).toMatchObject({
      sessionId,
      reference: 'order-9',
      status: 'done',
      decision: 'live',
      sandbox: true,
      check: { checkId, mediaRetained: false },
    });
    expect(body.createdAt).toBe((result as { completedAt: string }).completedAt);

    const headers = delivery!.headers;
    expect(headers['content-type']).toBe('application/json');
    expect(headers['liveness-event-id']).toBe(body.id);
    expect(headers['liveness-attempt']).toBe('1');
    expect(headers['liveness-timestamp']).toMatch(/^\d{10}$/);
    expect(
      verifyWebhookSignature(
        SECRET,
        headers['liveness-signature'] as string,
        headers['liveness-timestamp'] as string,
        delivery!.rawBody,
      ),
    ).toEqual({
      valid: true,
      timestamp: Number(headers['liveness-timestamp']),
    });
    expect(
      verifyWebhookSignature(
        'another-secret-0123456789-0123456789',
        headers['liveness-signature'] as string,
        headers['liveness-timestamp'] as string,
        delivery!.rawBody,
      ),
    ).toMatchObject({ valid: false });

    const [record] = await deliveriesOf(store, sessionId);
    expect(record).toMatchObject({
      eventId: body.id,
      checkId,
      status: 'delivered',
      attempts: 1,
      nextAttemptAt: null,
      lastError: null,
    });
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('carries no sandbox mark when real providers answered', async () => {
    const { backend } = await setup({
      adapters: [
        fakeAdapter('oz', answers('oz', 'live'), false),
        fakeAdapter('kairos', answers('kairos', 'live'), false),
      ],
    });
    const { sessionId } = await uploadOne(backend);
    const [delivery] = await receiver.waitFor(1);
    expect(parsed(delivery!).data).toMatchObject({ sessionId, status: 'done', decision: 'live' });
    expect(parsed(delivery!).data).not.toHaveProperty('sandbox');
  });

  it('sends failed checks too', async () => {
    const { backend } = await setup({
      adapters: [fakeAdapter('oz', fails('oz', 'provider-unavailable')), fakeAdapter('kairos')],
    });
    const { sessionId } = await uploadOne(backend);
    const [delivery] = await receiver.waitFor(1);
    expect(parsed(delivery!).data).toMatchObject({ sessionId, status: 'failed', decision: 'inconclusive' });
  });

  it('retries with the same event id and body until the receiver answers 2xx', async () => {
    receiver.script([500, 503, 302, 'hang'], 204);
    const { backend, store, logger } = await setup({ tuning: { ...FAST_RETRIES, timeoutMs: 100 } });
    const { sessionId } = await uploadOne(backend);
    const deliveries = await receiver.waitFor(5);
    await until(async () => (await deliveriesOf(store, sessionId))[0]?.status === 'delivered');

    expect(new Set(deliveries.map((delivery) => delivery.headers['liveness-event-id'])).size).toBe(1);
    expect(new Set(deliveries.map((delivery) => delivery.rawBody)).size).toBe(1);
    expect(deliveries.map((delivery) => delivery.headers['liveness-attempt'])).toEqual(['1', '2', '3', '4', '5']);
    const [record] = await deliveriesOf(store, sessionId);
    expect(record).toMatchObject({
      status: 'delivered',
      attempts: 5,
      lastError: null,
      deliveredAt: expect.any(Number),
    });
    const failures = logger.lines
      .filter((line) => line.event === 'webhook-attempt-failed')
      .map((line) => line.fields['error']);
    expect(failures.slice(0, 3)).toEqual(['HTTP 500', 'HTTP 503', 'HTTP 302']);
    expect(String(failures[3])).toMatch(/timeout|abort/i);
    expect(receiver.deliveries).toHaveLength(5);
  });

  it('gives up after LIVENESS_WEBHOOK_MAX_ATTEMPTS and records why', async () => {
    receiver.script([], 500);
    const { backend, store, logger } = await setup({ env: { LIVENESS_WEBHOOK_MAX_ATTEMPTS: '3' } });
    const { sessionId } = await uploadOne(backend);
    await until(async () => (await deliveriesOf(store, sessionId))[0]?.status === 'failed');
    expect((await deliveriesOf(store, sessionId))[0]).toMatchObject({
      attempts: 3,
      nextAttemptAt: null,
      lastError: 'HTTP 500',
      deliveredAt: null,
    });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'webhook-gave-up' }));
    await backend.webhooks?.whenIdle();
    expect(receiver.deliveries).toHaveLength(3);
    expect(await store.listPendingWebhookDeliveries()).toEqual([]);
  });

  it('keeps pending deliveries in the store and resumes them after a restart, with the same event id', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'liveness-webhook-'));
    dirs.push(dir);
    receiver.script([], 500);
    const firstStore = await createFileStore(dir);
    // The retry is due half a second later: long enough for the first run to stop before it, short for the test.
    const first = await setup({ store: firstStore, tuning: { retryBaseDelayMs: 500, retryMaxDelayMs: 500 } });
    const { sessionId } = await uploadOne(first.backend);
    await until(async () => (await deliveriesOf(firstStore, sessionId))[0]?.attempts === 1);
    await first.backend.close();
    await firstStore.close();
    opened.length = 0;
    const pending = (await deliveriesOf(await reopen(), sessionId))[0]!;
    expect(pending).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'HTTP 500',
      nextAttemptAt: expect.any(Number),
    });
    expect(receiver.deliveries).toHaveLength(1);

    receiver.script([], 200);
    const { store: secondStore } = await setup({ store: await reopen() });
    await until(async () => (await deliveriesOf(secondStore, sessionId))[0]?.status === 'delivered');
    expect(receiver.deliveries.map((delivery) => delivery.headers['liveness-event-id'])).toEqual([
      pending.eventId,
      pending.eventId,
    ]);
    expect(receiver.deliveries.map((delivery) => delivery.headers['liveness-attempt'])).toEqual(['1', '2']);
    expect(receiver.deliveries[1]!.rawBody).toBe(receiver.deliveries[0]!.rawBody);

    async function reopen(): Promise<Store> {
      for (const item of opened.splice(0)) await item.close();
      const store = await createFileStore(dir);
      opened.push(store);
      return store;
    }
  });

  it('drops pending deliveries with their session on DELETE /sessions/:id', async () => {
    receiver.script([], 500);
    const { backend, store } = await setup({ tuning: { retryBaseDelayMs: 60_000, retryMaxDelayMs: 60_000 } });
    const { sessionId } = await uploadOne(backend);
    await until(async () => (await deliveriesOf(store, sessionId))[0]?.attempts === 1);
    expect((await backend.fetch(apiRequest(`/sessions/${sessionId}`, { method: 'DELETE' }))).status).toBe(204);
    expect(await deliveriesOf(store, sessionId)).toEqual([]);
    expect(await store.listPendingWebhookDeliveries()).toEqual([]);
  });

  it('records no event while no webhook URL is configured', async () => {
    const store = await createMemoryStore();
    const backend = createLivenessBackend({
      config: testConfig(),
      adapters: [fakeAdapter('oz'), fakeAdapter('kairos')],
      store,
    });
    opened.push(backend);
    expect(backend.webhooks).toBeNull();
    const { sessionId } = await uploadOne(backend);
    await backend.processor.whenIdle();
    expect(await deliveriesOf(store, sessionId)).toEqual([]);
  });

  it('creates the event with the verdict: nothing is sent while the check is processing', async () => {
    const ozGate = gated('oz');
    const { backend, store } = await setup({ adapters: [fakeAdapter('oz', ozGate.behaviour), fakeAdapter('kairos')] });
    const { sessionId, checkId } = await uploadOne(backend);
    await until(async () => (await store.getCheck(checkId))?.providers.length === 1);
    expect(await deliveriesOf(store, sessionId)).toEqual([]);
    ozGate.release();
    await receiver.waitFor(1);
    expect(parsed(receiver.deliveries[0]!).data).toMatchObject({ status: 'done' });
  });
});

describe('store: one webhook event per check', () => {
  it('ignores a second event for a check that already has one', async () => {
    const { backend, store } = await setup();
    const { sessionId, checkId } = await uploadOne(backend);
    await receiver.waitFor(1);
    const [first] = await deliveriesOf(store, sessionId);
    await store.completeCheck(checkId, {
      status: 'done',
      verdict: { decision: 'live', reason: 'again' },
      completedAt: Date.now(),
      mediaExpiresAt: Date.now(),
      webhookEvent: { eventId: 'evt_other', createdAt: Date.now() },
    });
    expect((await deliveriesOf(store, sessionId)).map((delivery) => delivery.eventId)).toEqual([first!.eventId]);
    expect(await store.getWebhookDelivery('evt_other')).toBeNull();
  });
});

/** Polls a condition: deliveries happen on the dispatcher's own schedule, so tests wait for states, not for time. */
async function until(condition: () => Promise<boolean>, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('condition not reached');
}
