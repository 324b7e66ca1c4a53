/** CORS, security headers, rate limits, health, webhook, error mapping; and the whole flow over real HTTP. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serve, type RunningServer } from '../../src/node/serve.js';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import { ERROR_CODES, ERROR_STATUS } from '../../src/server/errors.js';
import type { ProviderAdapter } from '../../src/server/providers/types.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import type { Store } from '../../src/server/store/types.js';
import {
  API_KEY,
  BASE,
  apiRequest,
  createSession,
  createTestBackend,
  errorCode,
  fakeAdapter,
  jpeg,
  outcome,
  recordingLogger,
  report,
  statusRequest,
  testConfig,
  uploadRequest,
  type TestBackend,
} from './support/backend.js';

const SHOP = 'https://shop.example';
let current: TestBackend | undefined;
async function setup(options: Parameters<typeof createTestBackend>[0] = {}): Promise<TestBackend> {
  current = await createTestBackend({ ...options, env: { LIVENESS_ALLOWED_ORIGINS: SHOP, ...options.env } });
  return current;
}
afterEach(async () => {
  await current?.backend.close();
  current = undefined;
});

describe('CORS', () => {
  it('answers a preflight on the widget routes for an allowed origin', async () => {
    const { backend } = await setup();
    for (const path of ['/checks', '/checks/some-id']) {
      const response = await backend.fetch(
        new Request(`${BASE}${path}`, {
          method: 'OPTIONS',
          headers: {
            Origin: SHOP,
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization',
          },
        }),
      );
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(SHOP);
      expect(response.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
      expect(response.headers.get('vary')).toContain('Origin');
    }
  });

  it('gives other origins no Access-Control-Allow-Origin', async () => {
    const { backend } = await setup();
    const preflight = await backend.fetch(
      new Request(`${BASE}/checks`, {
        method: 'OPTIONS',
        headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
      }),
    );
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const { captureToken } = await createSession(backend);
    const upload = await backend.fetch(uploadRequest(captureToken, { headers: { Origin: 'https://evil.example' } }));
    expect(upload.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('echoes the allowed origin on widget responses, errors included', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    const accepted = await backend.fetch(uploadRequest(captureToken, { headers: { Origin: SHOP } }));
    expect(accepted.status).toBe(202);
    expect(accepted.headers.get('access-control-allow-origin')).toBe(SHOP);
    const refused = await backend.fetch(uploadRequest('garbage', { headers: { Origin: SHOP } }));
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(SHOP);
  });

  it('never adds CORS headers to API-key routes', async () => {
    const { backend } = await setup();
    const created = await backend.fetch(apiRequest('/sessions', { method: 'POST', headers: { Origin: SHOP } }));
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await backend.fetch(
      new Request(`${BASE}/sessions`, {
        method: 'OPTIONS',
        headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST' },
      }),
    );
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('security headers', () => {
  const expected = {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'cross-origin-resource-policy': 'same-origin',
  };

  it('are on success, refusal, unknown route and internal error responses', async () => {
    const failingStore: Store = await createMemoryStore();
    failingStore.getSession = async () => {
      throw new Error('disk on fire, with secret details');
    };
    const { backend, logger } = await setup({ store: failingStore });
    const responses = [
      await backend.fetch(new Request(`${BASE}/health`)),
      await backend.fetch(apiRequest('/sessions', { method: 'POST', key: null })),
      await backend.fetch(new Request(`${BASE}/nowhere`)),
      await backend.fetch(apiRequest('/sessions/x/result')),
    ];
    expect(responses.map((response) => response.status)).toEqual([200, 401, 404, 500]);
    for (const response of responses) {
      for (const [name, value] of Object.entries(expected)) expect(response.headers.get(name)).toBe(value);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(await responses[2]!.json()).toEqual({ error: { code: 'not-found', message: 'no such route' } });
    expect(await responses[3]!.json()).toEqual({ error: { code: 'internal', message: 'internal error' } });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'unhandled-error' }));
  });
});

describe('logs', () => {
  it('never contain the API key, capture tokens or media', async () => {
    const { backend, logger } = await setup();
    const { captureToken } = await createSession(backend);
    await backend.fetch(uploadRequest(captureToken));
    await backend.fetch(uploadRequest(captureToken));
    await backend.processor.whenIdle();
    const text = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(3);
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(captureToken);
    expect(text).not.toContain(captureToken.split('.')[2]!);
    expect(text).not.toContain('"tags"');
  });
});

describe('rate limits', () => {
  it('limits each client address, answering 429 with Retry-After', async () => {
    const { backend } = await setup({
      env: { LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '3' },
      clientAddress: (request) => request.headers.get('x-test-client') ?? undefined,
    });
    const health = (client: string) =>
      backend.fetch(new Request(`${BASE}/health`, { headers: { 'x-test-client': client } }));
    for (let index = 0; index < 3; index += 1) expect((await health('10.0.0.1')).status).toBe(200);
    const limited = await health('10.0.0.1');
    expect(limited.status).toBe(429);
    expect(await errorCode(limited)).toBe('rate-limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect((await health('10.0.0.2')).status).toBe(200);
  });

  it('refills over time', async () => {
    const { backend, clock } = await setup({ env: { LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '1' } });
    expect((await backend.fetch(new Request(`${BASE}/health`))).status).toBe(200);
    expect((await backend.fetch(new Request(`${BASE}/health`))).status).toBe(429);
    clock.advance(60_000);
    expect((await backend.fetch(new Request(`${BASE}/health`))).status).toBe(200);
  });

  it('limits each capture session on the widget routes', async () => {
    const { backend } = await setup({ env: { LIVENESS_RATE_LIMIT_SESSION_PER_MINUTE: '3' } });
    const a = await createSession(backend);
    const b = await createSession(backend);
    const { checkId } = (await (await backend.fetch(uploadRequest(a.captureToken))).json()) as { checkId: string };
    expect((await backend.fetch(statusRequest(a.captureToken, checkId))).status).toBe(200);
    expect((await backend.fetch(statusRequest(a.captureToken, checkId))).status).toBe(200);
    const limited = await backend.fetch(statusRequest(a.captureToken, checkId));
    expect(limited.status).toBe(429);
    expect(await errorCode(limited)).toBe('rate-limited');
    expect((await backend.fetch(uploadRequest(b.captureToken))).status).toBe(202);
  });
});

describe('service routes', () => {
  it('GET /health lists the providers', async () => {
    const { backend } = await setup({ adapters: [fakeAdapter('kairos', undefined, false)] });
    expect(await (await backend.fetch(new Request(`${BASE}/health`))).json()).toEqual({
      ok: true,
      providers: [{ name: 'kairos', sandbox: false }],
      store: { kind: 'memory', ready: true },
    });
  });

  it("POST /webhooks/:provider hands the body to that provider's webhook hook and always answers 202", async () => {
    const received: unknown[] = [];
    const oz: ProviderAdapter = { ...fakeAdapter('oz'), receiveWebhook: (body) => void received.push(body) };
    const { backend } = await setup({ adapters: [oz, fakeAdapter('kairos')] });
    const post = (provider: string, body: string) =>
      backend.fetch(new Request(`${BASE}/webhooks/${provider}`, { method: 'POST', body }));
    expect((await post('oz', JSON.stringify({ analyse_id: 'a-1', resolution_status: 'SUCCESS' }))).status).toBe(202);
    expect((await post('oz', JSON.stringify([1, 2, 3]))).status).toBe(202);
    // A configured provider without a hook: noted, nothing to wake.
    expect((await post('kairos', JSON.stringify({ any: 'thing' }))).status).toBe(202);
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([{ analyse_id: 'a-1', resolution_status: 'SUCCESS' }, [1, 2, 3]]);
    const unknown = await post('acme', '{}');
    expect(unknown.status).toBe(404);
    expect(await errorCode(unknown)).toBe('not-found');
    const malformed = await post('oz', '{nope');
    expect(malformed.status).toBe(400);
    expect(await errorCode(malformed)).toBe('invalid-request');
  });

  it('serves every route under a base path', async () => {
    const backend = createLivenessBackend({
      config: testConfig(),
      adapters: [fakeAdapter('oz')],
      store: await createMemoryStore(),
      basePath: '/api',
    });
    expect((await backend.fetch(new Request(`${BASE}/api/health`))).status).toBe(200);
    const outside = await backend.fetch(new Request(`${BASE}/health`));
    expect(outside.status).toBe(404);
    expect(outside.headers.get('x-content-type-options')).toBe('nosniff');
    await backend.close();
  });
});

describe('error codes', () => {
  it('are exported with their statuses', () => {
    expect(ERROR_CODES).toEqual(expect.arrayContaining(['token-used', 'zip-limits', 'rate-limited', 'internal']));
    expect(ERROR_STATUS['token-expired']).toBe(401);
    expect(ERROR_STATUS['token-session-mismatch']).toBe(403);
    expect(ERROR_STATUS['payload-too-large']).toBe(413);
  });
});

describe('over real HTTP', () => {
  let server: RunningServer;
  let url: string;
  let backend: LivenessBackend;
  const logger = recordingLogger();

  beforeAll(async () => {
    backend = createLivenessBackend({
      config: testConfig({ LIVENESS_ALLOWED_ORIGINS: SHOP, LIVENESS_RATE_LIMIT_CLIENT_PER_MINUTE: '1000' }),
      adapters: [fakeAdapter('oz'), fakeAdapter('kairos', async () => outcome('kairos', 'spoof', 0.12))],
      store: await createMemoryStore(),
      logger,
    });
    server = await serve((request, env) => backend.fetch(request, env));
    url = server.url;
  });
  afterAll(async () => {
    await backend.close();
    await server.close();
  });

  it('creates a session, uploads, polls and reads the verdict', async () => {
    const created = await fetch(`${url}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference: 'http-1' }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBeNull();
    const session = (await created.json()) as { sessionId: string; captureToken: string };

    const form = new FormData();
    form.set('media', new Blob([jpeg()], { type: 'image/jpeg' }), 'capture.jpg');
    form.set('report', JSON.stringify(report()));
    const uploaded = await fetch(`${url}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${session.captureToken}`, origin: SHOP, 'idempotency-key': 'k-1' },
      body: form,
    });
    expect(uploaded.status).toBe(202);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe(SHOP);
    const { checkId } = (await uploaded.json()) as { checkId: string };

    await backend.processor.whenIdle();
    const status = await fetch(`${url}/checks/${checkId}`, {
      headers: { authorization: `Bearer ${session.captureToken}` },
    });
    expect(await status.json()).toEqual({ checkId, sessionId: session.sessionId, status: 'done' });

    const result = await fetch(`${url}/sessions/${session.sessionId}/result`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    });
    expect(await result.json()).toMatchObject({
      reference: 'http-1',
      status: 'done',
      decision: 'spoof',
      reason: 'all: spoof from kairos',
      providers: [
        { provider: 'oz', decision: 'live' },
        { provider: 'kairos', decision: 'spoof', score: 0.12 },
      ],
      check: { checkId, bytes: jpeg().length },
    });
    const requestLog = logger.lines.find((line) => line.event === 'request' && line.fields['path'] === '/checks');
    expect(requestLog?.fields['status']).toBe(202);
  });

  it('refuses an upload over the limit announced by Content-Length with 413', async () => {
    const local = createLivenessBackend({
      config: testConfig({ LIVENESS_MAX_UPLOAD_BYTES: '50000' }),
      adapters: [fakeAdapter('oz')],
      store: await createMemoryStore(),
    });
    const { captureToken } = await createSession(local);
    const small = await serve((request, env) => local.fetch(request, env));
    const form = new FormData();
    form.set('media', new Blob([jpeg()], { type: 'image/jpeg' }), 'capture.jpg');
    form.set('report', JSON.stringify(report()));
    const response = await fetch(`${small.url}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${captureToken}` },
      body: form,
    });
    expect(response.status).toBe(413);
    expect(await errorCode(response)).toBe('payload-too-large');
    await local.close();
    await small.close();
  });
});
