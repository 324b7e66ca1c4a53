/** Routes without a caller identity: health, and the Oz webhook (a hint to re-poll, never a source of results). */
import { readJsonBody } from '../http/body.js';
import type { ProviderAdapter } from '../providers/types.js';
import { describeError } from '../log.js';
import { WEBHOOK_BODY_LIMIT_BYTES, type BackendApp, type RouteDeps } from './deps.js';

interface AnalysisListener {
  notifyAnalysisUpdated(analysisId: string): unknown;
}

const ANALYSIS_ID = /^[A-Za-z0-9_-]{1,128}$/;
const MAX_IDS_PER_CALL = 32;

export function registerServiceRoutes(app: BackendApp, deps: RouteDeps): void {
  // Readiness: 503 while the store cannot serve (database unreachable, schema not migrated), so a load balancer
  // sends traffic elsewhere until it can.
  app.get('/health', async (c) => {
    const store = (await deps.store.readiness?.()) ?? { kind: 'memory' as const, ready: true };
    const providers = deps.adapters.map((adapter) => ({ name: adapter.name, sandbox: adapter.sandbox }));
    return c.json({ ok: store.ready, providers, store }, store.ready ? 200 : 503);
  });

  // Anyone can call this, so it only makes the Oz adapter poll sooner: the verdict still comes from Oz's API.
  app.post('/webhooks/oz', async (c) => {
    const body = await readJsonBody(c.req.raw, WEBHOOK_BODY_LIMIT_BYTES);
    const ids = analysisIdsIn(body);
    const listeners = deps.adapters.filter((adapter) => adapter.name === 'oz').filter(isAnalysisListener);
    for (const listener of listeners) {
      for (const id of ids) {
        // Not awaited: the caller (Oz) should not wait on our polling; a failure only means polling as usual.
        Promise.resolve()
          .then(() => listener.notifyAnalysisUpdated(id))
          .catch((error: unknown) => deps.logger.warn('webhook-notify-failed', { analysisId: id, error: describeError(error) }));
      }
    }
    deps.logger.info('webhook-received', { provider: 'oz', analyses: ids.length });
    return c.json({ accepted: true }, 202);
  });
}

/** `analyse_id` / `analysis_id` at the top level or on each item of an `analyses` array (a folder payload). */
export function analysisIdsIn(body: unknown): string[] {
  const ids = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value !== 'object' || value === null) return;
    for (const key of ['analyse_id', 'analysis_id']) {
      const id = (value as Record<string, unknown>)[key];
      if (typeof id === 'string' && ANALYSIS_ID.test(id)) ids.add(id);
    }
  };
  collect(body);
  const analyses = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)['analyses'] : undefined;
  if (Array.isArray(analyses)) analyses.forEach(collect);
  return [...ids].slice(0, MAX_IDS_PER_CALL);
}

function isAnalysisListener(adapter: ProviderAdapter): adapter is ProviderAdapter & AnalysisListener {
  return typeof (adapter as Partial<AnalysisListener>).notifyAnalysisUpdated === 'function';
}
