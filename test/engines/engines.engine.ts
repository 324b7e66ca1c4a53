/**
 * The key scenarios in Firefox ESR and WebKitGTK, on the plain HTML example under the documented strict CSP, with
 * the real backend and its sandbox providers. Chromium stays the engine for the face clips (only it plays a y4m
 * face); here both fake cameras show a pattern, so the guidance says `no-face` (Firefox's pattern may first pass
 * for several faces) and the capture is the manual one. Run by `npm run test:engines` under `xvfb-run`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxBackend } from '../distribution/support/backend.js';
import { watchCsp } from '../distribution/support/csp.js';
import { assertBuilt } from '../distribution/support/dist.js';
import { CDN_DIR, EXAMPLES_SRC } from '../distribution/support/pages.js';
import { startStrictSite, type StrictSite } from '../distribution/support/strict-site.js';
import { engineAvailable, openEngine, type EngineName, type EnginePage } from './support/drivers.js';
import {
  axeScan,
  CAPTURE_OPTIONS,
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

  // The faults a page can simulate: getUserMedia rejects with the DOMException this engine gives for each.
  for (const [domError, code] of [
    ['NotAllowedError', 'camera-denied'],
    ['NotFoundError', 'camera-not-found'],
    ['NotReadableError', 'camera-in-use'],
  ] as const) {
    it(`reports getUserMedia's ${domError} as ${code}`, async () => {
      await page.goto(url());
      await page.run(RECORD_EVENTS);
      await page.run(failCamera(domError));
      await page.run(startWith({ mode: 'image' }));
      const events = await page.run<Recorded[]>(waitForEvents("events.some((e) => e.type === 'liveness-error')"));
      expect(of(events, 'liveness-error')[0]!.detail).toMatchObject({ code, recoverable: true });
    }, 120_000);
  }
});

/** A recording made by Firefox's own MediaRecorder in the page, uploaded from the page as the element would. */
interface FirefoxRecording {
  mediaType: string;
  mediaSize: number;
  status: number;
  body: Record<string, unknown>;
  token: string;
  media: string;
  selfie: string;
  frame: { width: number; height: number };
}

async function recordInFirefox(): Promise<FirefoxRecording & { options: { status: number; body: unknown } }> {
  const page = await openEngine('firefox');
  try {
    await page.goto(`${strict.site.origin}/html/`);
    const options = await page.run<{ status: number; body: unknown }>(CAPTURE_OPTIONS);
    const recording = await page.run<FirefoxRecording>(recordAndUpload(1500));
    // Firefox records only WebM.
    expect(recording.mediaType).toBe('video/webm');
    expect(recording.mediaSize).toBeGreaterThan(0);
    return { ...recording, options };
  } finally {
    await page.close();
  }
}

/** Polls a backend's result for the session until it is final. */
async function finalResult(backendUrl: string, apiKey: string, sessionId: string): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 60_000;
  let result: Record<string, unknown> = {};
  while (Date.now() < deadline) {
    const response = await fetch(`${backendUrl}/sessions/${sessionId}/result`, {
      headers: { authorization: `Bearer ${apiKey}` },
    });
    result = (await response.json()) as Record<string, unknown>;
    if (result['status'] === 'done' || result['status'] === 'error') break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return result;
}

const bytesOf = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));

describe('firefox recordings', () => {
  it("refuses Firefox's WebM where Oz is configured, and the frame shotset the element sends instead completes", async () => {
    const recording = await recordInFirefox();
    // Oz takes MP4/MOV only: the element is told so before recording, and a WebM upload is refused with the code.
    expect(recording.options).toEqual({ status: 200, body: { clipTypes: ['video/mp4'], shotset: true } });
    expect([recording.status, recording.body]).toMatchObject([415, { error: { code: 'media-type-not-accepted' } }]);

    // The token was not used up: it carries what the element sends instead, a ZIP of frames saying why.
    const { running } = strict.backend;
    const selfie = bytesOf(recording.selfie);
    const frames = zipSync({ 'frame_0.jpg': selfie, 'frame_1.jpg': selfie }, { level: 0 });
    const portrait = recording.frame.height > recording.frame.width;
    const form = new FormData();
    form.set('media', new Blob([frames], { type: 'application/zip' }), 'clip.zip');
    form.set(
      'report',
      JSON.stringify({
        version: 1,
        mode: 'shotset',
        automatic: true,
        clipFallback: 'not-accepted',
        tags: ['video_selfie', 'video_selfie_blank', portrait ? 'orientation_portrait' : 'orientation_landscape'],
        frame: recording.frame,
        face: null,
        metrics: {},
        elapsedMs: 1500,
        frameCount: 2,
        capturedAt: new Date().toISOString(),
      }),
    );
    const uploaded = await fetch(`${running.url}/checks`, {
      method: 'POST',
      headers: { authorization: `Bearer ${recording.token}`, origin: strict.site.origin },
      body: form,
    });
    const accepted = (await uploaded.json()) as Record<string, unknown>;
    expect([uploaded.status, accepted]).toMatchObject([202, {}]);
    const result = await finalResult(running.url, running.apiKey, accepted['sessionId'] as string);
    expect(result['status']).toBe('done');
  }, 180_000);

  it("a Kairos-only backend takes Firefox's WebM as it is (Kairos is sent the JPEG still) and completes", async () => {
    const recording = await recordInFirefox();
    const kairos = await startSandboxBackend(strict.site.origin, { env: { LIVENESS_PROVIDERS: 'kairos' } });
    try {
      const { url, apiKey } = kairos.running;
      const created = await fetch(`${url}/sessions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: '{}',
      });
      const session = (await created.json()) as { sessionId: string; captureToken: string };
      const options = await fetch(`${url}/capture-options`, {
        headers: { authorization: `Bearer ${session.captureToken}` },
      });
      expect(await options.json()).toEqual({ clipTypes: ['video/mp4', 'video/webm'], shotset: true });
      const form = new FormData();
      form.set('media', new Blob([bytesOf(recording.media)], { type: 'video/webm' }), 'clip.webm');
      form.set('selfie', new Blob([bytesOf(recording.selfie)], { type: 'image/jpeg' }), 'selfie.jpg');
      const portrait = recording.frame.height > recording.frame.width;
      form.set(
        'report',
        JSON.stringify({
          version: 1,
          mode: 'video',
          automatic: true,
          tags: ['video_selfie', 'video_selfie_blank', portrait ? 'orientation_portrait' : 'orientation_landscape'],
          frame: recording.frame,
          face: null,
          metrics: {},
          elapsedMs: 1500,
          frameCount: 45,
          capturedAt: new Date().toISOString(),
        }),
      );
      const uploaded = await fetch(`${url}/checks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${session.captureToken}` },
        body: form,
      });
      expect([uploaded.status, await uploaded.json()]).toMatchObject([202, {}]);
      const result = await finalResult(url, apiKey, session.sessionId);
      expect(result['status']).toBe('done');
    } finally {
      await kairos.close();
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
