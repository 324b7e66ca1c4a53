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

const SECURITY_ENTRIES = Object.entries(SECURITY_HEADERS);

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    // Prepared before the route runs: c.json()/c.body() take them as the answer is built. Set after it, each
    // c.header() would copy the finished Response (a third of an upload's HTTP cost in the bench profile).
    // A route that serves a page or a cacheable file (the handoff capture page) overrides CSP and Cache-Control.
    for (const [name, value] of SECURITY_ENTRIES) c.header(name, value);
    await next();
    ensureHeaders(c.res.headers, SECURITY_ENTRIES);
  };
}

/**
 * Answers built outside the context (a thrown HttpError's response, a preflight) did not take the prepared
 * headers: they get them in place, which copies nothing.
 */
export function ensureHeaders(headers: Headers, entries: ReadonlyArray<readonly [string, string]>): void {
  for (const [name, value] of entries) if (!headers.has(name)) headers.set(name, value);
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
    const entries: Array<[string, string]> = allowed
      ? [
          ['Access-Control-Allow-Origin', origin],
          ['Access-Control-Expose-Headers', 'Retry-After, X-Request-Id'],
        ]
      : [];
    c.header('Vary', 'Origin', { append: true });
    for (const [name, value] of entries) c.header(name, value);
    await next();
    const headers = c.res.headers;
    if (!/\borigin\b/i.test(headers.get('Vary') ?? '')) headers.append('Vary', 'Origin');
    ensureHeaders(headers, entries);
  };
}
