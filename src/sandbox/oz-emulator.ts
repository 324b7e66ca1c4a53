/**
 * A loopback emulator of the Oz Forensics API (shared providers contract §1) for tests and the demo: the real Oz
 * adapter talks to it over HTTP exactly as it would to Oz. Scores are deterministic (scoring.ts); edge cases are
 * played on request with the `x-sandbox-scenario` header (see docs/sandbox-oz.md).
 */
import { createHash } from 'node:crypto';
import { parseMultipartForm } from '../node/multipart-form.js';
import { Hono, type Context } from 'hono';
import { serve } from '../node/serve.js';
import { SANDBOX_SCENARIO_HEADER } from '../shared/sandbox.js';
import { versionParts } from './oz/version.js';
import { AnalysisEngine } from './oz/engine.js';
import { OzApiError } from './oz/errors.js';
import { parseScenario } from './oz/scenarios.js';
import { KNOWN_PATHS, TOKEN_HEADER, registerRoutes, type EmulatorEnv } from './oz/routes.js';
import { SessionStore } from './oz/sessions.js';
import { OzStore } from './oz/store.js';
import { analysisView } from './oz/views.js';
import { WebhookSender, type WebhookDelivery } from './oz/webhooks.js';

export interface OzEmulatorOptions {
  /** API version to emulate, default '5.2.0'; decides the version rules of §1.11 #3, #9, #10. */
  apiVersion?: string;
  /** Accepted login, default OZ_SANDBOX_CREDENTIALS. */
  credentials?: { login: string; password: string };
  /** How long an analysis runs before its final status, default 300 ms (reads before then say PROCESSING). */
  analysisMs?: number;
  /** Sliding token lifetime, default 900 (Oz's OZ_SESSION_TTL). */
  tokenTtlSeconds?: number;
  /** Scenario for requests without an `x-sandbox-scenario` header, default "live". */
  defaultScenario?: string;
  /** Clock in epoch ms (token expiry, timestamps), injectable for tests. */
  now?: () => number;
  /** How long an analysis with a resolution_endpoint runs (then its webhook is sent), default 100 ms. */
  autoFinishMs?: number;
  /** Timeout of one webhook delivery, default 5000 ms. */
  webhookTimeoutMs?: number;
}

export const OZ_SANDBOX_CREDENTIALS = Object.freeze({ login: 'sandbox@oz.emulator', password: 'sandbox-password' });

const UUID_IN_PATH = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** What tests can inspect: calls per route, logins, refreshes, injected failures, webhook deliveries. */
export class OzEmulatorState {
  readonly #calls = new Map<string, number>();
  logins = 0;
  refreshes = 0;
  injectedServerErrors = 0;

  constructor(
    private readonly store: OzStore,
    private readonly webhooks: WebhookSender,
  ) {}

  /** Counts by "METHOD /path" with ids as `:id` and no trailing slash, e.g. "GET /api/analyses/:id". */
  calls(route: string): number {
    return this.#calls.get(route) ?? 0;
  }

  recordCall(method: string, path: string): void {
    const route = `${method} ${path.replace(UUID_IN_PATH, ':id').replace(/\/+$/, '')}`;
    this.#calls.set(route, this.calls(route) + 1);
  }

  get folderCount(): number {
    return this.store.folders.size;
  }

  get webhookDeliveries(): readonly WebhookDelivery[] {
    return this.webhooks.deliveries;
  }
}

export interface OzEmulatorApp {
  fetch(request: Request): Promise<Response>;
  state: OzEmulatorState;
  /** Cancels pending timers and waits for webhook deliveries on the wire. */
  stop(): Promise<void>;
}

export interface RunningOzEmulator {
  url: string;
  credentials: { login: string; password: string };
  state: OzEmulatorState;
  close(): Promise<void>;
}

