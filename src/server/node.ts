/**
 * Runs the backend in Node: configuration from the environment, sandbox emulators for providers without an API
 * URL (never silently in production: see sandbox-start.ts), the store (PostgreSQL when LIVENESS_DATABASE_URL is
 * set, shared by any number of instances; otherwise the file store in LIVENESS_DATA_DIR, one process per data dir),
 * pending work resumed, HTTP via @hono/node-server.
 *
 * CLI: the `liveness-backend` bin (bin.ts), or `tsx src/server/node.ts` in a checkout (honours PORT and HOST).
 */
import { pathToFileURL } from 'node:url';
import { serve } from '../node/serve.js';
import { createLivenessBackend, type LivenessBackend, type LivenessBackendOptions } from './app.js';
import { loadConfig, type BackendConfig } from './config.js';
import { createJsonLogger, silentLogger, type Logger } from './log.js';
import { flushStderrLines, stderrLineWriter } from './log-sink.js';
import { createProviderAdapters } from './providers/registry.js';
import { startSandbox } from './sandbox-start.js';
import { createFileStore } from './store/file.js';
import { createPostgresStore } from './store/postgres.js';
import type { Store } from './store/types.js';

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
  /** Epoch milliseconds for tokens, sessions and handoff codes; tests move it forward. Default Date.now. */
  clock?: LivenessBackendOptions['clock'];
}

export interface RunningLivenessBackend {
  /** Where the API answers, including the base path. */
  url: string;
  apiKey: string;
  config: BackendConfig;
  /** Emulator URLs of the sandboxed providers (Kairos without its version path). */
  sandbox: { oz?: string; kairos?: string };
  backend: LivenessBackend;
  /**
   * Graceful stop: stops accepting connections, lets requests in flight finish (up to `drainMs`, default 10 s),
   * then stops background work, gives up this instance's work leases and closes the store.
   */
  close(options?: { drainMs?: number }): Promise<void>;
}

const DEFAULT_DRAIN_MS = 10_000;

export async function startLivenessBackend(options: StartLivenessBackendOptions = {}): Promise<RunningLivenessBackend> {
  const config = loadConfig(options.env ?? process.env);
  const logger: Logger = options.log === false ? silentLogger : createJsonLogger(stderrLineWriter());
  const cleanup: Array<() => Promise<void>> = [];
  let drainMs = DEFAULT_DRAIN_MS;
  const closeAll = async (closeOptions: { drainMs?: number } = {}): Promise<void> => {
    drainMs = closeOptions.drainMs ?? DEFAULT_DRAIN_MS;
    for (const step of cleanup.splice(0).reverse()) await step();
  };

  try {
    const emulators = await startSandbox(config, logger);
    cleanup.push(() => emulators.close());
    const sandbox = emulators.urls;

    const adapters = createProviderAdapters(config, { sandbox: emulators.endpoints, logger });
    const store: Store = config.database
      ? await createPostgresStore({
          url: config.database.url,
          poolSize: config.database.poolSize,
          leaseMs: config.workLeaseSeconds * 1000,
          logger,
        })
      : await createFileStore(config.dataDir);
    cleanup.push(() => store.close());
    const header = config.clientAddressHeader;
    const backend = createLivenessBackend({
      config,
      adapters,
      store,
      logger,
      ...(header ? { clientAddress: (request: Request) => lastListEntry(request.headers.get(header)) } : {}),
      ...(options.basePath ? { basePath: options.basePath } : {}),
      ...(options.webhook ? { webhook: options.webhook } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    cleanup.push(() => backend.close());
    // A shared store hands out its pending work by lease (the backend's scheduler claims it); a private one is all ours.
    const resumed = store.cluster ? [] : await backend.processor.resumePending();

    const host = options.host ?? config.host;
    const server = await serve((request, env) => backend.fetch(request, env), {
      port: options.port ?? config.port,
      hostname: host,
    });
    cleanup.push(() => server.close({ drainMs }));
    const url = `${server.url}${options.basePath ?? ''}`;
    logger.info('backend-started', {
      url,
      providers: adapters.map((adapter) => `${adapter.name}${adapter.sandbox ? ' (sandbox)' : ''}`).join(', '),
      policy: config.policy,
      store: store.cluster ? 'postgres' : 'file',
      ...(store.cluster ? { instance: store.cluster.instanceId } : {}),
      resumed: resumed.length,
    });
    return { url, apiKey: config.apiKey, config, sandbox, backend, close: closeAll };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

/** The last entry of a comma-separated header: the one the nearest proxy (yours) added, not what the client sent. */
function lastListEntry(value: string | null): string | undefined {
  const entry = value?.split(',').at(-1)?.trim();
  return entry ? entry : undefined;
}

/**
 * The standalone server (the `liveness-backend` bin): every log line is a JSON object, on stderr; stdout carries
 * JSON lines only for what an operator must see once (a generated API key, the sandbox emulators' URLs). SIGTERM
 * and SIGINT stop it gracefully (see RunningLivenessBackend.close) with exit code 0.
 */
export async function runLivenessBackendCli(): Promise<void> {
  let running: RunningLivenessBackend;
  try {
    running = await startLivenessBackend();
  } catch (error) {
    flushStderrLines();
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'backend-start-failed', error: error instanceof Error ? error.message : String(error) })}\n`,
    );
    process.exit(1);
  }
  const announce = (fields: Record<string, string>): void => {
    process.stdout.write(`${JSON.stringify(fields)}\n`);
  };
  if (running.config.apiKeySource === 'generated') announce({ event: 'api-key-generated', apiKey: running.apiKey });
  for (const [provider, url] of Object.entries(running.sandbox)) announce({ event: 'sandbox-emulator', provider, url });
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    flushStderrLines();
    process.stderr.write(
      `${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'backend-stopping', signal })}\n`,
    );
    running.close().then(
      () => {
        flushStderrLines();
        process.stderr.write(
          `${JSON.stringify({ time: new Date().toISOString(), level: 'info', event: 'backend-stopped' })}\n`,
        );
        process.exit(0);
      },
      (error: unknown) => {
        flushStderrLines();
        process.stderr.write(
          `${JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'backend-stop-failed', error: String(error) })}\n`,
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  void runLivenessBackendCli();
}
