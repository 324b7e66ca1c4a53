/** Capture-token and API-key rules, in process through backend.fetch. */
import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import {
  API_KEY,
  TOKEN_SECRET,
  apiRequest,
  createSession,
  createTestBackend,
  errorCode,
  statusRequest,
  tokenId,
  uploadRequest,
  type TestBackend,
} from './support/backend.js';

let current: TestBackend | undefined;
async function setup(options: Parameters<typeof createTestBackend>[0] = {}): Promise<TestBackend> {
  current = await createTestBackend(options);
  return current;
}
afterEach(async () => {
  await current?.backend.close();
  current = undefined;
});

async function signToken(claims: { sub: string; aud?: string; iss?: string; secret?: string; expSeconds?: number }) {
  const now = Math.floor(Date.parse('2030-01-01T00:00:00.000Z') / 1000);
  return new SignJWT({ origins: [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.sub)
    .setJti(crypto.randomUUID())
    .setAudience(claims.aud ?? 'liveness-check')
    .setIssuer(claims.iss ?? 'liveness-backend')
    .setIssuedAt(now)
    .setExpirationTime(now + (claims.expSeconds ?? 300))
    .sign(new TextEncoder().encode(claims.secret ?? TOKEN_SECRET));
}

describe('API key', () => {
  it.each([
    ['POST', '/sessions'],
    ['GET', '/sessions/some-id/result'],
    ['DELETE', '/sessions/some-id'],
  ])('%s %s without a key → 401 api-key-missing', async (method, path) => {
    const { backend } = await setup();
    const response = await backend.fetch(apiRequest(path, { method, key: null }));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('api-key-missing');
  });

  it.each([
    ['POST', '/sessions'],
    ['GET', '/sessions/some-id/result'],
    ['DELETE', '/sessions/some-id'],
  ])('%s %s with a wrong key → 401 api-key-invalid', async (method, path) => {
    const { backend } = await setup();
    const response = await backend.fetch(apiRequest(path, { method, key: `${API_KEY}x` }));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('api-key-invalid');
  });

  it('does not accept a capture token in place of the API key', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    const response = await backend.fetch(apiRequest('/sessions', { method: 'POST', key: captureToken }));
    expect(await errorCode(response)).toBe('api-key-invalid');
  });
});

describe('POST /sessions', () => {
  it('returns a session, a capture token and its expiry', async () => {
    const { backend, clock } = await setup();
    const session = await createSession(backend, { reference: 'order-42' });
    expect(session.sessionId).toMatch(/^[0-9a-f-]{36}$/);
    expect(session.captureToken.split('.')).toHaveLength(3);
    expect(Date.parse(session.expiresAt)).toBe(clock.now() + 300_000);
  });

  it('caps ttlSeconds at LIVENESS_TOKEN_MAX_TTL_SECONDS', async () => {
    const { backend, clock } = await setup({ env: { LIVENESS_TOKEN_MAX_TTL_SECONDS: '600' } });
    const session = await createSession(backend, { ttlSeconds: 86_400 });
    expect(Date.parse(session.expiresAt)).toBe(clock.now() + 600_000);
  });

  it('refuses a sandboxScenario for a provider that is not a sandbox', async () => {
    const { fakeAdapter } = await import('./support/backend.js');
    const { backend } = await setup({ adapters: [fakeAdapter('oz', undefined, false), fakeAdapter('kairos')] });
    const refused = await backend.fetch(
      apiRequest('/sessions', { method: 'POST', body: JSON.stringify({ sandboxScenario: { oz: 'spoof' } }) }),
    );
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('invalid-request');
    const accepted = await backend.fetch(
      apiRequest('/sessions', { method: 'POST', body: JSON.stringify({ sandboxScenario: { kairos: 'spoof' } }) }),
    );
    expect(accepted.status).toBe(201);
  });

  it('refuses origins outside LIVENESS_ALLOWED_ORIGINS, unknown fields and bad JSON', async () => {
    const { backend } = await setup({ env: { LIVENESS_ALLOWED_ORIGINS: 'https://shop.example' } });
    const post = (body: string) => backend.fetch(apiRequest('/sessions', { method: 'POST', body }));
    expect(await errorCode(await post(JSON.stringify({ allowedOrigins: ['https://evil.example'] })))).toBe(
      'invalid-request',
    );
    expect(await errorCode(await post(JSON.stringify({ allowedOrigins: ['not an origin'] })))).toBe('invalid-request');
    expect(await errorCode(await post(JSON.stringify({ surprise: true })))).toBe('invalid-request');
    expect(await errorCode(await post('{not json'))).toBe('invalid-request');
    expect((await post(JSON.stringify({ allowedOrigins: ['https://shop.example'] }))).status).toBe(201);
  });
});

describe('capture token on POST /checks', () => {
  it('is required', async () => {
    const { backend } = await setup();
    const response = await backend.fetch(uploadRequest(null));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('token-missing');
  });

  it('is refused once expired (401 token-expired)', async () => {
    const { backend, clock } = await setup();
    const { captureToken } = await createSession(backend);
    clock.advance(301_000);
    const response = await backend.fetch(uploadRequest(captureToken));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('token-expired');
  });

  it('is refused with a forged signature (401 token-invalid)', async () => {
    const { backend } = await setup();
    const { sessionId } = await createSession(backend);
    const forged = await signToken({ sub: sessionId, secret: 'another-secret-that-is-long-enough-0123456789' });
    const response = await backend.fetch(uploadRequest(forged));
    expect(response.status).toBe(401);
    expect(await errorCode(response)).toBe('token-invalid');
  });

  it('is refused for another audience or issuer (401 token-invalid)', async () => {
    const { backend } = await setup();
    const { sessionId } = await createSession(backend);
    for (const token of [
      await signToken({ sub: sessionId, aud: 'other-app' }),
      await signToken({ sub: sessionId, iss: 'someone-else' }),
    ]) {
      const response = await backend.fetch(uploadRequest(token));
      expect(response.status).toBe(401);
      expect(await errorCode(response)).toBe('token-invalid');
    }
  });

  it('is refused when malformed or unsigned (401 token-invalid)', async () => {
    const { backend } = await setup();
    const { sessionId } = await createSession(backend);
    const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    const payload = Buffer.from(JSON.stringify({ sub: sessionId, jti: 'x', aud: 'liveness-check', exp: 9e9 })).toString(
      'base64url',
    );
    for (const token of ['not-a-jwt', `${header}.${payload}.`]) {
      const response = await backend.fetch(uploadRequest(token));
      expect(await errorCode(response)).toBe('token-invalid');
    }
  });

  it('is good for one check: a second upload gets 403 token-used', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    expect((await backend.fetch(uploadRequest(captureToken))).status).toBe(202);
    const again = await backend.fetch(uploadRequest(captureToken));
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe('token-used');
  });

  it('returns the same check for a retry with the same Idempotency-Key', async () => {
    // Media kept after the verdict, so the media count shows how many checks were stored.
    const { backend, store } = await setup({ env: { LIVENESS_MEDIA_RETENTION_SECONDS: '3600' } });
    const { captureToken, sessionId } = await createSession(backend);
    const headers = { 'Idempotency-Key': 'upload-attempt-1' };
    const first = await backend.fetch(uploadRequest(captureToken, { headers }));
    const retry = await backend.fetch(uploadRequest(captureToken, { headers }));
    expect(first.status).toBe(202);
    expect(retry.status).toBe(202);
    const [a, b] = [
      (await first.json()) as { checkId: string },
      (await retry.json()) as { checkId: string; sessionId: string },
    ];
    expect(b.checkId).toBe(a.checkId);
    expect(b.sessionId).toBe(sessionId);
    expect(store.mediaCount()).toBe(1);

    const otherKey = await backend.fetch(
      uploadRequest(captureToken, { headers: { 'Idempotency-Key': 'upload-attempt-2' } }),
    );
    expect(await errorCode(otherKey)).toBe('token-used');
    const noKey = await backend.fetch(uploadRequest(captureToken));
    expect(await errorCode(noKey)).toBe('token-used');
  });

  it('is consumed once even when two uploads race with the same key', async () => {
    const { backend, store } = await setup({ env: { LIVENESS_MEDIA_RETENTION_SECONDS: '3600' } });
    const { captureToken, sessionId } = await createSession(backend);
    const headers = { 'Idempotency-Key': 'same' };
    const responses = await Promise.all([
      backend.fetch(uploadRequest(captureToken, { headers })),
      backend.fetch(uploadRequest(captureToken, { headers })),
    ]);
    const ids = await Promise.all(
      responses.map(async (response) => ((await response.json()) as { checkId: string }).checkId),
    );
    expect(responses.map((response) => response.status)).toEqual([202, 202]);
    expect(ids[0]).toBe(ids[1]);
    expect((await store.findCheckForSession(sessionId))?.id).toBe(ids[0]);
    expect(store.mediaCount()).toBe(1);
  });

  it('is refused from an origin it is not bound to (403 origin-not-allowed)', async () => {
    const { backend } = await setup({
      env: { LIVENESS_ALLOWED_ORIGINS: 'https://shop.example,https://other.example' },
    });
    const { captureToken } = await createSession(backend, { allowedOrigins: ['https://shop.example'] });
    const elsewhere = await backend.fetch(
      uploadRequest(captureToken, { headers: { Origin: 'https://other.example' } }),
    );
    expect(elsewhere.status).toBe(403);
    expect(await errorCode(elsewhere)).toBe('origin-not-allowed');
    const home = await backend.fetch(uploadRequest(captureToken, { headers: { Origin: 'https://shop.example' } }));
    expect(home.status).toBe(202);
  });

  it('records the token as used until it expires', async () => {
    const { backend, store } = await setup();
    const { captureToken } = await createSession(backend);
    await backend.fetch(uploadRequest(captureToken));
    const use = await store.getTokenUse(tokenId(captureToken));
    expect(use?.expiresAt).toBe(Date.parse('2030-01-01T00:05:00.000Z'));
  });
});

