/**
 * The backend's fetch handler mounted inside an existing app, the three ways docs/integration.md shows: Express
 * (`app.use('/liveness', …)`), Fastify (an encapsulated plugin that leaves the body unparsed) and a plain
 * node:http server, each through @hono/node-server's getRequestListener. Over real HTTP, each must carry the
 * whole flow (create a session, upload a real JPEG shotset, poll, read a final verdict from both sandboxed
 * providers), answer the widget's CORS preflight, and leave the host app's own routes (and body parsers) working.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFile } from 'node:fs/promises';
import { getRequestListener } from '@hono/node-server';
import express from 'express';
import Fastify, { type FastifyInstance } from 'fastify';
import { zipSync } from 'fflate';
import { encode as encodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createLivenessBackend,
  createMemoryStore,
  createProviderAdapters,
  loadConfig,
  silentLogger,
  type LivenessBackend,
} from '../../src/server/index.js';
import { startKairosEmulator } from '../../src/sandbox/kairos-emulator.js';
import { startOzEmulator } from '../../src/sandbox/oz-emulator.js';
import type { CaptureReport } from '../../src/shared/media.js';

const API_KEY = 'mounting-test-api-key-0123456789';
const PAGE_ORIGIN = 'https://shop.example';
const MOUNT = '/liveness';

type Emulators = {
  oz: Awaited<ReturnType<typeof startOzEmulator>>;
  kairos: Awaited<ReturnType<typeof startKairosEmulator>>;
};

/** The backend as an integrator builds it for mounting; only the sandbox endpoints are test-specific. */
async function createBackend(emulators: Emulators, basePath: string): Promise<LivenessBackend> {
  const config = loadConfig({
    LIVENESS_API_KEY: API_KEY,
    LIVENESS_TOKEN_SECRET: 'mounting-test-token-secret-0123456789-abcdef',
    LIVENESS_ALLOWED_ORIGINS: PAGE_ORIGIN,
    LIVENESS_PROVIDERS: 'oz,kairos',
  });
  const adapters = createProviderAdapters(config, {
    logger: silentLogger,
    sandbox: {
      oz: { url: emulators.oz.url, credentials: emulators.oz.credentials },
      kairos: { url: emulators.kairos.url, credentials: emulators.kairos.credentials },
    },
  });
  return createLivenessBackend({ config, adapters, store: await createMemoryStore(), basePath });
}

// ---------------------------------------------------------------------------------------------------------------
// The three host apps. Each has a JSON route of its own next to the mounted backend.

function expressApp(backend: LivenessBackend): express.Express {
  const app = express();
  // The host's JSON parsing stays on the host's routes: a body parser in front of the backend would consume the
  // upload before the backend reads it.
  app.post('/api/echo', express.json(), (req, res) => {
    res.json({ echoed: req.body as unknown });
  });
  // Express strips the mount path from req.url, so this backend has no basePath.
  app.use(
    MOUNT,
    getRequestListener((request, env) => backend.fetch(request, env)),
  );
  return app;
}

async function fastifyApp(backend: LivenessBackend): Promise<FastifyInstance> {
  const app = Fastify();
  app.post('/api/echo', async (request) => ({ echoed: request.body }));
  const listener = getRequestListener((request, env) => backend.fetch(request, env));
  await app.register(
    async (scope) => {
      // Inside this plugin only: leave every body unread for the backend, which enforces its own limits.
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
      scope.all('/*', async (request, reply) => {
        reply.hijack();
        await listener(request.raw, reply.raw);
      });
    },
    { prefix: MOUNT },
  );
  return app;
}

