/** The check processor with fake adapters: status transitions, persisted results, policies, resume. */
import { afterEach, describe, expect, it } from 'vitest';
import { createLivenessBackend, type LivenessBackend } from '../../src/server/app.js';
import type { ProviderAdapter } from '../../src/server/providers/types.js';
import { createMemoryStore } from '../../src/server/store/memory.js';
import type { Store } from '../../src/server/store/types.js';
import {
  apiRequest,
  createSession,
  createTestBackend,
  fails,
  fakeAdapter,
  answers,
  gated,
  outcome,
  statusRequest,
  testClock,
  testConfig,
  uploadRequest,
  type TestBackend,
} from './support/backend.js';

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  for (const item of opened.splice(0)) await item.close();
});

async function setup(options: Parameters<typeof createTestBackend>[0]): Promise<TestBackend> {
  const test = await createTestBackend(options);
  opened.push(test.backend);
  return test;
}

async function upload(backend: LivenessBackend, sessionBody: Record<string, unknown> = {}) {
  const session = await createSession(backend, sessionBody);
  const response = await backend.fetch(uploadRequest(session.captureToken));
  expect(response.status).toBe(202);
  const { checkId } = (await response.json()) as { checkId: string };
  return { ...session, checkId };
}

async function result(backend: LivenessBackend, sessionId: string) {
  return (await (await backend.fetch(apiRequest(`/sessions/${sessionId}/result`))).json()) as Record<
    string,
    unknown
  > & {
    providers: Array<Record<string, unknown>>;
  };
}

describe('status transitions', () => {
  it('goes pending → processing → done, persisting each provider and the verdict', async () => {
    const ozGate = gated('oz');
    const { backend, store } = await setup({
      adapters: [fakeAdapter('oz', ozGate.behaviour), fakeAdapter('kairos', answers('kairos', 'live'))],
    });
    const session = await createSession(backend, { reference: 'ref-1' });
    expect(await result(backend, session.sessionId)).toMatchObject({ status: 'pending', decision: null, check: null });

    const response = await backend.fetch(uploadRequest(session.captureToken));
    const { checkId, status } = (await response.json()) as { checkId: string; status: string };
    expect(status).toBe('processing');
    await until(async () => (await store.getCheck(checkId))?.providers.length === 1);
    const midway = await result(backend, session.sessionId);
    expect(midway).toMatchObject({ status: 'processing', decision: null });
    expect(midway.providers).toEqual([
      expect.objectContaining({ provider: 'kairos', status: 'done', decision: 'live' }),
    ]);
    expect(await (await backend.fetch(statusRequest(session.captureToken, checkId))).json()).toMatchObject({
      status: 'processing',
    });

    ozGate.release();
    await backend.processor.whenIdle();
    const final = await result(backend, session.sessionId);
    expect(final).toMatchObject({
      sessionId: session.sessionId,
      reference: 'ref-1',
      status: 'done',
      decision: 'live',
      reason: 'all: live from oz, kairos',
      policy: 'all',
      check: { checkId, mediaKind: 'image', contentType: 'image/jpeg', mediaRetained: false },
    });
    expect(final.providers.map((provider) => provider['provider'])).toEqual(['oz', 'kairos']);
    expect(final.providers[0]).toMatchObject({
      sandbox: true,
      score: 0.9,
      raw: { name: 'confidence_spoofing' },
      ids: { request: 'oz-request' },
    });
    expect(final.completedAt).toEqual(expect.any(String));
    expect(await (await backend.fetch(statusRequest(session.captureToken, checkId))).json()).toEqual({
      checkId,
      sessionId: session.sessionId,
      status: 'done',
    });
  });

  it('ends failed/inconclusive under "all" when a provider errors, keeping the error', async () => {
    const { backend } = await setup({
      adapters: [fakeAdapter('oz', fails('oz', 'provider-unavailable')), fakeAdapter('kairos')],
    });
    const { sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    const final = await result(backend, sessionId);
    expect(final).toMatchObject({ status: 'failed', decision: 'inconclusive' });
    expect(final.providers[0]).toMatchObject({
      provider: 'oz',
      status: 'error',
      decision: null,
      error: { code: 'provider-unavailable', message: 'simulated provider-unavailable' },
    });
  });

  it('records an unexpected adapter crash as provider-failed and logs it', async () => {
    const crashing: ProviderAdapter = {
      name: 'oz',
      sandbox: true,
      verify: async () => Promise.reject(new TypeError('boom')),
    };
    const { backend, logger } = await setup({ adapters: [crashing, fakeAdapter('kairos')] });
    const { sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    expect((await result(backend, sessionId)).providers[0]).toMatchObject({ error: { code: 'provider-failed' } });
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'error', event: 'provider-crashed' }));
  });
});

