/** startLivenessBackend: sandbox emulators, file store, real HTTP listener, restart with the same data dir. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startLivenessBackend, type RunningLivenessBackend } from '../../src/server/node.js';

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
    const created = await fetch(`${first.url}/sessions`, { method: 'POST', headers: { authorization: `Bearer ${first.apiKey}` } });
    const { sessionId, captureToken } = (await created.json()) as { sessionId: string; captureToken: string };
    await first.close();
    running.length = 0;

    const second = await start();
    const status = await fetch(`${second.url}/checks/${crypto.randomUUID()}`, { headers: { authorization: `Bearer ${captureToken}` } });
    expect(status.status).toBe(404);
    const result = await fetch(`${second.url}/sessions/${sessionId}/result`, { headers: { authorization: `Bearer ${second.apiKey}` } });
    expect(await result.json()).toMatchObject({ sessionId, status: 'pending' });
  });
});