function nodeHttpServer(backend: LivenessBackend): Server {
  const liveness = getRequestListener((request, env) => backend.fetch(request, env));
  const host = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/api/echo') {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ echoed: JSON.parse(body) as unknown }));
      });
      return;
    }
    res.statusCode = 404;
    res.end();
  };
  return createServer((req, res) => {
    if (req.url === MOUNT || req.url?.startsWith(`${MOUNT}/`)) void liveness(req, res);
    else host(req, res);
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The flow, over HTTP.

async function realShotset(): Promise<{ zip: Uint8Array; width: number; height: number }> {
  const png = PNG.sync.read(await readFile(new URL('../fixtures/astronaut.png', import.meta.url)));
  const jpeg = new Uint8Array(encodeJpeg({ data: png.data, width: png.width, height: png.height }, 90).data);
  return { zip: zipSync({ 'frame_000.jpg': [jpeg, { level: 0 }] }), width: png.width, height: png.height };
}

function captureReport(width: number, height: number): CaptureReport {
  return {
    version: 1,
    mode: 'shotset',
    tags: ['video_selfie', 'video_selfie_blank', 'orientation_portrait'],
    automatic: true,
    frame: { width, height },
    face: { x: 177, y: 77, width: 100, height: 100 },
    metrics: { faceCount: 1 },
    elapsedMs: 2100,
    frameCount: 1,
    capturedAt: new Date().toISOString(),
  };
}

async function runCheck(base: string): Promise<{ sessionId: string; result: Record<string, unknown> }> {
  const asIntegrator = { authorization: `Bearer ${API_KEY}`, 'content-type': 'application/json' };
  const created = await fetch(`${base}${MOUNT}/sessions`, {
    method: 'POST',
    headers: asIntegrator,
    body: JSON.stringify({ reference: 'mounting' }),
  });
  expect(created.status).toBe(201);
  const { sessionId, captureToken } = (await created.json()) as { sessionId: string; captureToken: string };

  // What the widget does from the page: a preflight, the upload, then polling.
  const preflight = await fetch(`${base}${MOUNT}/checks`, {
    method: 'OPTIONS',
    headers: {
      origin: PAGE_ORIGIN,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);

  const shotset = await realShotset();
  const form = new FormData();
  form.set('media', new Blob([shotset.zip], { type: 'application/zip' }), 'selfie.zip');
  form.set('report', JSON.stringify(captureReport(shotset.width, shotset.height)));
  const asWidget = { authorization: `Bearer ${captureToken}`, origin: PAGE_ORIGIN };
  const uploaded = await fetch(`${base}${MOUNT}/checks`, { method: 'POST', headers: asWidget, body: form });
  expect(uploaded.status, await uploaded.clone().text()).toBe(202);
  expect(uploaded.headers.get('access-control-allow-origin')).toBe(PAGE_ORIGIN);
  const { checkId } = (await uploaded.json()) as { checkId: string };

  let status = 'processing';
  for (let attempt = 0; attempt < 150 && status === 'processing'; attempt += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const polled = await fetch(`${base}${MOUNT}/checks/${checkId}`, { headers: asWidget });
    expect(polled.status).toBe(200);
    status = ((await polled.json()) as { status: string }).status;
  }
  expect(status).toBe('done');

  const result = await fetch(`${base}${MOUNT}/sessions/${sessionId}/result`, { headers: asIntegrator });
  expect(result.status).toBe(200);
  return { sessionId, result: (await result.json()) as Record<string, unknown> };
}

async function expectHostRouteWorks(base: string): Promise<void> {
  const response = await fetch(`${base}/api/echo`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"order":42}',
  });
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ echoed: { order: 42 } });
}

function expectLiveVerdict(sessionId: string, result: Record<string, unknown>): void {
  expect(result).toMatchObject({ sessionId, reference: 'mounting', status: 'done', decision: 'live' });
  const providers = result['providers'] as Array<{
    provider: string;
    sandbox: boolean;
    status: string;
    decision: string;
  }>;
  expect(providers.map((p) => [p.provider, p.sandbox, p.status, p.decision])).toEqual([
    ['oz', true, 'done', 'live'],
    ['kairos', true, 'done', 'live'],
  ]);
  expect((result['check'] as { mediaKind: string }).mediaKind).toBe('shotset');
}

// ---------------------------------------------------------------------------------------------------------------

describe('mounting the backend in an existing server', () => {
  let emulators: Emulators;
  const cleanup: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    const oz = await startOzEmulator({ analysisMs: 20, autoFinishMs: 50 });
    const kairos = await startKairosEmulator();
    emulators = { oz, kairos };
    cleanup.push(
      () => oz.close(),
      () => kairos.close(),
    );
  });

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step();
  });

  it('Express: app.use(path, getRequestListener(backend.fetch))', async () => {
    const backend = await createBackend(emulators, '/');
    const server = createServer(expressApp(backend));
    const base = await listen(server);
    cleanup.push(
      () => close(server),
      () => backend.close(),
    );
    const { sessionId, result } = await runCheck(base);
    expectLiveVerdict(sessionId, result);
    await expectHostRouteWorks(base);
  });

  it('Fastify: a plugin under a prefix that hands the raw request to the backend', async () => {
    const backend = await createBackend(emulators, MOUNT);
    const app = await fastifyApp(backend);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    cleanup.push(
      () => app.close(),
      () => backend.close(),
    );
    const { sessionId, result } = await runCheck(base);
    expectLiveVerdict(sessionId, result);
    await expectHostRouteWorks(base);
  });

  it('node:http: the request listener for the mount path, the host app for the rest', async () => {
    const backend = await createBackend(emulators, MOUNT);
    const server = nodeHttpServer(backend);
    const base = await listen(server);
    cleanup.push(
      () => close(server),
      () => backend.close(),
    );
    const { sessionId, result } = await runCheck(base);
    expectLiveVerdict(sessionId, result);
    await expectHostRouteWorks(base);
  });
});
