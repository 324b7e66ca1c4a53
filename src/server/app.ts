/**
 * The backend as a web-standard fetch handler (Hono): mount it in Node (node.ts), behind another framework, or in
 * any runtime with fetch. See docs/backend.md for the routes and error codes.
 */
import { Hono } from 'hono';
import type { BackendConfig } from './config.js';
import { HttpError, httpError, type ErrorBody } from './errors.js';
import { SECURITY_HEADERS, ensureHeaders, securityHeaders, widgetCors } from './http/security.js';
import { describeError, silentLogger, type Logger } from './log.js';
import { CheckProcessor } from './processor.js';
import type { ProviderAdapter } from './providers/types.js';
import { clusterAdapters, WorkScheduler } from './cluster.js';
import { createRateLimiter, createSharedRateLimiter, type RateLimiter } from './rate-limit.js';
import { StoreUnavailableError } from './store/errors.js';
import { registerCheckRoutes } from './routes/checks.js';
import { registerHandoffRoutes } from './routes/handoff.js';
import type { AppEnv, BackendApp, RouteDeps } from './routes/deps.js';
import { registerOpenApiRoute } from './openapi.js';
import { registerServiceRoutes } from './routes/service.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { sessionResult } from './results.js';
import type { Store } from './store/types.js';
import { createTokenService } from './tokens.js';
import { createUploadValidator, type UploadValidator } from './upload/validator.js';
import { DEFAULT_WEBHOOK_TIMEOUT_MS, WebhookDispatcher, type WebhookTuning } from './webhooks/dispatcher.js';

export interface LivenessBackendOptions {
  config: BackendConfig;
  /** In LIVENESS_PROVIDERS order (the order `fallback` tries them). */
  adapters: ProviderAdapter[];
  /** Owned by the caller: close() does not close it. */
  store: Store;
  clock?: () => number;
  logger?: Logger;
  /** Prefix for every route, e.g. `/api`. */
  basePath?: string;
  /**
   * The caller's address for the per-client rate limit. Defaults to the socket address @hono/node-server passes
   * as `env.incoming`; behind a reverse proxy, read the proxy's header here instead.
   */
  clientAddress?: (request: Request, env: unknown) => string | undefined;
  /** Run the processor with these options (e.g. a short provider timeout in tests). */
  providerTimeoutMs?: number;
  /** How often expired token uses, and media and sessions past their retention, are pruned. Default 60 s. */
  sweepIntervalMs?: number;
  /** Retry timings of the outbound webhook (LIVENESS_WEBHOOK_URL); the defaults retry for about an hour. */
  webhook?: WebhookTuning & { fetch?: typeof fetch; random?: () => number };
  /**
   * Validates uploads (e.g. one worker pool shared by several backends in a process). Owned by the caller: close()
   * does not close it. Default: a pool of LIVENESS_UPLOAD_WORKERS threads, owned by this backend.
   */
  uploadValidator?: UploadValidator;
}

export interface LivenessBackend {
  fetch(request: Request, env?: unknown): Promise<Response>;
  app: Hono<AppEnv>;
  processor: CheckProcessor;
  /** null when LIVENESS_WEBHOOK_URL is unset. Pending deliveries in the store resume as soon as it is created. */
  webhooks: WebhookDispatcher | null;
  validator: UploadValidator;
  /** Stops background work (in-flight checks stay processing, and webhooks pending, for the next start). */
  close(): Promise<void>;
}

const DEFAULT_SWEEP_INTERVAL_MS = 60_000;

/** Retry-After of a 503 store-unavailable: about how long a database restart or failover takes. */
const STORE_RETRY_AFTER_SECONDS = 5;

