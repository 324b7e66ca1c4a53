/**
 * `npm start`: the whole product on one port. The backend (with sandbox emulators for every provider that has
 * no URL configured) is mounted at /api, /demo-api plays the integrator's server side (it alone holds the API
 * key), and Vite serves the demo page and the widget's source.
 */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { createServer as createViteServer } from 'vite';
import { startLivenessBackend } from '../src/server/index.js';
import { serveStatic } from './examples/static-files.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const host = process.env.HOST ?? 'localhost';
const API_BASE = '/api';

const backend = await startLivenessBackend({ port: 0, host: '127.0.0.1', basePath: API_BASE });
const callBackend = (path: string, init: RequestInit = {}) =>
  backend.backend.fetch(
    new Request(`http://demo.internal${API_BASE}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${backend.apiKey}`, 'content-type': 'application/json', ...init.headers },
    }),
  );

/** The integrator's server side: creates sessions and reads verdicts with the API key. */
const integrator = new Hono()
  .get('/demo-api/config', async (c) => {
    const health = (await (await callBackend('/health')).json()) as {
      providers: Array<{ name: string; sandbox: boolean }>;
    };
    return c.json({ endpoint: API_BASE, providers: health.providers });
  })
  .post('/demo-api/session', async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { scenario?: string };
    const sandboxScenario = body.scenario
      ? Object.fromEntries(Object.entries(backend.sandbox).map(([name]) => [name, body.scenario]))
      : undefined;
    const response = await callBackend('/sessions', {
      method: 'POST',
      body: JSON.stringify({ reference: `demo-${Date.now()}`, ...(sandboxScenario ? { sandboxScenario } : {}) }),
    });
    return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
  })
  .get('/demo-api/result/:id', async (c) => {
    const response = await callBackend(`/sessions/${encodeURIComponent(c.req.param('id'))}/result`);
    return new Response(response.body, { status: response.status, headers: { 'content-type': 'application/json' } });
  });

const ASSETS_MOUNT = '/src/assets/';

/**
 * The widget's WASM and model, served as files (never through Vite's module transform), brotli or gzip encoded as
 * the browser accepts: the WASM is most of the bytes of a first visit.
 */
async function serveAsset(request: Request): Promise<Response> {
  const { pathname } = new URL(request.url);
  return (
    (await serveStatic(ASSETS_MOUNT, join(root, 'src', 'assets'), pathname, request.headers.get('accept-encoding'))) ??
    new Response('not found', { status: 404 })
  );
}

const vite = await createViteServer({
  root,
  configFile: join(root, 'vite.config.ts'),
  server: { middlewareMode: true, hmr: { port: port + 1 } },
  appType: 'mpa',
});
// Pass the connection info through: the backend rate-limits per client address.
const apiListener = getRequestListener((request, env) => backend.backend.fetch(request, env));
const integratorListener = getRequestListener((request) => integrator.fetch(request));
const assetListener = getRequestListener((request) => serveAsset(request));

const server = createServer((req, res) => {
  const url = req.url ?? '/';
  if (url === '/' || url === '/index.html') {
    res.writeHead(302, { location: '/demo/' }).end();
  } else if (url.startsWith(`${API_BASE}/`)) {
    void apiListener(req, res);
  } else if (url.startsWith('/demo-api/')) {
    void integratorListener(req, res);
  } else if (url.startsWith(ASSETS_MOUNT)) {
    void assetListener(req, res);
  } else {
    vite.middlewares(req, res);
  }
});

server.listen(port, host, () => {
  const sandboxed = Object.entries(backend.sandbox)
    .map(([name, url]) => `${name} → ${url}`)
    .join(', ');
  console.log(`\n  <liveness-check> demo: http://${host}:${port}/demo/`);
  console.log(
    `  backend API:           http://${host}:${port}${API_BASE} (API key: ${backend.apiKey === process.env.LIVENESS_API_KEY ? 'from LIVENESS_API_KEY' : backend.apiKey})`,
  );
  console.log(`  sandbox emulators:     ${sandboxed || 'none (real providers configured)'}\n`);
});

async function shutdown(): Promise<void> {
  server.close();
  await vite.close();
  await backend.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
