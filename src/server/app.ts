/**
 * The backend as a web-standard fetch handler (Hono): mount it in Node (node.ts), behind another framework, or in
 * any runtime with fetch. See docs/backend.md for the routes and error codes.
 */
import { Hono } from 'hono';
import type { BackendConfig } from './config.js';
import { HttpError, httpError, type ErrorBody } from './errors.js';
import { SECURITY_HEADERS, securityHeaders, widgetCors } from './http/security.js';
import { describeError, silentLogger, type Logger } from './log.js';
import { CheckProcessor } from './processor.js';
import type { ProviderAdapter } from './providers/types.js';
import { createRateLimiter } from './rate-limit.js';
import { registerCheckRoutes } from './routes/checks.js';
import type { AppEnv, BackendApp, RouteDeps } from './routes/deps.js';
import { registerOpenApiRoute } from './openapi.js';
import { registerServiceRoutes } from './routes/service.js';
import { registerSessionRoutes } from './routes/sessions.js';
import { sessionResult } from './results.js';
import type { Store } from './store/types.js';
import { createTokenService } from './tokens.js';
import { createUploadValidator, type UploadValidator } from './upload/validator.js';
import { WebhookDispatcher, type WebhookTuning } from './webhooks/dispatcher.js';

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

export function createLivenessBackend(options: LivenessBackendOptions): LivenessBackend {
  const { config, adapters, store } = options;
  const clock = options.clock ?? Date.now;
  const logger = options.logger ?? silentLogger;
  const clientAddress = options.clientAddress ?? socketAddress;

  const validator = options.uploadValidator ?? createUploadValidator({ workers: config.uploadWorkers });
  const ownsValidator = options.uploadValidator === undefined;
  const webhooks = config.webhook
    ? new WebhookDispatcher({
        ...options.webhook,
        settings: config.webhook,
        store,
        clock,
        logger,
        render: async (delivery) => {
          const [session, check] = await Promise.all([store.getSession(delivery.sessionId), store.getCheck(delivery.checkId)]);
          return session && check ? sessionResult(session, check, config, clock()) : null;
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
    sessionLimiter: createRateLimiter({ perMinute: config.rateLimit.sessionPerMinute, clock, scope: 'session' }),
    validator,
  };
  const clientLimiter = createRateLimiter({ perMinute: config.rateLimit.clientPerMinute, clock, scope: 'client' });

  const app: BackendApp = new Hono<AppEnv>().basePath(options.basePath ?? '/');
  app.use('*', securityHeaders());
  app.use('*', async (c, next) => {
    const requestId = crypto.randomUUID();
    const startedAt = clock();
    c.set('requestId', requestId);
    await next();
    c.header('X-Request-Id', requestId);
    logger.info('request', { requestId, method: c.req.method, path: c.req.path, status: c.res.status, durationMs: clock() - startedAt });
  });
  app.use('*', async (c, next) => {
    clientLimiter.take(clientAddress(c.req.raw, c.env) ?? 'unknown');
    await next();
  });
  app.use('/checks', widgetCors(config.allowedOrigins));
  app.use('/checks/*', widgetCors(config.allowedOrigins));

  registerSessionRoutes(app, deps);
  registerCheckRoutes(app, deps);
  registerServiceRoutes(app, deps);
  registerOpenApiRoute(app);

  app.notFound(() => withSecurityHeaders(httpError('not-found', 'no such route').getResponse()));
  app.onError((error, c) => {
    if (error instanceof HttpError) return error.getResponse();
    logger.error('unhandled-error', { requestId: c.get('requestId'), path: c.req.path, error: describeError(error) });
    const body: ErrorBody = { error: { code: 'internal', message: 'internal error' } };
    return c.json(body, 500);
  });

  const sweepTimer = setInterval(() => {
    store
      .prune(clock(), { sessionRetentionSeconds: config.sessionRetentionSeconds })
      .then((pruned) => {
        if (pruned.sessions > 0 || pruned.media > 0) logger.info('store-pruned', { ...pruned });
      })
      .catch((error: unknown) => logger.error('prune-failed', { error: describeError(error) }));
  }, options.sweepIntervalMs ?? DEFAULT_SWEEP_INTERVAL_MS);
  // A pending sweep must not keep a process (or a test runner) alive on its own.
  if (typeof sweepTimer === 'object' && 'unref' in sweepTimer) sweepTimer.unref();

  // Deliveries left pending by an earlier run (a restart, a crash) are picked up now.
  webhooks?.wake();

  return {
    fetch: async (request, env) => app.fetch(request, env),
    app,
    processor,
    webhooks,
    validator,
    close: async () => {
      clearInterval(sweepTimer);
      await processor.close();
      await webhooks?.close();
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
