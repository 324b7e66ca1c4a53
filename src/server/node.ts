/**
 * Runs the backend in Node: configuration from the environment, sandbox emulators for providers without an API
 * URL (never silently in production: see sandbox-start.ts), the file store in LIVENESS_DATA_DIR (one process per data dir), pending checks resumed, HTTP via
 * @hono/node-server.
 *
 * CLI: `tsx src/server/node.ts` (honours PORT and HOST).
 */
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { serve, type ServerType } from '@hono/node-server';
import { createLivenessBackend, type LivenessBackend, type LivenessBackendOptions } from './app.js';
import { loadConfig, type BackendConfig } from './config.js';
import { createJsonLogger, silentLogger, type Logger } from './log.js';
import { createProviderAdapters } from './providers/registry.js';
import { startSandbox } from './sandbox-start.js';
import { createFileStore } from './store/file.js';

export interface StartLivenessBackendOptions {
  /** Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Default: PORT (8787). 0 picks a free port. */
  port?: number;
  /** Default: HOST (127.0.0.1). */
  host?: string;
  basePath?: string;
  /** JSON-lines logs on stderr. Default true. */
  log?: boolean;
  /** Retry timings of the outbound webhook (LIVENESS_WEBHOOK_URL); the defaults retry for about an hour. */
  webhook?: LivenessBackendOptions['webhook'];
}

export interface RunningLivenessBackend {
  /** Where the API answers, including the base path. */
  url: string;
  apiKey: string;
  config: BackendConfig;
  /** Emulator URLs of the sandboxed providers (Kairos without its version path). */
  sandbox: { oz?: string; kairos?: string };
  backend: LivenessBackend;
  close(): Promise<void>;
}

export async function startLivenessBackend(options: StartLivenessBackendOptions = {}): Promise<RunningLivenessBackend> {
  const config = loadConfig(options.env ?? process.env);
  const logger: Logger = options.log === false ? silentLogger : createJsonLogger((line) => process.stderr.write(`${line}\n`));
  const cleanup: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };

  try {
    const emulators = await startSandbox(config, logger);
    cleanup.push(() => emulators.close());
    const sandbox = emulators.urls;

    const adapters = createProviderAdapters(config, { sandbox: emulators.endpoints, logger });
    const store = await createFileStore(config.dataDir);
    cleanup.push(() => store.close());
    const backend = createLivenessBackend({
      config,
      adapters,
      store,
      logger,
      ...(options.basePath ? { basePath: options.basePath } : {}),
      ...(options.webhook ? { webhook: options.webhook } : {}),
    });
    cleanup.push(() => backend.close());
    const resumed = await backend.processor.resumePending();

    const host = options.host ?? config.host;
    const { server, port } = await listen(backend, options.port ?? config.port, host);
    cleanup.push(() => closeServer(server));
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}${options.basePath ?? ''}`;
    logger.info('backend-started', {
      url,
      providers: adapters.map((adapter) => `${adapter.name}${adapter.sandbox ? ' (sandbox)' : ''}`).join(', '),
      policy: config.policy,
      resumed: resumed.length,
    });
    return { url, apiKey: config.apiKey, config, sandbox, backend, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function listen(backend: LivenessBackend, port: number, host: string): Promise<{ server: ServerType; port: number }> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: (request, env) => backend.fetch(request, env), port, hostname: host }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    );
    server.once('error', reject);
  });
}

function closeServer(server: ServerType): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Idle keep-alive sockets would otherwise hold close() open.
    if ('closeAllConnections' in server) server.closeAllConnections();
  });
}

async function main(): Promise<void> {
  const running = await startLivenessBackend();
  process.stdout.write(`liveness backend listening on ${running.url}\n`);
  if (running.config.apiKeySource === 'generated') {
    process.stdout.write(`LIVENESS_API_KEY was not set; this run's API key: ${running.apiKey}\n`);
  }
  for (const [provider, url] of Object.entries(running.sandbox)) {
    process.stdout.write(`${provider}: sandbox emulator at ${url}\n`);
  }
  const stop = (): void => {
    running.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
