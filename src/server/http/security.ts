/** Response headers for every answer, and CORS for the routes the widget calls from the browser. */
import type { MiddlewareHandler } from 'hono';

/** JSON API answers: nothing to sniff, cache, frame, embed or leak a referrer from. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
};

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // A route that serves a page or a cacheable file (the handoff capture page) sets its own policy for these.
      if ((name === 'Content-Security-Policy' || name === 'Cache-Control') && c.res.headers.has(name)) continue;
      c.header(name, value);
    }
  };
}

const ALLOWED_METHODS = 'GET, POST';
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const PREFLIGHT_MAX_AGE_SECONDS = '600';

/**
 * CORS for the widget routes only. An origin on the allowlist is echoed back; any other origin gets no
 * Access-Control-Allow-Origin, so the browser withholds the answer. Preflights are answered here, before auth.
 */
export function widgetCors(allowedOrigins: readonly string[]): MiddlewareHandler {
  const allowlist = new Set(allowedOrigins);
  return async (c, next) => {
    const origin = c.req.header('origin');
    const allowed = origin !== undefined && allowlist.has(origin);
    if (c.req.method === 'OPTIONS') {
      const headers = new Headers({ Vary: 'Origin' });
      if (allowed) {
        headers.set('Access-Control-Allow-Origin', origin);
        headers.set('Access-Control-Allow-Methods', ALLOWED_METHODS);
        headers.set('Access-Control-Allow-Headers', ALLOWED_HEADERS);
        headers.set('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS);
      }
      return new Response(null, { status: 204, headers });
    }
    await next();
    c.header('Vary', 'Origin', { append: true });
    if (allowed) {
      c.header('Access-Control-Allow-Origin', origin);
      c.header('Access-Control-Expose-Headers', 'Retry-After, X-Request-Id');
    }
  };
}
