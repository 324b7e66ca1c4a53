/**
 * `npm run examples`: builds the examples and serves them with the backend (sandbox providers) on a second port,
 * under the strict Content-Security-Policy of docs/integration.md. Open the printed URL and pick an example.
 *
 *   /html/  /react/  /vue/   the examples
 *   /liveness-check/         a self-hosted copy of the package's dist/cdn (the HTML example's script, every
 *                            example's WASM and model)
 *   /integrator/*            the integrator's server side (demo/examples/integrator.ts)
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { startLivenessBackend } from '../../src/server/index.js';
import { buildExamples } from './build.js';
import { strictCsp } from './csp.js';
import { createIntegratorRoutes } from './integrator.js';
import { serveStatic } from './static-files.js';

const CDN_DIR = fileURLToPath(new URL('../../dist/cdn/', import.meta.url));
const host = process.env.HOST ?? 'localhost';
const port = Number(process.env.PORT ?? 5180);
const pageOrigin = `http://${host}:${port}`;

async function main(): Promise<void> {
  // Before the build: Vite sets NODE_ENV=production in this process, which would make the backend demand real keys.
  const backend = await startLivenessBackend({
    env: { ...process.env, LIVENESS_ALLOWED_ORIGINS: pageOrigin },
    port: 0,
    host: '127.0.0.1',
  });
  const outDir = await mkdtemp(join(tmpdir(), 'liveness-examples-'));
  await buildExamples(outDir);
  const integrator = createIntegratorRoutes({ backendUrl: backend.url, apiKey: backend.apiKey });
  const csp = strictCsp({ backendOrigin: new URL(backend.url).origin });
  serve({
    hostname: host,
    port,
    fetch: async (request) => {
      const { pathname } = new URL(request.url);
      const accept = request.headers.get('accept-encoding');
      const response =
        (await integrator(request)) ??
        (await serveStatic('/liveness-check/', CDN_DIR, pathname, accept)) ??
        (pathname === '/'
          ? new Response(null, { status: 302, headers: { location: '/html/' } })
          : await serveStatic('/', outDir, pathname, accept)) ??
        new Response('not found', { status: 404 });
      response.headers.set('content-security-policy', csp);
      return response;
    },
  });
  process.stdout.write(`examples: ${pageOrigin}/html/  ${pageOrigin}/react/  ${pageOrigin}/vue/\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