export function createOzEmulatorApp(options: OzEmulatorOptions = {}): OzEmulatorApp {
  const apiVersion = options.apiVersion ?? '5.2.0';
  versionParts(apiVersion);
  const defaultScenario = parseScenario(options.defaultScenario);
  const now = options.now ?? Date.now;
  const store = new OzStore();
  const webhooks = new WebhookSender(options.webhookTimeoutMs ?? 5000);
  const state = new OzEmulatorState(store, webhooks);
  const viewContext = { store, apiVersion } as const;
  const engine: AnalysisEngine = new AnalysisEngine(store, {
    apiVersion,
    now,
    onFinal: (analysis) => {
      if (analysis.resolutionEndpoint) {
        webhooks.send(analysis.resolutionEndpoint, analysis.id, analysisView(analysis, { ...viewContext, engine }));
      }
    },
  });
  const sessions = new SessionStore((options.tokenTtlSeconds ?? 900) * 1000, now);
  const failedOnce = new Set<string>();

  // strict: false makes every route answer with and without a trailing slash (§1.1).
  const app = new Hono<EmulatorEnv>({ strict: false });

  app.onError((error) =>
    error instanceof OzApiError ? error.toResponse() : new OzApiError(0, 'Internal server error').toResponse(),
  );
  app.notFound(() => new OzApiError(10, 'Resource not found').toResponse());

  app.use('*', async (c, next) => {
    state.recordCall(c.req.method, c.req.path);
    const header = c.req.header(SANDBOX_SCENARIO_HEADER);
    const scenario = header === undefined ? defaultScenario : parseScenario(header);
    c.set('scenario', scenario);
    c.set('scenarioFromHeader', header !== undefined);
    if (scenario.unavailable) throw new OzApiError(0, 'Service unavailable (sandbox scenario)', null, 503);
    if (scenario.serverErrorOnce) {
      // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- Hono types a '*' middleware's input as any; only method, URL and body are read
      const fingerprint = await requestFingerprint(c);
      if (!failedOnce.has(fingerprint)) {
        failedOnce.add(fingerprint);
        state.injectedServerErrors += 1;
        throw new OzApiError(0, 'Internal server error (sandbox scenario)');
      }
    }
    await next();
  });

  app.use('/api/*', async (c, next) => {
    // Login and refresh carry their own credentials; everything else needs a live token.
    if (c.req.path.startsWith('/api/authorize/auth') || c.req.path.startsWith('/api/authorize/refresh')) return next();
    const token = c.req.header(TOKEN_HEADER);
    sessions.authenticate(token);
    await next();
    if (c.get('scenario').expireToken && token) sessions.expire(token);
  });

  registerRoutes(app, {
    apiVersion,
    credentials: options.credentials ?? OZ_SANDBOX_CREDENTIALS,
    analysisMs: options.analysisMs ?? 300,
    webhookAnalysisMs: options.autoFinishMs ?? 100,
    now,
    store,
    sessions,
    engine,
    onLogin: () => void (state.logins += 1),
    onRefresh: () => void (state.refreshes += 1),
  });
  for (const path of KNOWN_PATHS) {
    app.all(path, () => {
      throw new OzApiError(1, 'Method not allowed');
    });
  }

  return {
    fetch: async (request) => app.fetch(request),
    state,
    stop: async () => {
      engine.stop();
      await webhooks.drain();
    },
  };
}

/** Starts the emulator on 127.0.0.1 with an ephemeral port. */
export async function startOzEmulator(options: OzEmulatorOptions = {}): Promise<RunningOzEmulator> {
  const emulator = createOzEmulatorApp(options);
  const server = await serve((request) => emulator.fetch(request));
  return {
    url: server.url,
    credentials: { ...(options.credentials ?? OZ_SANDBOX_CREDENTIALS) },
    state: emulator.state,
    close: async () => {
      await emulator.stop();
      await server.close();
    },
  };
}

/**
 * Identifies "the same request sent again" for the server-error-once scenario. Multipart bodies are hashed part by
 * part because each send picks a new boundary, so the raw bytes of a retry differ.
 */
async function requestFingerprint(c: Context<EmulatorEnv>): Promise<string> {
  const hash = createHash('sha256').update(`${c.req.method} ${c.req.url}\n`);
  if (c.req.header('content-type')?.toLowerCase().startsWith('multipart/form-data')) {
    try {
      const form = await parseMultipartForm(
        c.req.header('content-type') ?? '',
        new Uint8Array(await c.req.arrayBuffer()),
      );
      for (const part of form.parts) {
        hash.update(`${part.name}\n`);
        hash.update(part.kind === 'field' ? part.value : part.bytes);
      }
    } catch {
      // A malformed body is reported by the route itself; it still fingerprints by URL.
    }
  } else {
    hash.update(new Uint8Array(await c.req.arrayBuffer()));
  }
  return hash.digest('hex');
}
