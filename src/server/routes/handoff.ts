/**
 * The cross-device handoff. The desktop element (its capture token) asks for a link; the phone redeems the code
 * in it, once, for a capture token of its own on the same session, and captures as usual; the desktop follows the
 * session until the phone's check is final. The backend also serves the phone a minimal capture page (page.ts)
 * when LIVENESS_HANDOFF_URL does not point at the integrator's own.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { formatIssues } from '../../shared/zod.js';
import { httpError } from '../errors.js';
import { HANDOFF_CODE_PATTERN, handoffUrl, hashHandoffCode, mintHandoffCode } from '../handoff/codes.js';
import { cdnAvailable, HANDOFF_PAGE_CSP, HANDOFF_PAGE_STYLES, handoffPageHtml, readCdnAsset } from '../handoff/page.js';
import { handoffCodeState, type HandoffStore } from '../handoff/types.js';
import { requireBearer } from '../http/auth.js';
import { readJsonBody } from '../http/body.js';
import { checkStatusView } from '../results.js';
import { assertOriginAllowed, type CaptureClaims } from '../tokens.js';
import { JSON_BODY_LIMIT_BYTES, type AppEnv, type BackendApp, type RouteDeps } from './deps.js';

export const DEFAULT_HANDOFF_TTL_SECONDS = 600;

const exchangeSchema = z.strictObject({ code: z.string().regex(HANDOFF_CODE_PATTERN, 'expected a handoff code') });

export function registerHandoffRoutes(app: BackendApp, deps: RouteDeps): void {
  const { config, store, clock, logger } = deps;
  const settings = config.handoff ?? { urlTemplate: null, ttlSeconds: DEFAULT_HANDOFF_TTL_SECONDS };
  const handoffs = (): HandoffStore => {
    if (!store.handoffs) throw httpError('not-found', 'this store does not keep handoff codes');
    return store.handoffs;
  };

  app.post('/handoffs', async (c) => {
    const claims = await authenticate(c, deps);
    if (await store.getTokenUse(claims.tokenId)) {
      throw httpError('token-used', 'this capture token was already used for a check');
    }
    const session = await store.getSession(claims.sessionId);
    if (!session) throw httpError('not-found', 'the session of this token no longer exists');
    const backendBase = baseOf(c, '/handoffs');
    const code = mintHandoffCode();
    const url = handoffUrl(code, { template: settings.urlTemplate, backendBase });
    const now = clock();
    // Never beyond the desktop's own token: the desktop follows the session with it.
    const expiresAt = Math.min(now + settings.ttlSeconds * 1000, claims.expiresAt);
    await handoffs().createHandoff({
      codeHash: hashHandoffCode(code),
      sessionId: session.id,
      origins: [new URL(url).origin],
      createdAt: now,
      expiresAt,
      usedAt: null,
    });
    logger.info('handoff-created', { sessionId: session.id, ownPage: settings.urlTemplate === null });
    return c.json({ code, url, expiresAt: new Date(expiresAt).toISOString() }, 201);
  });

  app.post('/handoffs/exchange', async (c) => {
    const parsed = exchangeSchema.safeParse(await readJsonBody(c.req.raw, JSON_BODY_LIMIT_BYTES));
    if (!parsed.success) throw httpError('invalid-request', formatIssues(parsed.error, 'body'));
    const origin = c.req.header('origin') ?? null;
    const verdict = await handoffs().redeemHandoff(hashHandoffCode(parsed.data.code), clock(), origin);
    if (!verdict.redeemed) {
      if (verdict.reason === 'used') throw httpError('handoff-used', 'this handoff link was already used');
      if (verdict.reason === 'origin') {
        throw httpError('origin-not-allowed', 'this handoff link may not be redeemed from this origin');
      }
      throw httpError('handoff-expired', 'this handoff link has expired or does not exist');
    }
    const { record } = verdict;
    const session = await store.getSession(record.sessionId);
    if (!session) throw httpError('handoff-expired', 'the session of this handoff link no longer exists');
    const issued = await deps.tokens.issue({
      sessionId: session.id,
      origins: record.origins,
      ttlSeconds: config.tokenTtlSeconds,
    });
    logger.info('handoff-redeemed', { sessionId: session.id });
    return c.json({
      sessionId: session.id,
      captureToken: issued.token,
      expiresAt: new Date(issued.expiresAt).toISOString(),
    });
  });

  // The desktop follows its session: the check the phone uploaded, once there is one.
  app.get('/handoffs/status', async (c) => {
    const claims = await authenticate(c, deps);
    const [check, latest] = await Promise.all([
      store.findCheckForSession(claims.sessionId),
      handoffs().latestHandoff(claims.sessionId),
    ]);
    return c.json({
      sessionId: claims.sessionId,
      // The phone redeemed the latest link (the desktop says "continue on your phone"), or it expired unused.
      code: handoffCodeState(latest, clock()),
      check: check ? checkStatusView(check, config.exposeResult) : null,
    });
  });

  app.get('/handoff/assets/:file{.+}', async (c) => {
    const path = c.req.param('file');
    if (path === 'page.css') {
      c.header('Content-Type', 'text/css; charset=utf-8');
      return c.body(HANDOFF_PAGE_STYLES);
    }
    const asset = await readCdnAsset(path);
    if (!asset) throw httpError('not-found', 'no such asset');
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(asset.body as Uint8Array<ArrayBuffer>);
  });

  app.get('/handoff/:code', async (c) => {
    const code = c.req.param('code');
    if (!HANDOFF_CODE_PATTERN.test(code)) throw httpError('not-found', 'no such handoff link');
    if (!(await cdnAvailable())) throw httpError('not-found', 'the capture page needs the built package (dist/cdn)');
    const base = baseOf(c, '/handoff/');
    c.header('Content-Security-Policy', HANDOFF_PAGE_CSP);
    c.header('Content-Type', 'text/html; charset=utf-8');
    return c.body(handoffPageHtml({ code, endpoint: base, assetsBase: `${base}/handoff/assets` }));
  });
}

async function authenticate(c: Context<AppEnv>, deps: RouteDeps): Promise<CaptureClaims> {
  const claims = await deps.tokens.verify(requireBearer(c.req.raw, 'token-missing'));
  assertOriginAllowed(claims, c.req.header('origin') ?? null);
  await deps.sessionLimiter.take(claims.sessionId);
  return claims;
}

/** The backend's base URL as this request reached it (any basePath included), e.g. `https://api.example/liveness`. */
function baseOf(c: Context<AppEnv>, routePrefix: string): string {
  const url = new URL(c.req.url);
  const at = url.pathname.lastIndexOf(routePrefix);
  return `${url.origin}${at >= 0 ? url.pathname.slice(0, at) : ''}`;
}
