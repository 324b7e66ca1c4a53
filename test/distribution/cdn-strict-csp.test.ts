/**
 * The plain HTML example as shipped: the page self-hosts dist/cdn (same origin) and calls the backend on another
 * origin, under the strict CSP of docs/integration.md. Capture → upload → complete must work with the worker
 * detector and without a single CSP violation, in the page or in the worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { detailOf } from './support/capture.js';
import { watchCsp } from './support/csp.js';
import { assertBuilt } from './support/dist.js';
import { CDN_DIR, EXAMPLES_SRC } from './support/pages.js';
import { originOf, visitAndCapture, visitInLanguage, type CaptureVisit, type LanguageVisit } from './support/run.js';
import he from '../../src/i18n/locales/he.js';
import { startStrictSite, type StrictSite } from './support/strict-site.js';

describe('the plain HTML example under a strict CSP', () => {
  let browser: Browser;
  let strict: StrictSite;
  const csp = watchCsp();
  let visit: CaptureVisit;
  let hebrew: LanguageVisit;

  beforeAll(async () => {
    assertBuilt();
    strict = await startStrictSite({
      mounts: [
        ['/html/', `${EXAMPLES_SRC}html/`],
        ['/shared/', `${EXAMPLES_SRC}shared/`],
        ['/liveness-check/', CDN_DIR],
      ],
      csp: () => csp,
    });
    browser = await launchChromium('good');
    visit = await visitAndCapture(browser, `${strict.site.origin}/html/`, csp, strict.backend.origin);
    hebrew = await visitInLanguage(
      browser,
      `${strict.site.origin}/html/`,
      csp,
      strict.backend.origin,
      'he',
      he['intro.start'],
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await strict?.close();
  });

  it('captures, uploads and completes with the detector in its worker', () => {
    expect(visit.events.filter((event) => event.type === 'liveness-error')).toEqual([]);
    expect(detailOf(visit.events, 'liveness-ready')?.['detector']).toBe('worker');
    expect(detailOf(visit.events, 'liveness-complete')?.['status']).toBe('done');
    expect(visit.verdict).toBe('Check done: live');
    expect(visit.wasmContentTypes).toEqual(['application/wasm']);
  });

  it('starts the worker from its own same-origin file and talks only to the page and the backend', () => {
    expect(visit.requests).toContain(`${strict.site.origin}/liveness-check/liveness-check.worker.js`);
    expect(visit.requests.filter((url) => url.startsWith('blob:'))).toEqual([]);
    const allowed = new Set([strict.site.origin, strict.backend.origin]);
    expect(visit.requests.filter((url) => !allowed.has(originOf(url)))).toEqual([]);
  });

  it('reports no CSP violation, in the page or in the worker', () => {
    expect(visit.violations).toEqual({ reports: [], messages: [] });
  });

  it('loads a language on demand from its own same-origin chunk, right to left, without a CSP violation', () => {
    expect(
      visit.requests.filter((url) => url.includes('/chunks/locale-')),
      'an English page fetches no language',
    ).toEqual([]);
    expect(hebrew.startText).toBe(he['intro.start']);
    expect([hebrew.lang, hebrew.dir]).toEqual(['he', 'rtl']);
    const chunks = hebrew.requests.filter((url) => url.includes('/chunks/locale-'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(new RegExp(`^${strict.site.origin}/liveness-check/chunks/locale-he-[\\w-]+\\.js$`));
    expect(hebrew.violations).toEqual({ reports: [], messages: [] });
  });
});
