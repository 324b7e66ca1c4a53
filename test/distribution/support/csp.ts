/**
 * Catching CSP violations on every channel Chromium has: `securitypolicyviolation` events in the page and in the
 * detector worker, violation reports POSTed to the page's server (report-uri, sent for the page and its workers),
 * and the console errors Chromium prints for them. A deliberate canary violation at the end proves each channel
 * works and flushes the asynchronous reports, so "nothing but the canary" means there was no violation.
 */
import type { BrowserContext, Page, Worker } from 'playwright-core';
import type { Handler } from './site.js';

export const CSP_REPORT_PATH = '/csp-report';
const VIOLATION_PREFIX = 'csp-violation ';

export interface CspWatch {
  /** Reports received by the page's server (report-uri). */
  reports: Array<{ blockedUri: string; violatedDirective: string; sourceFile: string }>;
  /** securitypolicyviolation events from the page and the workers, and console lines about CSP. */
  messages: string[];
  /** Wraps the page server: answers report-uri POSTs, everything else goes to `handler`. */
  handle(handler: Handler): Handler;
  /** Starts listening in a context; call before opening the page. */
  attach(context: BrowserContext, page: Page): Promise<void>;
}

export function policyWithReports(policy: string): string {
  return `${policy}; report-uri ${CSP_REPORT_PATH}`;
}

export function watchCsp(): CspWatch {
  const reports: CspWatch['reports'] = [];
  const messages: string[] = [];
  return {
    reports,
    messages,
    handle: (handler) => async (request) => {
      if (new URL(request.url).pathname !== CSP_REPORT_PATH || request.method !== 'POST') return handler(request);
      const body = (await request.json().catch(() => ({}))) as { 'csp-report'?: Record<string, string> };
      const report = body['csp-report'] ?? {};
      reports.push({
        blockedUri: report['blocked-uri'] ?? '',
        violatedDirective: report['violated-directive'] ?? report['effective-directive'] ?? '',
        sourceFile: report['source-file'] ?? '',
      });
      return new Response(null, { status: 204 });
    },
    async attach(context, page) {
      // Init scripts run through the DevTools protocol, before the page's own scripts, and are not subject to CSP.
      await context.addInitScript((prefix) => {
        document.addEventListener('securitypolicyviolation', (event) => {
          console.error(`${prefix}page ${event.violatedDirective} ${event.blockedURI}`);
        });
      }, VIOLATION_PREFIX);
      page.on('console', (message) => {
        const text = message.text();
        if (text.startsWith(VIOLATION_PREFIX) || /Content[- ]Security[- ]Policy/i.test(text)) messages.push(text);
      });
      page.on('worker', (worker: Worker) => {
        // Attached as soon as Chromium reports the worker; its console reaches page.on('console').
        void worker
          .evaluate((prefix) => {
            self.addEventListener('securitypolicyviolation', (event) => {
              console.error(`${prefix}worker ${event.violatedDirective} ${event.blockedURI}`);
            });
          }, VIOLATION_PREFIX)
          .catch(() => undefined);
      });
    },
  };
}

/**
 * Triggers one violation of img-src (an image from `allowedOrigin`, which the policy allows for connect-src only)
 * and waits until every channel has seen it.
 */
export async function fireCanaryViolation(page: Page, watch: CspWatch, allowedOrigin: string): Promise<string> {
  const canary = `${allowedOrigin}/csp-canary.png`;
  await page.evaluate((src) => {
    const image = new Image();
    image.src = src;
  }, canary);
  const deadline = Date.now() + 10_000;
  const seen = () =>
    watch.reports.some((report) => report.blockedUri === canary) &&
    watch.messages.some((message) => message.startsWith(`${VIOLATION_PREFIX}page`) && message.includes(canary));
  while (!seen()) {
    if (Date.now() > deadline)
      throw new Error(`the canary violation did not reach every channel: ${JSON.stringify(watch)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return canary;
}

/** Everything the watch saw except the canary (its report, its event and Chromium's console line about it). */
export function violationsOtherThan(
  watch: CspWatch,
  canary: string,
): { reports: CspWatch['reports']; messages: string[] } {
  return {
    reports: watch.reports.filter((report) => report.blockedUri !== canary),
    messages: watch.messages.filter((message) => !message.includes(canary)),
  };
}