describe('capture token on GET /checks/:id', () => {
  it('still reads the check after the token was consumed for it', async () => {
    const { backend } = await setup();
    const { captureToken, sessionId } = await createSession(backend);
    const { checkId } = (await (await backend.fetch(uploadRequest(captureToken))).json()) as { checkId: string };
    await backend.processor.whenIdle();
    const response = await backend.fetch(statusRequest(captureToken, checkId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ checkId, sessionId, status: 'done' });
  });

  it("gets 403 token-session-mismatch for another session's check", async () => {
    const { backend } = await setup();
    const a = await createSession(backend);
    const b = await createSession(backend);
    const { checkId } = (await (await backend.fetch(uploadRequest(b.captureToken))).json()) as { checkId: string };
    const response = await backend.fetch(statusRequest(a.captureToken, checkId));
    expect(response.status).toBe(403);
    expect(await errorCode(response)).toBe('token-session-mismatch');
  });

  it('gets 401 token-expired once the token expires', async () => {
    const { backend, clock } = await setup();
    const { captureToken } = await createSession(backend);
    const { checkId } = (await (await backend.fetch(uploadRequest(captureToken))).json()) as { checkId: string };
    clock.advance(300_000);
    expect(await errorCode(await backend.fetch(statusRequest(captureToken, checkId)))).toBe('token-expired');
  });

  it('answers 404 not-found for an unknown check', async () => {
    const { backend } = await setup();
    const { captureToken } = await createSession(backend);
    const response = await backend.fetch(statusRequest(captureToken, crypto.randomUUID()));
    expect(response.status).toBe(404);
    expect(await errorCode(response)).toBe('not-found');
  });

  it('shows scores only when LIVENESS_EXPOSE_RESULT is on', async () => {
    for (const expose of [false, true]) {
      const { backend } = await setup({ env: { LIVENESS_EXPOSE_RESULT: String(expose) } });
      const { captureToken } = await createSession(backend);
      const { checkId } = (await (await backend.fetch(uploadRequest(captureToken))).json()) as { checkId: string };
      await backend.processor.whenIdle();
      const body = (await (await backend.fetch(statusRequest(captureToken, checkId))).json()) as Record<
        string,
        unknown
      >;
      if (expose) {
        expect(body['result']).toMatchObject({ decision: 'live', providers: [{ score: 0.9 }, { score: 0.9 }] });
      } else {
        expect(body).not.toHaveProperty('result');
        expect(JSON.stringify(body)).not.toContain('score');
      }
      await backend.close();
    }
  });
});
