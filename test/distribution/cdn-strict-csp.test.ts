/**
 * The plain HTML example as shipped: the page self-hosts dist/cdn (same origin) and calls the backend on another
 * origin, under the strict CSP of docs/integration.md. Capture → upload → complete must work with the worker
 * detector and without a single CSP violation, in the page or in the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { strictCsp } from '../../demo/examples/csp.js';
import { createIntegratorRoutes } from '../../demo/examples/integrator.js';
import { startSandboxBackend, type SandboxBackend } from './support/backend.js';
import { launchChromium } from './support/browser.js';
import { detailOf } from './support/capture.js';
import { policyWithReports, watchCsp } from './support/csp.js';
import { assertBuilt } from './support/dist.js';
import { CDN_DIR, EXAMPLES_SRC, pageSite, type IntegratorRoutes } from './support/pages.js';
import { originOf, visitAndCapture, type CaptureVisit } from './support/run.js';
import { startSite, withHeaders, type RunningSite } from './support/site.js';

describe('the plain HTML example under a strict CSP', () => {
  let browser: Browser;
  let site: RunningSite;
  let backend: SandboxBackend;
  let integrator: IntegratorRoutes | null = null;
  let policy = '';
  const csp = watchCsp();
  let visit: CaptureVisit;

  beforeAll(async () => {
    assertBuilt();
    const page = pageSite({
      mounts: [
        ['/html/', `${EXAMPLES_SRC}html/`],
        ['/shared/', `${EXAMPLES_SRC}shared/`],
        ['/liveness-check/', CDN_DIR],
      ],
      integrator: () => integrator,
    });
    // The policy rides on every response, as a site-wide header would: the worker script gets it too.
    site = await startSite(csp.handle(withHeaders(page, () => ({ 'content-security-policy': policy }))), 'localhost');
    backend = await startSandboxBackend(site.origin);
    integrator = createIntegratorRoutes({ backendUrl: backend.running.url, apiKey: backend.running.apiKey });
    policy = policyWithReports(strictCsp({ backendOrigin: backend.origin }));
    browser = await launchChromium('good');
    visit = await visitAndCapture(browser, `${site.origin}/html/`, csp, backend.origin);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await backend?.close();
    await site?.close();
  });

  it('captures, uploads and completes with the detector in its worker', () => {
    expect(visit.events.filter((event) => event.type === 'liveness-error')).toEqual([]);
    expect(detailOf(visit.events, 'liveness-ready')?.['detector']).toBe('worker');
    expect(detailOf(visit.events, 'liveness-complete')?.['status']).toBe('done');
    expect(visit.verdict).toBe('Check done: live');
    expect(visit.wasmContentTypes).toEqual(['application/wasm']);
  });

  it('starts the worker from its own same-origin file and talks only to the page and the backend', () => {
    expect(visit.requests).toContain(`${site.origin}/liveness-check/liveness-check.worker.js`);
    expect(visit.requests.filter((url) => url.startsWith('blob:'))).toEqual([]);
    const allowed = new Set([site.origin, backend.origin]);
    expect(visit.requests.filter((url) => !allowed.has(originOf(url)))).toEqual([]);
  });

  it('reports no CSP violation, in the page or in the worker', () => {
    expect(visit.violations).toEqual({ reports: [], messages: [] });
  });
});
