/** startLivenessBackend: sandbox emulators, file store, real HTTP listener, restart with the same data dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/server/config.js';
import { startLivenessBackend, type RunningLivenessBackend } from '../../src/server/node.js';
import type { SessionResult } from '../../src/server/results.js';
import { jpeg, report } from './support/backend.js';

let dataDir: string;
const running: RunningLivenessBackend[] = [];
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'liveness-node-'));
});
afterEach(async () => {
  for (const instance of running.splice(0)) await instance.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function start(basePath?: string): Promise<RunningLivenessBackend> {
  const instance = await startLivenessBackend({
    env: { LIVENESS_DATA_DIR: dataDir, LIVENESS_API_KEY: 'node-entry-test-key-0123', LIVENESS_PROVIDERS: 'kairos' },
    port: 0,
    host: '127.0.0.1',
    log: false,
    ...(basePath ? { basePath } : {}),
  });
  running.push(instance);
  return instance;
}

describe('startLivenessBackend', () => {
  it('listens on a free port with the sandboxed provider and a base path', async () => {
    const instance = await start('/api');
    expect(instance.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect(instance.sandbox.kairos).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(instance.sandbox.oz).toBeUndefined();
    const health = await fetch(`${instance.url}/health`);
    expect(await health.json()).toEqual({
      ok: true,
      providers: [{ name: 'kairos', sandbox: true }],
      store: { kind: 'file', ready: true },
    });
  });

  it('keeps capture tokens valid across a restart on the same data dir', async () => {
    const first = await start();
    const created = await fetch(`${first.url}/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${first.apiKey}` },
    });
    const { sessionId, captureToken } = (await created.json()) as { sessionId: string; captureToken: string };
    await first.close();
    running.length = 0;

    const second = await start();
    const status = await fetch(`${second.url}/checks/${crypto.randomUUID()}`, {
      headers: { authorization: `Bearer ${captureToken}` },
    });
    expect(status.status).toBe(404);
    const result = await fetch(`${second.url}/sessions/${sessionId}/result`, {
      headers: { authorization: `Bearer ${second.apiKey}` },
    });
    expect(await result.json()).toMatchObject({ sessionId, status: 'pending' });
  });

  it('refuses to start in production when a provider would silently run on the sandbox', async () => {
    const env = {
      LIVENESS_DATA_DIR: dataDir,
      LIVENESS_API_KEY: 'node-entry-test-key-0123',
      NODE_ENV: 'production',
      LIVENESS_PROVIDERS: 'oz',
    };
    const failure = await startLivenessBackend({ env, port: 0, host: '127.0.0.1', log: false }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as Error).message).toMatch(
      /OZ_API_URL, OZ_LOGIN, OZ_PASSWORD must be set when NODE_ENV=production/,
    );
  });

  it('runs the sandbox in production only with LIVENESS_SANDBOX=true, and marks /health and every result', async () => {
    const instance = await startLivenessBackend({
      env: {
        LIVENESS_DATA_DIR: dataDir,
        LIVENESS_API_KEY: 'node-entry-test-key-0123',
        NODE_ENV: 'production',
        LIVENESS_SANDBOX: 'true',
        LIVENESS_PROVIDERS: 'kairos',
        LIVENESS_EXPOSE_RESULT: 'true',
      },
      port: 0,
      host: '127.0.0.1',
      log: false,
    });
    running.push(instance);
    expect(await (await fetch(`${instance.url}/health`)).json()).toEqual({
      ok: true,
      providers: [{ name: 'kairos', sandbox: true }],
      store: { kind: 'file', ready: true },
    });

    const auth = { authorization: `Bearer ${instance.apiKey}` };
    const created = await fetch(`${instance.url}/sessions`, { method: 'POST', headers: auth });
    const { sessionId, captureToken } = (await created.json()) as { sessionId: string; captureToken: string };
    const pending = (await (
      await fetch(`${instance.url}/sessions/${sessionId}/result`, { headers: auth })
    ).json()) as SessionResult;
    expect(pending).toMatchObject({ status: 'pending', decision: null, sandbox: true });

    const form = new FormData();
    form.set('media', new Blob([jpeg(480, 640)], { type: 'image/jpeg' }), 'capture.jpg');
    form.set('report', JSON.stringify(report()));
    const uploaded = await fetch(`${instance.url}/checks`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${captureToken}` },
    });
    expect(uploaded.status).toBe(202);
    const { checkId } = (await uploaded.json()) as { checkId: string };
    let result: SessionResult | undefined;
    for (let attempt = 0; attempt < 500 && result?.status !== 'done'; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
      result = (await (
        await fetch(`${instance.url}/sessions/${sessionId}/result`, { headers: auth })
      ).json()) as SessionResult;
    }
    expect(result).toMatchObject({
      status: 'done',
      decision: 'live',
      sandbox: true,
      providers: [{ provider: 'kairos', sandbox: true }],
    });
    const status = await (
      await fetch(`${instance.url}/checks/${checkId}`, { headers: { authorization: `Bearer ${captureToken}` } })
    ).json();
    expect(status).toMatchObject({ status: 'done', result: { decision: 'live', sandbox: true } });
  });
});
