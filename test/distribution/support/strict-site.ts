/**
 * An integrator's page site under the documented strict CSP, with the sandbox backend it talks to. The two name
 * each other: the backend allows the page's origin and the policy names the backend's, so the site starts first
 * and its integrator routes and policy are bound once the backend listens.
 */
import { strictCsp } from '../../../demo/examples/csp.js';
import { createIntegratorRoutes } from '../../../demo/examples/integrator.js';
import { startSandboxBackend, type SandboxBackend } from './backend.js';
import { policyWithReports, type CspWatch } from './csp.js';
import { pageSite, type IntegratorRoutes, type PageSiteOptions } from './pages.js';
import { startSite, withHeaders, type RunningSite } from './site.js';

export interface StrictSiteOptions extends Omit<PageSiteOptions, 'integrator'> {
  /** The watch that receives the page's violation reports; read per request, so a test may swap it per visit. */
  csp: () => CspWatch;
  /** Origin serving dist/cdn when it is not the page's own. */
  cdnOrigin?: string;
}

export interface StrictSite {
  site: RunningSite;
  backend: SandboxBackend;
  close(): Promise<void>;
}

export async function startStrictSite({ csp, cdnOrigin, ...pageOptions }: StrictSiteOptions): Promise<StrictSite> {
  let integrator: IntegratorRoutes | null = null;
  let policy = '';
  // The policy rides on every response, as a site-wide header would: the worker script gets it too.
  const page = withHeaders(pageSite({ ...pageOptions, integrator: () => integrator }), () => ({
    'content-security-policy': policy,
  }));
  const site = await startSite((request) => csp().handle(page)(request), 'localhost');
  const backend = await startSandboxBackend(site.origin);
  integrator = createIntegratorRoutes({ backendUrl: backend.running.url, apiKey: backend.running.apiKey });
  policy = policyWithReports(strictCsp({ backendOrigin: backend.origin, cdnOrigin }));
  return {
    site,
    backend,
    close: async () => {
      await backend.close();
      await site.close();
    },
  };
}
