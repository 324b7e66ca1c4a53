/** The page server of the dist tests: static mounts, the integrator's routes, optional headers on every answer. */
import { fileURLToPath } from 'node:url';
import type { createIntegratorRoutes } from '../../../demo/examples/integrator.js';
import { serveStatic } from '../../../demo/examples/static-files.js';
import { notFound, type Handler } from './site.js';

export const CDN_DIR = fileURLToPath(new URL('../../../dist/cdn/', import.meta.url));
export const EXAMPLES_SRC = fileURLToPath(new URL('../../../demo/examples/', import.meta.url));

export type IntegratorRoutes = ReturnType<typeof createIntegratorRoutes>;

export interface PageSiteOptions {
  /** URL prefix → directory, tried in order. */
  mounts: Array<[prefix: string, dir: string]>;
  /** Late-bound: the backend (which must know the page origin) starts after the page server. */
  integrator: () => IntegratorRoutes | null;
  /** Rewrites an HTML answer (e.g. to load the bundle from another origin). */
  rewriteHtml?: (path: string, html: string) => string;
}

export function pageSite(options: PageSiteOptions): Handler {
  return async (request) => {
    const integrator = options.integrator();
    const routed = integrator ? await integrator(request) : null;
    if (routed) return routed;
    const { pathname } = new URL(request.url);
    for (const [prefix, dir] of options.mounts) {
      const response = await serveStatic(prefix, dir, pathname);
      if (!response) continue;
      if (!options.rewriteHtml || !response.headers.get('content-type')?.startsWith('text/html')) return response;
      return new Response(options.rewriteHtml(pathname, await response.text()), { headers: response.headers });
    }
    return notFound();
  };
}

/** Serves dist/cdn the way a public CDN does: readable from any origin. */
export function cdnSite(): Handler {
  return async (request) => {
    const response = (await serveStatic('/', CDN_DIR, new URL(request.url).pathname)) ?? notFound();
    response.headers.set('access-control-allow-origin', '*');
    return response;
  };
}
