/**
 * The handoff codes over real HTTP handling and every store (memory, the file store's journal, PostgreSQL): a code
 * is single use, expires, redeems into a capture token of the same session, and survives a restart as used.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFileStore } from '../../src/server/store/file.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import { createPostgresStore } from '../../src/server/store/postgres.js';
import type { Store } from '../../src/server/store/types.js';
import { HANDOFF_PAGE_CSP } from '../../src/server/handoff/page.js';
import {
  BASE,
  createSession,
  createTestBackend,
  errorCode,
  statusRequest,
  testClock,
  testConfig,
  uploadRequest,
  type TestBackend,
} from './support/backend.js';
import { skipPostgres, startTestPostgres, type TestPostgres } from './support/postgres.js';

interface Minted {
  code: string;
  url: string;
  expiresAt: string;
}

async function mint(backend: TestBackend['backend'], token: string): Promise<Minted> {
  const response = await backend.fetch(
    new Request(`${BASE}/handoffs`, { method: 'POST', headers: { authorization: `Bearer ${token}` } }),
  );
  expect(response.status).toBe(201);
  return (await response.json()) as Minted;
}

function exchange(backend: TestBackend['backend'], code: string, origin?: string): Promise<Response> {
  return backend.fetch(
    new Request(`${BASE}/handoffs/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(origin ? { origin } : {}) },
      body: JSON.stringify({ code }),
    }),
  );
}

async function followStatus(
  backend: TestBackend['backend'],
  token: string,
): Promise<{ sessionId: string; code: string | null; check: unknown }> {
  const response = await backend.fetch(
    new Request(`${BASE}/handoffs/status`, { headers: { authorization: `Bearer ${token}` } }),
  );
  expect(response.status).toBe(200);
  return (await response.json()) as { sessionId: string; code: string | null; check: unknown };
}

function contract(name: string, open: () => Promise<Store>) {
  describe(`handoff codes (${name})`, () => {
    it('mints a link to the own capture page, redeemed once for a capture token of the same session', async () => {
      const store = await open();
      const test = await createTestBackend({ store });
      const session = await createSession(test.backend);
      const minted = await mint(test.backend, session.captureToken);
      expect(minted.url).toBe(`${BASE}/handoff/${minted.code}`);
      expect(Date.parse(minted.expiresAt)).toBeGreaterThan(test.clock.now());

      const first = await exchange(test.backend, minted.code, BASE);
      expect(first.status).toBe(200);
      const phone = (await first.json()) as { sessionId: string; captureToken: string };
      expect(phone.sessionId).toBe(session.sessionId);
      expect(phone.captureToken).not.toBe(session.captureToken);

      const second = await exchange(test.backend, minted.code, BASE);
      expect(second.status).toBe(410);
      expect(await errorCode(second)).toBe('handoff-used');

      // The phone captures as usual; the desktop follows the session with its own token.
      const upload = await test.backend.fetch(uploadRequest(phone.captureToken));
      expect(upload.status).toBe(202);
      const { checkId } = (await upload.json()) as { checkId: string };
      const status = await test.backend.fetch(
        new Request(`${BASE}/handoffs/status`, { headers: { authorization: `Bearer ${session.captureToken}` } }),
      );
      const followed = (await status.json()) as { check: { checkId: string } | null };
      expect(followed.check?.checkId).toBe(checkId);
      const desktopView = await test.backend.fetch(statusRequest(session.captureToken, checkId));
      expect(desktopView.status).toBe(200);
      await test.backend.close();
      await store.close();
    });

    it('refuses an expired code, and a new one works', async () => {
      const store = await open();
      const clock = testClock(Date.now());
      const test = await createTestBackend({ store, clock, env: { LIVENESS_HANDOFF_TTL_SECONDS: '60' } });
      const session = await createSession(test.backend);
      const stale = await mint(test.backend, session.captureToken);
      clock.advance(61_000);
      const late = await exchange(test.backend, stale.code);
      expect(late.status).toBe(410);
      expect(await errorCode(late)).toBe('handoff-expired');
      const fresh = await mint(test.backend, session.captureToken);
      expect((await exchange(test.backend, fresh.code)).status).toBe(200);
      await test.backend.close();
      await store.close();
    });

    it('refuses an unknown code and one redeemed from another origin, which does not spend it', async () => {
      const store = await open();
      const test = await createTestBackend({ store });
      const session = await createSession(test.backend);
      expect(await errorCode(await exchange(test.backend, 'A'.repeat(22)))).toBe('handoff-expired');
      const minted = await mint(test.backend, session.captureToken);
      expect(await errorCode(await exchange(test.backend, minted.code, 'https://evil.example'))).toBe(
        'origin-not-allowed',
      );
      expect((await followStatus(test.backend, session.captureToken)).code).toBe('waiting');
      // Bad input loses nothing: the phone on the right page still gets its token, once.
      expect((await exchange(test.backend, minted.code, BASE)).status).toBe(200);
      expect(await errorCode(await exchange(test.backend, minted.code, 'https://evil.example'))).toBe('handoff-used');
      await test.backend.close();
      await store.close();
    });

    it('tells the desktop whether its latest code waits, was redeemed, or expired unused', async () => {
      const store = await open();
      const clock = testClock(Date.now());
      const test = await createTestBackend({ store, clock, env: { LIVENESS_HANDOFF_TTL_SECONDS: '60' } });
      const session = await createSession(test.backend);
      expect((await followStatus(test.backend, session.captureToken)).code).toBeNull();
      const stale = await mint(test.backend, session.captureToken);
      expect((await followStatus(test.backend, session.captureToken)).code).toBe('waiting');
      clock.advance(61_000);
      expect((await followStatus(test.backend, session.captureToken)).code).toBe('expired');
      clock.advance(1_000);
      const fresh = await mint(test.backend, session.captureToken);
      expect(fresh.code).not.toBe(stale.code);
      expect((await followStatus(test.backend, session.captureToken)).code).toBe('waiting');
      expect((await exchange(test.backend, fresh.code, BASE)).status).toBe(200);
      const redeemed = await followStatus(test.backend, session.captureToken);
      expect(redeemed).toMatchObject({ sessionId: session.sessionId, code: 'redeemed', check: null });
      // A redeemed code stays redeemed past its expiry: the phone may still be capturing.
      clock.advance(61_000);
      expect((await followStatus(test.backend, session.captureToken)).code).toBe('redeemed');
      await test.backend.close();
      await store.close();
    });

    it('gives one of two simultaneous redemptions the token', async () => {
      const store = await open();
      const test = await createTestBackend({ store });
      const session = await createSession(test.backend);
      const minted = await mint(test.backend, session.captureToken);
      const answers = await Promise.all([1, 2, 3, 4].map(() => exchange(test.backend, minted.code)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 410, 410, 410]);
      await test.backend.close();
      await store.close();
    });
  });
}

contract('memory', () => createMemoryStore());

let fileDir = '';
beforeAll(async () => {
  fileDir = await mkdtemp(join(tmpdir(), 'liveness-handoff-'));
});
afterAll(async () => {
  await rm(fileDir, { recursive: true, force: true });
});
let fileCount = 0;
contract('file', () => createFileStore(join(fileDir, `store-${++fileCount}`)));

describe('the file store after a restart', () => {
  it('still knows a used code as used', async () => {
    const dir = join(fileDir, 'restart');
    let store = await createFileStore(dir);
    let test = await createTestBackend({ store });
    const session = await createSession(test.backend);
    const minted = await mint(test.backend, session.captureToken);
    expect((await exchange(test.backend, minted.code)).status).toBe(200);
    await test.backend.close();
    await store.close();
    store = await createFileStore(dir);
    test = await createTestBackend({ store });
    expect(await errorCode(await exchange(test.backend, minted.code))).toBe('handoff-used');
    await test.backend.close();
    await store.close();
  });
});

describe.skipIf(skipPostgres)('PostgreSQL', () => {
  let postgres: TestPostgres | null = null;
  beforeAll(async () => {
    postgres = await startTestPostgres();
  }, 60_000);
  afterAll(async () => {
    await postgres?.stop();
  });
  contract('postgres', async () => createPostgresStore({ url: await postgres!.freshDatabase(), poolSize: 4 }));
});

describe('the capture page', () => {
  it('is served under the strict policy, or refused for a malformed code', async () => {
    const test = await createTestBackend();
    const bad = await test.backend.fetch(new Request(`${BASE}/handoff/not-a-code`));
    expect(bad.status).toBe(404);
    const session = await createSession(test.backend);
    const minted = await mint(test.backend, session.captureToken);
    const page = await test.backend.fetch(new Request(minted.url));
    // Without a build (dist/cdn) the page cannot be served; with one, it carries the strict policy.
    if (page.status === 200) {
      expect(page.headers.get('content-security-policy')).toBe(HANDOFF_PAGE_CSP);
      const html = await page.text();
      expect(html).toContain(`handoff-code="${minted.code}"`);
      expect(html).not.toMatch(/https?:\/\/(?!backend\.test)/);
    } else expect(page.status).toBe(404);
    await test.backend.close();
  });
});

describe('LIVENESS_HANDOFF_URL', () => {
  it('points the link at the integrator’s page, whose origin the phone’s token is bound to', async () => {
    const test = await createTestBackend({
      env: { LIVENESS_HANDOFF_URL: 'https://shop.example/verify/phone?code={code}&api={endpoint}' },
    });
    const session = await createSession(test.backend);
    const minted = await mint(test.backend, session.captureToken);
    expect(minted.url).toBe(`https://shop.example/verify/phone?code=${minted.code}&api=${encodeURIComponent(BASE)}`);
    expect(await errorCode(await exchange(test.backend, minted.code, BASE))).toBe('origin-not-allowed');
    const fresh = await mint(test.backend, session.captureToken);
    expect((await exchange(test.backend, fresh.code, 'https://shop.example')).status).toBe(200);
    await test.backend.close();
  });

  it('accepts a TTL of seconds outside production only', () => {
    expect(testConfig({ LIVENESS_HANDOFF_TTL_SECONDS: '2' }).handoff?.ttlSeconds).toBe(2);
    expect(() =>
      testConfig({ LIVENESS_HANDOFF_TTL_SECONDS: '2', NODE_ENV: 'production', LIVENESS_SANDBOX: 'true' }),
    ).toThrow(/LIVENESS_HANDOFF_TTL_SECONDS must be at least 30/);
  });

  it('must contain {code}', () => {
    expect(() => testConfig({ LIVENESS_HANDOFF_URL: 'https://shop.example/verify/phone' })).toThrow(
      /LIVENESS_HANDOFF_URL/,
    );
  });
});
