/** Data lifecycle: whole sessions are deleted LIVENESS_SESSION_RETENTION_SECONDS after their last activity. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import { createFileStore } from '../../src/server/store/file.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import type { Store } from '../../src/server/store/types.js';
import {
  START_TIME,
  apiRequest,
  createSession,
  fakeAdapter,
  gated,
  testClock,
  testConfig,
  tokenId,
  uploadRequest,
} from './support/backend.js';

const DAY = 24 * 3600;
const opened: Array<{ close(): Promise<void> }> = [];
const dirs: string[] = [];
afterEach(async () => {
  for (const item of opened.splice(0).reverse()) await item.close();
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function backendOn(
  store: Store,
  clock: ReturnType<typeof testClock>,
  env: Record<string, string> = {},
  adapters = [fakeAdapter('oz'), fakeAdapter('kairos')],
) {
  const backend = createLivenessBackend({
    config: testConfig({ LIVENESS_MEDIA_RETENTION_SECONDS: String(7 * DAY), ...env }),
    adapters,
    store,
    clock: clock.now,
  });
  opened.push(backend);
  return backend;
}

async function uploaded(backend: LivenessBackend) {
  const session = await createSession(backend, { ttlSeconds: 600 });
  const response = await backend.fetch(uploadRequest(session.captureToken));
  expect(response.status).toBe(202);
  const { checkId } = (await response.json()) as { checkId: string };
  return { ...session, checkId };
}

const status = async (backend: LivenessBackend, sessionId: string) =>
  (await backend.fetch(apiRequest(`/sessions/${sessionId}/result`))).status;

describe('session retention', () => {
  it('defaults to 30 days', () => {
    expect(testConfig().sessionRetentionSeconds).toBe(30 * DAY);
  });

  it('deletes a session with its check, result, media and token use once retention has passed since a late verdict', async () => {
    const store = await createMemoryStore();
    const clock = testClock();
    const ozGate = gated('oz');
    const backend = backendOn(store, clock, {}, [fakeAdapter('oz', ozGate.behaviour), fakeAdapter('kairos')]);
    const { sessionId, checkId, captureToken } = await uploaded(backend);
    // The verdict comes after the token expired (10 min), so it is the session's last activity.
    clock.advance(20 * 60_000);
    ozGate.release();
    await backend.processor.whenIdle();
    const completedAt = (await store.getCheck(checkId))!.completedAt!;
    expect(completedAt).toBe(START_TIME + 20 * 60_000);
    expect(store.mediaCount()).toBe(1);

    const retention = { sessionRetentionSeconds: 30 * DAY };
    expect(await store.prune(completedAt + 30 * DAY * 1000 - 1, retention)).toMatchObject({ sessions: 0 });
    expect(await status(backend, sessionId)).toBe(200);
    expect(await store.prune(completedAt + 30 * DAY * 1000, retention)).toMatchObject({ sessions: 1 });

    expect(await status(backend, sessionId)).toBe(404);
    expect(await store.getSession(sessionId)).toBeNull();
    expect(await store.getCheck(checkId)).toBeNull();
    expect(await store.getTokenUse(tokenId(captureToken))).toBeNull();
    expect(store.mediaCount()).toBe(0);
  });

  it('counts a session without an upload from its token expiry', async () => {
    const store = await createMemoryStore();
    const backend = backendOn(store, testClock());
    const { sessionId, expiresAt } = await createSession(backend, { ttlSeconds: 600 });
    const expiry = Date.parse(expiresAt);
    expect(expiry).toBe(START_TIME + 600_000);
    expect(await store.prune(expiry + 59_999, { sessionRetentionSeconds: 60 })).toMatchObject({ sessions: 0 });
    expect(await store.prune(expiry + 60_000, { sessionRetentionSeconds: 60 })).toMatchObject({ sessions: 1 });
    expect(await status(backend, sessionId)).toBe(404);
  });

  it('never deletes a session whose check is still processing', async () => {
    const store = await createMemoryStore();
    const ozGate = gated('oz');
    const backend = backendOn(store, testClock(), {}, [fakeAdapter('oz', ozGate.behaviour), fakeAdapter('kairos')]);
    const { sessionId, checkId } = await uploaded(backend);
    expect(await store.prune(START_TIME + 365 * DAY * 1000, { sessionRetentionSeconds: 60 })).toMatchObject({
      sessions: 0,
    });
    expect((await store.getCheck(checkId))?.status).toBe('processing');
    ozGate.release();
    await backend.processor.whenIdle();
    expect(await status(backend, sessionId)).toBe(200);
  });

  it('is swept by the backend on its own schedule', async () => {
    const store = await createMemoryStore();
    const clock = testClock();
    const backend = createLivenessBackend({
      config: testConfig({ LIVENESS_SESSION_RETENTION_SECONDS: '60' }),
      adapters: [fakeAdapter('oz'), fakeAdapter('kairos')],
      store,
      clock: clock.now,
      sweepIntervalMs: 5,
    });
    opened.push(backend);
    const { sessionId, captureToken, checkId } = await uploaded(backend);
    await backend.processor.whenIdle();
    clock.advance(600_000 + 60_000);
    await until(async () => (await store.getSession(sessionId)) === null);
    expect(await status(backend, sessionId)).toBe(404);
    expect(await store.getCheck(checkId)).toBeNull();
    expect(await store.getTokenUse(tokenId(captureToken))).toBeNull();
  });

  it('stays deleted across a restart of the file store, media files included', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'liveness-retention-'));
    dirs.push(dir);
    const clock = testClock();
    const first = await createFileStore(dir);
    const backend = backendOn(first, clock);
    const swept = await uploaded(backend);
    await backend.processor.whenIdle();
    clock.advance(2 * 3_600_000);
    const kept = await uploaded(backend);
    await backend.processor.whenIdle();
    // swept: last activity at its token expiry, 10 min after the start, so past an hour's retention; kept: not.
    expect(await first.prune(clock.now(), { sessionRetentionSeconds: 3_600 })).toMatchObject({ sessions: 1 });
    await backend.close();
    await first.close();
    opened.length = 0;

    const second = await createFileStore(dir);
    opened.push(second);
    expect(await second.getSession(swept.sessionId)).toBeNull();
    expect(await second.getCheck(swept.checkId)).toBeNull();
    expect(await second.getSession(kept.sessionId)).not.toBeNull();
    expect(await readdir(join(dir, 'media'))).toEqual([kept.checkId]);
  });
});

async function until(condition: () => Promise<boolean>, attempts = 400): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}