export function createLivenessBackend(options: LivenessBackendOptions): LivenessBackend {
  const { config, store } = options;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const clientAddress = options.clientAddress ?? socketAddress;
  const cluster = store.cluster ?? null;
  // With a shared store, a provider hint (Oz's webhook) that reaches this instance also reaches the one polling.
  const hints = cluster ? clusterAdapters(options.adapters, cluster, logger) : null;
  const adapters = hints ? hints.adapters : [...options.adapters];
  const limiter = (perMinute: number, scope: string): RateLimiter =>
    cluster ? createSharedRateLimiter({ perMinute, scope, cluster }) : createRateLimiter({ perMinute, clock, scope });

  const validator = options.uploadValidator ?? createUploadValidator({ workers: config.uploadWorkers });
  const ownsValidator = options.uploadValidator === undefined;
  // A delivery's lease outlasts one attempt (its timeout and a second to record it), whatever the work lease.
  const webhookLeaseMs = cluster
    ? Math.max(cluster.leaseMs, (options.webhook?.timeoutMs ?? DEFAULT_WEBHOOK_TIMEOUT_MS) + 1_000)
    : 0;
  const webhooks = config.webhook
    ? new WebhookDispatcher({
        ...options.webhook,
        settings: config.webhook,
        store,
        clock,
        logger,
        ...(cluster
          ? {
              cluster: {
                claim: (eventId: string) => cluster.claimWebhook(eventId, webhookLeaseMs),
                rescanMs: cluster.leaseMs,
              },
            }
          : {}),
        render: async (delivery) => {
          const [session, check] = await Promise.all([
            store.getSession(delivery.sessionId),
            store.getCheck(delivery.checkId),
          ]);
          const sandboxed = adapters.filter((adapter) => adapter.sandbox).map((adapter) => adapter.name);
          return session && check ? sessionResult(session, check, { ...config, sandboxed }, clock()) : null;
        },
      })
    : null;
  const processor = new CheckProcessor({
    adapters,
    store,
    clock,
    logger,
    mediaRetentionSeconds: config.mediaRetentionSeconds,
    rejectVirtualCamera: config.rejectVirtualCamera,
    restoreMedia: (info, bytes, selfieJpeg) => validator.restore(info, bytes, selfieJpeg),
    ...(webhooks ? { webhooks: { notify: () => webhooks.wake() } } : {}),
    ...(options.providerTimeoutMs ? { providerTimeoutMs: options.providerTimeoutMs } : {}),
  });
  const deps: RouteDeps = {
    config,
    adapters,
    store,
    processor,
    clock,
    logger,
    tokens: createTokenService({ secret: config.tokenSecret, audience: config.audience, issuer: config.issuer, clock }),
    sessionLimiter: limiter(config.rateLimit.sessionPerMinute, 'session'),
    validator,
  };
  const clientLimiter = limiter(config.rateLimit.clientPerMinute, 'client');
  const scheduler = cluster ? new WorkScheduler({ cluster, processor, logger }) : null;

  const app: BackendApp = new Hono<AppEnv>().basePath(options.basePath ?? '/');
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const requestId = crypto.randomUUID();
    const startedAt = clock();
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    ensureHeaders(c.res.headers, [['X-Request-Id', requestId]]);
    logger.info('request', {
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: clock() - startedAt,
    });
  });
  app.use('*', async (c, next) => {
    await clientLimiter.take(clientAddress(c.req.raw, c.env) ?? 'unknown');
    await next();
  });
  app.use('/capture-options', widgetCors(config.allowedOrigins));
  app.use('/checks', widgetCors(config.allowedOrigins));
  app.use('/checks/*', widgetCors(config.allowedOrigins));
  app.use('/handoffs', widgetCors(config.allowedOrigins));
  app.use('/handoffs/*', widgetCors(config.allowedOrigins));

  registerSessionRoutes(app, deps);
  registerCheckRoutes(app, deps);
  registerHandoffRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerOpenApiRoute(app);

  // Under a base path, a path outside it reaches no middleware: this answer carries the headers itself.
  app.notFound(() => withSecurityHeaders(httpError('not-found', 'no such route').getResponse()));
  app.onError((error, c) => {
    if (error instanceof HttpError) return error.getResponse();
    if (error instanceof StoreUnavailableError) {
      logger.warn('store-unavailable', { requestId: c.get('requestId'), path: c.req.path, error: error.message });
      return httpError('store-unavailable', 'the store is unavailable; nothing was stored, try again shortly', {
        headers: { 'Retry-After': String(STORE_RETRY_AFTER_SECONDS) },
      }).getResponse();
    }
    logger.error('unhandled-error', { requestId: c.get('requestId'), path: c.req.path, error: describeError(error) });
    const body: ErrorBody = { error: { code: 'internal', message: 'internal error' } };
    return c.json(body, 500);
  });

  const sweepTimer = setInterval(() => {
    store
      .prune(clock(), { sessionRetentionSeconds: config.sessionRetentionSeconds })
      .then((pruned) => {
        if (pruned.sessions > 0 || pruned.media > 0) logger.info('store-pruned', { ...pruned });
        return store.handoffs?.pruneHandoffs(clock());
      })
      .catch((error: unknown) => logger.error('prune-failed', { error: describeError(error) }));
  }, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  // A pending sweep must not keep a process (or a test runner) alive on its own.
  if (typeof sweepTimer === 'object' && 'unref' in sweepTimer) sweepTimer.unref();

  // Deliveries left pending by an earlier run (a restart, a crash) are picked up now.
  webhooks?.wake();
  // Checks nobody holds (left by an instance that stopped or died) are claimed now and then every third of a lease.
  scheduler?.start();

  return {
    fetch: async (request, env) => app.fetch(request, env),
    app,
    processor,
    webhooks,
    validator,
    close: async () => {
      clearInterval(sweepTimer);
      await scheduler?.stop();
      hints?.close();
      await processor.close();
      await webhooks?.close();
      // Given up at once rather than left to run out, so another instance resumes this one's checks right away.
      if (cluster) {
        await Promise.all([cluster.releaseChecks(), cluster.releaseWebhooks()]).catch((error: unknown) =>
          logger.warn('lease-release-failed', { error: describeError(error) }),
        );
      }
      if (ownsValidator) await validator.close();
    },
  };
}

/** The socket address when served by @hono/node-server (which passes `{ incoming }` as env). */
function socketAddress(_request: Request, env: unknown): string | undefined {
  if (typeof env !== 'object' || env === null || !('incoming' in env)) return undefined;
  const incoming = (env as { incoming?: { socket?: { remoteAddress?: unknown } } }).incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' ? address : undefined;
}

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}
