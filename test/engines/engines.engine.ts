/**
 * The key scenarios in Firefox ESR and WebKitGTK, on the plain HTML example under the documented strict CSP, with
 * the real backend and its sandbox providers. Chromium stays the engine for the face clips (only it plays a y4m
 * face); here both fake cameras show a pattern, so the guidance says `no-face` (Firefox's pattern may first pass
 * for several faces) and the capture is the manual one. Run by `npm run test:engines` under `xvfb-run`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { watchCsp } from '../distribution/support/csp.js';
import { assertBuilt } from '../distribution/support/dist.js';
import { CDN_DIR, EXAMPLES_SRC } from '../distribution/support/pages.js';
import { startStrictSite, type StrictSite } from '../distribution/support/strict-site.js';
import { engineAvailable, openEngine, type EngineName, type EnginePage } from './support/drivers.js';
import {
  axeScan,
  CLICK_MANUAL_CAPTURE,
  failCamera,
  RECORD_EVENTS,
  recordAndUpload,
  setDetectorHooks,
  startWith,
  VERDICT,
  waitForEvents,
} from './support/page-scripts.js';

interface Recorded {
  type: string;
  detail: Record<string, unknown>;
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const GUIDANCE_ON_A_PATTERN = ['no-face', 'multiple-faces'];

const ENGINES: Array<{ engine: EngineName; worker: 'worker' | 'main-thread' }> = [
  // Firefox has WebGL in workers; WebKit's default has none, so the chain falls back for real.
  { engine: 'firefox', worker: 'worker' },
  { engine: 'webkit', worker: 'main-thread' },
];

let strict: StrictSite;
const csp = watchCsp();

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
}, 60_000);

afterAll(async () => {
  await strict?.close();
});

const of = (events: Recorded[], type: string) => events.filter((event) => event.type === type);

describe.each(ENGINES)('$engine', ({ engine, worker }) => {
  let page: EnginePage;
  const url = () => `${strict.site.origin}/html/`;

  beforeAll(async () => {
    if (!engineAvailable(engine)) throw new Error(`${engine} is not installed: run .ci/run (it installs it)`);
    page = await openEngine(engine);
  }, 120_000);

  afterAll(async () => {
    await page?.close();
  });

  it('gets ready after a proven frame, guides on the fake camera, and passes the a11y scan', async () => {
    await page.goto(url());
    await page.run(RECORD_EVENTS);
    await page.run(startWith({ mode: 'image', manualCaptureAfter: 0 }));
    const events = await page.run<Recorded[]>(
      waitForEvents(
        "events.some((e) => e.type === 'liveness-guidance') || events.some((e) => e.type === 'liveness-error')",
      ),
    );
    expect(of(events, 'liveness-error')).toEqual([]);
    const ready = of(events, 'liveness-ready')[0]!.detail;
    expect(ready['detector']).toBe(worker);
    const fallbacks = ready['fallbacks'] as Array<{ runtime: string; reason: string }>;
    if (worker === 'main-thread') expect(fallbacks.map((f) => [f.runtime, f.reason])).toEqual([['worker', 'no-webgl']]);
    else expect(fallbacks).toEqual([]);
    expect(GUIDANCE_ON_A_PATTERN).toContain(of(events, 'liveness-guidance')[0]!.detail['code']);
    // Firefox's pattern may pass for several faces at first; it settles on no face.
    const settled = await page.run<Recorded[]>(
      waitForEvents("events.some((e) => e.type === 'liveness-guidance' && e.detail.code === 'no-face')"),
    );
    expect(of(settled, 'liveness-error')).toEqual([]);
    const violations = await page.run<Array<{ id: string; impact: string }>>(axeScan(axeSource));
    expect(violations).toEqual([]);
  }, 180_000);

  it('captures manually, uploads to the real backend and completes, under the strict CSP', async () => {
    const before = csp.reports.length;
    await page.goto(url());
    await page.run(RECORD_EVENTS);
    await page.run(startWith({ mode: 'shotset', manualCaptureAfter: 500 }));
    await page.run(CLICK_MANUAL_CAPTURE);
    const events = await page.run<Recorded[]>(
      waitForEvents(
        "events.some((e) => e.type === 'liveness-complete') || events.some((e) => e.type === 'liveness-error' && !e.detail.recoverable)",
      ),
    );
    expect(of(events, 'liveness-error').filter((e) => !e.detail['recoverable'])).toEqual([]);
    const report = of(events, 'liveness-capture')[0]!.detail['report'] as Record<string, unknown>;
    expect(report['automatic']).toBe(false);
    expect(of(events, 'liveness-complete')[0]!.detail['status']).toBe('done');
    expect(await page.run<string | null>(VERDICT)).toMatch(/^Check done/);
    expect(csp.reports.slice(before)).toEqual([]);
  }, 180_000);

  it('falls back to the main thread when WebGL is taken from the worker, and to manual capture without any', async () => {
    await page.goto(url());
    await page.run(RECORD_EVENTS);
    await page.run(setDetectorHooks({ workerWebGL: false }));
    await page.run(startWith({ mode: 'image', manualCaptureAfter: 0 }));
    let events = await page.run<Recorded[]>(waitForEvents("events.some((e) => e.type === 'liveness-ready')"));
    expect(of(events, 'liveness-ready')[0]!.detail['detector']).toBe('main-thread');

    await page.goto(url());
    await page.run(RECORD_EVENTS);
    await page.run(setDetectorHooks({ workerWebGL: false, mainThreadWebGL: false }));
    await page.run(startWith({ mode: 'image', manualCaptureAfter: 0 }));
    events = await page.run<Recorded[]>(waitForEvents("events.some((e) => e.type === 'liveness-ready')"));
    const ready = of(events, 'liveness-ready')[0]!.detail;
    expect(ready['detector']).toBe('unavailable');
    const fallbacks = ready['fallbacks'] as Array<{ runtime: string; reason: string }>;
    expect(fallbacks.map((f) => [f.runtime, f.reason])).toEqual([
      ['worker', 'no-webgl'],
      ['main-thread', 'no-webgl'],
    ]);
    await page.run(CLICK_MANUAL_CAPTURE);
    events = await page.run<Recorded[]>(waitForEvents("events.some((e) => e.type === 'liveness-capture')"));
    const report = of(events, 'liveness-capture')[0]!.detail['report'] as Record<string, unknown>;
    expect(report['manualReason']).toBe('detector-unavailable');
  }, 180_000);

  it('reports a refused camera permission as camera-denied', async () => {
    await page.goto(url());
    await page.run(RECORD_EVENTS);
    await page.run(failCamera('NotAllowedError'));
    await page.run(startWith({ mode: 'image' }));
    const events = await page.run<Recorded[]>(waitForEvents("events.some((e) => e.type === 'liveness-error')"));
    expect(of(events, 'liveness-error')[0]!.detail['code']).toBe('camera-denied');
  }, 120_000);
});

describe('firefox recordings', () => {
  it("uploads Firefox's WebM recording, which the real backend validates and completes", async () => {
    const page = await openEngine('firefox');
    try {
      await page.goto(`${strict.site.origin}/html/`);
      const upload = await page.run<{
        mediaType: string;
        mediaSize: number;
        status: number;
        body: Record<string, unknown>;
      }>(recordAndUpload(1500));
      // Firefox records only WebM.
      expect(upload.mediaType).toBe('video/webm');
      expect(upload.mediaSize).toBeGreaterThan(0);
      expect([upload.status, upload.body]).toMatchObject([202, {}]);
      const sessionId = upload.body['sessionId'] as string;
      const deadline = Date.now() + 60_000;
      let result: Record<string, unknown> = {};
      while (Date.now() < deadline) {
        result = (await (await fetch(`${strict.site.origin}/integrator/result/${sessionId}`)).json()) as Record<
          string,
          unknown
        >;
        if (result['status'] === 'done' || result['status'] === 'error') break;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      expect(result['status']).toBe('done');
    } finally {
      await page.close();
    }
  }, 180_000);
});

describe('webkit with WebGL in workers', () => {
  it('gets ready in the worker', async () => {
    const page = await openEngine('webkit', { webglInWorkers: true });
    try {
      await page.goto(`${strict.site.origin}/html/`);
      await page.run(RECORD_EVENTS);
      await page.run(startWith({ mode: 'image', manualCaptureAfter: 0 }));
      const events = await page.run<Recorded[]>(
        waitForEvents("events.some((e) => e.type === 'liveness-guidance' || e.type === 'liveness-error')"),
      );
      expect(of(events, 'liveness-error')).toEqual([]);
      expect(of(events, 'liveness-ready')[0]!.detail['detector']).toBe('worker');
    } finally {
      await page.close();
    }
  }, 180_000);
});
