/**
 * Routes without a caller identity: health, and provider webhooks (`/webhooks/:provider`), which only hint that a
 * provider has news: an adapter treats them as a reason to re-read from the provider, never as a result.
 */
import { nodeRequestBody, readJsonBody } from '../http/body.js';
import { httpError } from '../errors.js';
import { describeError } from '../log.js';
import { WEBHOOK_BODY_LIMIT_BYTES, type BackendApp, type RouteDeps } from './deps.js';

export function registerServiceRoutes(app: BackendApp, deps: RouteDeps): void {
  // Readiness: 503 while the store cannot serve (database unreachable, schema not migrated), so a load balancer
  // sends traffic elsewhere until it can.
  app.get('/health', async (c) => {
    const store = (await deps.store.readiness?.()) ?? { kind: 'memory' as const, ready: true };
    const providers = deps.adapters.map((adapter) => ({ name: adapter.name, sandbox: adapter.sandbox }));
    return c.json({ ok: store.ready, providers, store }, store.ready ? 200 : 503);
  });

  // Anyone can call this: each adapter decides what its provider's payload is worth (Oz: poll sooner).
  app.post('/webhooks/:provider', async (c) => {
    const provider = c.req.param('provider');
    const configured = deps.adapters.filter((adapter) => adapter.name === provider);
    if (configured.length === 0) throw httpError('not-found', `no configured provider "${provider}"`);
    const body = await readJsonBody(c.req.raw, WEBHOOK_BODY_LIMIT_BYTES, nodeRequestBody(c.env));
    const receivers = configured.filter((adapter) => adapter.receiveWebhook !== undefined);
    for (const adapter of receivers) {
      // Not awaited: the caller should not wait on our polling; a failure only means polling as usual.
      Promise.resolve()
        .then(() => adapter.receiveWebhook?.(body))
        .catch((error: unknown) =>
          deps.logger.warn('webhook-notify-failed', { provider, error: describeError(error) }),
        );
    }
    deps.logger.info('webhook-received', { provider });
    return c.json({ accepted: true }, 202);
  });
}
