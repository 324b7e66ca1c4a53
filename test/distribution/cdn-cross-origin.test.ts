/**
 * The CDN build as an integrator embeds it from a CDN: dist/cdn on one origin, the page (the plain HTML example)
 * on another, the backend on a third, under the documented cross-origin CSP. A real capture with the fake camera
 * must complete; the detector must run in its worker (started through a blob: module, since the worker file is
 * cross-origin) with the WASM served as application/wasm; every request the page and its worker make must go to
 * those three origins; and no CSP violation may be reported.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { detailOf } from './support/capture.js';
import { watchCsp } from './support/csp.js';
import { assertBuilt } from './support/dist.js';
import { cdnSite, EXAMPLES_SRC } from './support/pages.js';
import {
  AFTER_GUIDANCE_CHUNK,
  originOf,
  visitAndCapture,
  visitInLanguage,
  type CaptureVisit,
  type LanguageVisit,
} from './support/run.js';
import ja from '../../src/i18n/locales/ja.js';
import { startSite, type RunningSite, type ServedRequest } from './support/site.js';
import { startStrictSite, type StrictSite } from './support/strict-site.js';

const SELF_HOSTED_SCRIPT = '/liveness-check/liveness-check.js';
/** What the bundle loads next to itself, all of it from the CDN origin. */
const CDN_FILES = [
  'liveness-check.js',
  'liveness-check.worker.js',
  'assets/wasm/vision_wasm_module_internal.js',
  'assets/wasm/vision_wasm_module_internal.wasm',
  'assets/face_detection_short_range.tflite',
  // Loaded after the first guidance; the capture waits for a frame it measured.
  'assets/face_landmarker.task',
];

describe('the CDN build served from another origin', () => {
  let browser: Browser;
  let cdn: RunningSite;
  let strict: StrictSite;
  const csp = watchCsp();
  let visit: CaptureVisit;
  let servedInVisit: ServedRequest[] = [];
  let japanese: LanguageVisit;

  beforeAll(async () => {
    assertBuilt();
    cdn = await startSite(cdnSite(), '127.0.0.1');
    strict = await startStrictSite({
      mounts: [
        ['/html/', `${EXAMPLES_SRC}html/`],
        ['/shared/', `${EXAMPLES_SRC}shared/`],
      ],
      // The example self-hosts the bundle; here it comes from the CDN origin instead.
      rewriteHtml: (_path, html) => {
        if (!html.includes(SELF_HOSTED_SCRIPT))
          throw new Error(`the HTML example no longer loads ${SELF_HOSTED_SCRIPT}`);
        return html.replace(SELF_HOSTED_SCRIPT, `${cdn.origin}/liveness-check.js`);
      },
      csp: () => csp,
      cdnOrigin: cdn.origin,
    });
    browser = await launchChromium('good');
    visit = await visitAndCapture(browser, `${strict.site.origin}/html/`, csp, strict.backend.origin);
    // The second visit warms up detection on its start screen (preload="auto"), fetching the WASM again.
    servedInVisit = [...cdn.served];
    japanese = await visitInLanguage(
      browser,
      `${strict.site.origin}/html/`,
      csp,
      strict.backend.origin,
      'ja',
      ja['intro.start'],
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await strict?.close();
    await cdn?.close();
  });

  it('captures, uploads and completes, and the page shows the verdict its server read', () => {
    expect(visit.events.filter((event) => event.type === 'liveness-error')).toEqual([]);
    expect(detailOf(visit.events, 'liveness-complete')?.['status']).toBe('done');
    expect(visit.verdict).toBe('Check done: live');
  });

  it('runs detection in the worker, started from a blob: module, with the WASM served as application/wasm', () => {
    expect(detailOf(visit.events, 'liveness-ready')?.['detector']).toBe('worker');
    expect(visit.requests.some((url) => url.startsWith(`blob:${strict.site.origin}/`))).toBe(true);
    expect(visit.wasmContentTypes).toEqual(['application/wasm']);
    const wasm = servedInVisit.filter((served) => served.path.endsWith('.wasm'));
    expect(wasm.map((served) => [served.status, served.contentType])).toEqual([[200, 'application/wasm']]);
  });

  it('requests nothing from any origin but the CDN, the page and the backend, the worker included', () => {
    const allowed = new Set([cdn.origin, strict.site.origin, strict.backend.origin]);
    expect(visit.requests.filter((url) => !allowed.has(originOf(url)))).toEqual([]);
    // The recording includes the worker's own requests: it fetched the WASM and the model.
    for (const file of CDN_FILES) expect(visit.requests).toContain(`${cdn.origin}/${file}`);
    expect(cdn.served.filter((served) => served.status !== 200)).toEqual([]);
  });

  it('fetches packaging and the upload client once, from the CDN, only after the first guidance showed', () => {
    const { firstGuidanceAt, requestedAt } = visit.afterGuidanceChunk;
    expect(firstGuidanceAt).not.toBeNull();
    expect(requestedAt).toHaveLength(1);
    expect(requestedAt[0]).toBeGreaterThanOrEqual(firstGuidanceAt!);
    const chunk = visit.requests.filter((url) => AFTER_GUIDANCE_CHUNK.test(url));
    expect(chunk.map(originOf)).toEqual([cdn.origin]);
  });

  it('reports no CSP violation under the cross-origin policy', () => {
    expect(visit.violations).toEqual({ reports: [], messages: [] });
  });

  it('loads a language on demand from its chunk on the CDN origin, without a CSP violation', () => {
    expect(japanese.startText).toBe(ja['intro.start']);
    expect([japanese.lang, japanese.dir]).toEqual(['ja', 'ltr']);
    const chunks = japanese.requests.filter((url) => url.includes('/chunks/locale-'));
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatch(new RegExp(`^${cdn.origin}/chunks/locale-ja-[\\w-]+\\.js$`));
    expect(japanese.violations).toEqual({ reports: [], messages: [] });
  });
});
