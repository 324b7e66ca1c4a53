/** The integrator's routes (API key): create a session, read its result, delete its data. */
import { z } from 'zod';
import { PROVIDER_NAMES, type ProviderName } from '../../shared/providers.js';
import { SANDBOX_SCENARIO_PATTERN } from '../../shared/sandbox.js';
import { formatIssues } from '../../shared/zod.js';
import { isOrigin } from '../config.js';
import { httpError } from '../errors.js';
import { requireApiKey } from '../http/auth.js';
import { nodeRequestBody, readBody, readJsonBody } from '../http/body.js';
import { sessionResult } from '../results.js';
import type { SessionRecord } from '../store/types.js';
import { JSON_BODY_LIMIT_BYTES, type BackendApp, type RouteDeps } from './deps.js';

// Names as the emulators define them; Oz's may combine several, e.g. "spoof,slow:2000".
const scenarioName = z.string().regex(new RegExp(SANDBOX_SCENARIO_PATTERN), 'expected a scenario name like "spoof"');

const createSessionSchema = z.strictObject({
  reference: z.string().min(1).max(256).optional(),
  allowedOrigins: z
    .array(z.string().refine(isOrigin, 'expected an origin (scheme://host[:port])'))
    .min(1)
    .max(20)
    .optional(),
  ttlSeconds: z.number().int().positive().optional(),
  sandboxScenario: z.partialRecord(z.enum(PROVIDER_NAMES), scenarioName).optional(),
});

export function registerSessionRoutes(app: BackendApp, deps: RouteDeps): void {
  const { config, store, tokens, clock, processor } = deps;

  app.post('/sessions', async (c) => {
    await requireApiKey(c.req.raw, config.apiKey);
    const parsed = createSessionSchema.safeParse(
      await readJsonBody(c.req.raw, JSON_BODY_LIMIT_BYTES, nodeRequestBody(c.env)),
    );
    if (!parsed.success) {
      throw httpError('invalid-request', formatIssues(parsed.error, 'body'));
    }
    const request = parsed.data;
    const sandboxScenario = checkedScenarios(request.sandboxScenario ?? {}, deps);
    const allowedOrigins = checkedOrigins(request.allowedOrigins, config.allowedOrigins);
    const ttlSeconds = Math.min(request.ttlSeconds ?? config.tokenTtlSeconds, config.tokenMaxTtlSeconds);

    const sessionId = crypto.randomUUID();
    const issued = await tokens.issue({ sessionId, origins: allowedOrigins, ttlSeconds });
    const session: SessionRecord = {
      id: sessionId,
      reference: request.reference ?? null,
      allowedOrigins,
      sandboxScenario,
      createdAt: clock(),
      tokenExpiresAt: issued.expiresAt,
    };
    await store.createSession(session);
    deps.logger.info('session-created', { sessionId, ttlSeconds, origins: allowedOrigins.length });
    return c.json({ sessionId, captureToken: issued.token, expiresAt: new Date(issued.expiresAt).toISOString() }, 201);
  });

  app.get('/sessions/:id/result', async (c) => {
    await requireApiKey(c.req.raw, config.apiKey);
    const session = await store.getSession(c.req.param('id'));
    if (!session) throw httpError('not-found', 'no such session');
    const check = await store.findCheckForSession(session.id);
    const sandboxed = deps.adapters.filter((adapter) => adapter.sandbox).map((adapter) => adapter.name);
    return c.json(sessionResult(session, check, { ...config, sandboxed }, clock()));
  });

  app.delete('/sessions/:id', async (c) => {
    await requireApiKey(c.req.raw, config.apiKey);
    // A DELETE has no body; reading under a small limit refuses one that tries to send a large one.
    await readBody(c.req.raw, JSON_BODY_LIMIT_BYTES, nodeRequestBody(c.env));
    const sessionId = c.req.param('id');
    const check = await store.findCheckForSession(sessionId);
    if (check) processor.cancel(check.id);
    if (!(await store.deleteSession(sessionId))) throw httpError('not-found', 'no such session');
    deps.logger.info('session-deleted', { sessionId });
    return c.body(null, 204);
  });
}

/** Scenarios only ever reach sandbox emulators: asking for one on a real provider is a caller error. */
function checkedScenarios(
  requested: Partial<Record<ProviderName, string>>,
  deps: RouteDeps,
): SessionRecord['sandboxScenario'] {
  const scenarios: SessionRecord['sandboxScenario'] = {};
  for (const [name, scenario] of Object.entries(requested)) {
    if (scenario === undefined) continue;
    const adapter = deps.adapters.find((candidate) => candidate.name === name);
    if (!adapter) throw httpError('invalid-request', `sandboxScenario.${name}: provider ${name} is not configured`);
    if (!adapter.sandbox)
      throw httpError('invalid-request', `sandboxScenario.${name}: provider ${name} is not a sandbox`);
    scenarios[adapter.name] = scenario;
  }
  return scenarios;
}

/**
 * Token origins default to LIVENESS_ALLOWED_ORIGINS. When that allowlist is set, a session may narrow it but not
 * widen it: a browser on any other origin would be refused by CORS anyway.
 */
function checkedOrigins(requested: string[] | undefined, configured: readonly string[]): string[] {
  if (requested === undefined) return [...configured];
  if (configured.length > 0) {
    const outside = requested.filter((origin) => !configured.includes(origin));
    if (outside.length > 0) {
      throw httpError('invalid-request', `allowedOrigins: ${outside.join(', ')} not in LIVENESS_ALLOWED_ORIGINS`);
    }
  }
  return [...new Set(requested)];
}
