/**
 * Runs the backend in Node: configuration from the environment, sandbox emulators for providers without an API
 * URL, the file store in LIVENESS_DATA_DIR (one process per data dir), pending checks resumed, HTTP via
 * @hono/node-server.
 *
 * CLI: `tsx src/server/node.ts` (honours PORT and HOST).
 */
import { pathToFileURL } from 'node:url';
import { serve } from '../node/serve.js';
import { createLivenessBackend, type LivenessBackend, type LivenessBackendOptions } from './app.js';
import { isSandboxed, loadConfig, type BackendConfig } from './config.js';
import { createJsonLogger, silentLogger, type Logger } from './log.js';
import { createProviderAdapters, type SandboxEndpoints } from './providers/registry.js';
import { startKairosEmulator } from './sandbox/kairos-emulator.js';
import { startOzEmulator } from './sandbox/oz-emulator.js';
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

/** Emulator timings: quick, but still several PROCESSING polls so the adapters' polling really runs. */
const EMULATOR_OPTIONS = {
  oz: { processingPolls: 2, autoFinishMs: 100 },
  kairos: { slowResponseMs: 1500 },
} as const;

export async function startLivenessBackend(options: StartLivenessBackendOptions = {}): Promise<RunningLivenessBackend> {
  const config = loadConfig(options.env ?? process.env);
  const logger: Logger = options.log === false ? silentLogger : createJsonLogger((line) => process.stderr.write(`${line}\n`));
  const cleanup: Array<() => Promise<void>> = [];
  const closeAll = async (): Promise<void> => {
    for (const step of cleanup.splice(0).reverse()) await step();
  };

  try {
    const endpoints: SandboxEndpoints = {};
    const sandbox: RunningLivenessBackend['sandbox'] = {};
    if (config.providers.includes('oz') && isSandboxed(config, 'oz')) {
      const emulator = await startOzEmulator({ apiVersion: config.oz.apiVersion, ...EMULATOR_OPTIONS.oz });
      cleanup.push(() => emulator.close());
      endpoints.oz = { url: emulator.url, credentials: emulator.credentials };
      sandbox.oz = emulator.url;
    }
    if (config.providers.includes('kairos') && isSandboxed(config, 'kairos')) {
      const emulator = await startKairosEmulator(EMULATOR_OPTIONS.kairos);
      cleanup.push(() => emulator.close());
      endpoints.kairos = { url: emulator.url, credentials: emulator.credentials };
      sandbox.kairos = emulator.url;
    }

    const adapters = createProviderAdapters(config, { sandbox: endpoints, logger });
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
    const server = await serve((request, env) => backend.fetch(request, env), { port: options.port ?? config.port, hostname: host });
    cleanup.push(() => server.close());
    const url = `${server.url}${options.basePath ?? ''}`;
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