describe('policies', () => {
  it('fallback asks providers in order and moves on only when one is unavailable', async () => {
    const oz = fakeAdapter('oz', fails('oz', 'provider-timeout'));
    const kairos = fakeAdapter('kairos', answers('kairos', 'spoof'));
    const { backend } = await setup({ env: { LIVENESS_POLICY: 'fallback' }, adapters: [oz, kairos] });
    const { sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    expect(await result(backend, sessionId)).toMatchObject({ status: 'done', decision: 'spoof', policy: 'fallback' });
    expect(oz.calls).toHaveLength(1);
    expect(kairos.calls).toHaveLength(1);
  });

  it('fallback stops at the first answer', async () => {
    const oz = fakeAdapter('oz', answers('oz', 'live'));
    const kairos = fakeAdapter('kairos');
    const { backend } = await setup({ env: { LIVENESS_POLICY: 'fallback' }, adapters: [oz, kairos] });
    const { sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    expect(await result(backend, sessionId)).toMatchObject({ decision: 'live' });
    expect(kairos.calls).toHaveLength(0);
  });

  it('any runs providers concurrently and is live on one live answer', async () => {
    const ozGate = gated('oz', 'spoof');
    const kairos = fakeAdapter('kairos', answers('kairos', 'live'));
    const { backend } = await setup({
      env: { LIVENESS_POLICY: 'any' },
      adapters: [fakeAdapter('oz', ozGate.behaviour), kairos],
    });
    const { sessionId } = await upload(backend);
    await until(async () => kairos.calls.length === 1);
    ozGate.release();
    await backend.processor.whenIdle();
    expect(await result(backend, sessionId)).toMatchObject({ decision: 'live', policy: 'any' });
  });
});

describe('provider context', () => {
  it('passes the session scenario to sandbox adapters only', async () => {
    const oz = fakeAdapter('oz', answers('oz', 'live'), true);
    const kairos = fakeAdapter('kairos', answers('kairos', 'live'), true);
    const { backend } = await setup({ adapters: [oz, kairos] });
    await upload(backend, { sandboxScenario: { oz: 'spoof,slow:3' } });
    await backend.processor.whenIdle();
    expect(oz.calls[0]!.ctx.sandboxScenario).toBe('spoof,slow:3');
    expect(kairos.calls[0]!.ctx.sandboxScenario).toBeUndefined();
  });

  it('aborts a provider that outlives the processor timeout and records provider-timeout', async () => {
    const hanging = gated('oz');
    const store = await createMemoryStore();
    const backend = createLivenessBackend({
      config: testConfig(),
      adapters: [fakeAdapter('oz', hanging.behaviour), fakeAdapter('kairos')],
      store,
      providerTimeoutMs: 30,
    });
    opened.push(backend);
    const { sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    expect((await result(backend, sessionId)).providers[0]).toMatchObject({
      provider: 'oz',
      error: { code: 'provider-timeout' },
    });
  });
});

describe('media retention', () => {
  it('deletes raw media once the verdict is stored when retention is 0', async () => {
    const { backend, store } = await setup({});
    const { checkId } = await upload(backend);
    await backend.processor.whenIdle();
    expect(await store.getMedia(checkId)).toBeNull();
    expect(store.mediaCount()).toBe(0);
  });

  it('keeps media for the retention period, then prune() deletes it', async () => {
    const clock = testClock();
    const { backend, store } = await setup({ env: { LIVENESS_MEDIA_RETENTION_SECONDS: '60' }, clock });
    const { checkId, sessionId } = await upload(backend);
    await backend.processor.whenIdle();
    expect(await store.getMedia(checkId)).not.toBeNull();
    expect(await store.prune(clock.now() + 59_000)).toMatchObject({ media: 0 });
    expect(await store.prune(clock.now() + 60_000)).toMatchObject({ media: 1 });
    expect(store.mediaCount()).toBe(0);
    expect((await result(backend, sessionId)).check).toMatchObject({ mediaRetained: false });
  });
});

describe('DELETE /sessions/:id', () => {
  it('removes the session, its check, media and result', async () => {
    const { backend, store } = await setup({ env: { LIVENESS_MEDIA_RETENTION_SECONDS: '3600' } });
    const { sessionId, checkId, captureToken } = await upload(backend);
    await backend.processor.whenIdle();
    expect(store.mediaCount()).toBe(1);
    const deleted = await backend.fetch(apiRequest(`/sessions/${sessionId}`, { method: 'DELETE' }));
    expect(deleted.status).toBe(204);
    expect(store.mediaCount()).toBe(0);
    expect(await store.getCheck(checkId)).toBeNull();
    expect((await backend.fetch(apiRequest(`/sessions/${sessionId}/result`))).status).toBe(404);
    expect((await backend.fetch(statusRequest(captureToken, checkId))).status).toBe(404);
    expect((await backend.fetch(apiRequest(`/sessions/${sessionId}`, { method: 'DELETE' }))).status).toBe(404);
  });

  it('stops a check still processing', async () => {
    const ozGate = gated('oz');
    const { backend, store } = await setup({ adapters: [fakeAdapter('oz', ozGate.behaviour), fakeAdapter('kairos')] });
    const { sessionId, checkId } = await upload(backend);
    await until(async () => (await store.getCheck(checkId))?.providers.length === 1);
    expect(backend.processor.isRunning(checkId)).toBe(true);
    await backend.fetch(apiRequest(`/sessions/${sessionId}`, { method: 'DELETE' }));
    await backend.processor.whenIdle();
    expect(await store.getCheck(checkId)).toBeNull();
  });
});

describe('resumePending', () => {
  it('re-runs a check left processing, skipping answered providers and handing over checkpoints', async () => {
    const store: Store = await createMemoryStore();
    const config = testConfig();

    // First run: kairos answers, oz saves a checkpoint and then hangs until the backend closes.
    const first = createLivenessBackend({
      config,
      store,
      adapters: [
        fakeAdapter('oz', async (_media, ctx) => {
          await ctx.saveCheckpoint({ folderId: 'folder-1', analysisId: 'analysis-1' });
          return new Promise((_resolve, reject) =>
            ctx.signal.addEventListener('abort', () => reject(new Error('aborted'))),
          );
        }),
        fakeAdapter('kairos'),
      ],
    });
    const { checkId, sessionId } = await upload(first);
    await until(async () => {
      const check = await store.getCheck(checkId);
      return check?.providers.length === 1 && check.checkpoints.oz !== undefined;
    });
    await first.close();
    expect((await store.getCheck(checkId))?.status).toBe('processing');

    // Second run, as after a restart.
    const oz = fakeAdapter('oz', async (_media, ctx) =>
      outcome('oz', ctx.checkpoint?.['analysisId'] === 'analysis-1' ? 'live' : 'spoof'),
    );
    const kairos = fakeAdapter('kairos');
    const second = createLivenessBackend({ config, store, adapters: [oz, kairos] });
    opened.push(second);
    expect(await second.processor.resumePending()).toEqual([checkId]);
    await second.processor.whenIdle();

    expect(oz.calls[0]!.ctx.checkpoint).toEqual({ folderId: 'folder-1', analysisId: 'analysis-1' });
    expect(oz.calls[0]!.media.selfieJpeg.length).toBeGreaterThan(0);
    expect(kairos.calls).toHaveLength(0);
    expect(await result(second, sessionId)).toMatchObject({ status: 'done', decision: 'live' });
  });

  it('does nothing when no check is pending', async () => {
    const { backend } = await setup({});
    expect(await backend.processor.resumePending()).toEqual([]);
  });
});

/** Polls a condition; the processor runs on its own schedule, so tests wait for states, not for time. */
async function until(condition: () => Promise<boolean>, attempts = 200): Promise<void> {
  for (let attempt = 0; attempt < attempts; attempt += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('condition not reached');
}
