/// <reference types="mocha" />
/**
 * The warm-up: face detection loads while the start screen is read, and pressing start joins that load instead of
 * starting a second one. Every run serves the assets under its own counted path (web-test-runner.config.mjs), so
 * the tests see how often the worker fetched the WASM and the model.
 */
import { expect } from '@esm-bundle/chai';
import { preloadLivenessAssets, type LivenessCheckElement } from '../../src/element.js';
import { nextEvent, recordEvents, sleep } from './support/events.js';
import { createWidget, part } from './support/widget.js';

const WASM = 'wasm/vision_wasm_module_internal.wasm';
const LOADER = 'wasm/vision_wasm_module_internal.js';
const MODEL = 'face_detection_short_range.tflite';

let run = 0;
function countedAssets(): { base: string; counts: () => Promise<Record<string, number>> } {
  const id = `run-${Date.now()}-${run++}`;
  return {
    base: `/counted-assets/${id}/`,
    counts: async () => (await (await fetch(`/counted-assets-report/${id}`)).json()) as Record<string, number>,
  };
}

async function until(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(50);
  }
}

/** Long enough for the observer, the idle callback (≤ 1 s) and the worker's first fetch, had a warm-up started. */
const WARM_UP_WOULD_HAVE_STARTED_MS = 2_500;

describe('<liveness-check> warm-up', () => {
  let element: LivenessCheckElement | undefined;
  afterEach(() => {
    element?.remove();
    element = undefined;
    Object.defineProperty(navigator, 'connection', { value: undefined, configurable: true });
    delete (navigator as { connection?: unknown }).connection;
  });

  it('loads detection while the start screen shows, and start joins the load: one fetch of each file', async () => {
    const assets = countedAssets();
    element = createWidget((el) => (el.assets = assets.base));
    document.body.append(element);
    await until(async () => ((await assets.counts())[WASM] ?? 0) >= 1);
    expect(element.phase).to.equal('intro');
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    const firstGuidance = nextEvent(element, 'liveness-guidance', 60_000);
    void element.start();
    expect((await ready).detail.detector).to.equal('worker');
    await firstGuidance;
    expect(await assets.counts()).to.deep.equal({ [LOADER]: 1, [WASM]: 1, [MODEL]: 1 });
  });

  it('shows the first frame’s hint at once: a still face sees ok, not "Hold still"', async () => {
    const assets = countedAssets();
    element = createWidget((el) => {
      el.assets = assets.base;
      el.holdDuration = 60_000;
    });
    const events = recordEvents(element, ['liveness-guidance']);
    const first = nextEvent(element, 'liveness-guidance', 60_000);
    document.body.append(element);
    void element.start();
    const { detail } = await first;
    expect(detail.code).to.equal('ok');
    // The verdict itself still waits for the stillness window before the capture may count the frame.
    expect(detail.failing).to.deep.equal(['moving']);
    expect(events.of('liveness-guidance').map((g) => g.code)).to.not.include('moving');
  });

  it('renders its start screen in a task after the one that connected it, not inside it', async () => {
    element = createWidget((el) => (el.preload = 'none'));
    let renderedInConnectingTask: boolean | null = null;
    const connectingTask = new Promise<void>((resolve) => {
      setTimeout(() => {
        document.body.append(element!);
        // Every microtask of this task runs before the next task: a render scheduled as a microtask would be done.
        void Promise.resolve()
          .then(() => new Promise<void>((r) => queueMicrotask(r)))
          .then(() => {
            renderedInConnectingTask = part(element!, 'start-button') !== null;
            resolve();
          });
      });
    });
    await connectingTask;
    expect(renderedInConnectingTask).to.equal(false);
    await element.updateComplete;
    expect(part(element, 'start-button')).to.not.equal(null);
  });

  it('loads nothing before start with preload="none"', async () => {
    const assets = countedAssets();
    element = createWidget((el) => {
      el.assets = assets.base;
      el.setAttribute('preload', 'none');
    });
    document.body.append(element);
    await sleep(WARM_UP_WOULD_HAVE_STARTED_MS);
    expect(await assets.counts()).to.deep.equal({});
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    void element.start();
    await ready;
    expect(await assets.counts()).to.deep.equal({ [LOADER]: 1, [WASM]: 1, [MODEL]: 1 });
  });

  it('skips the warm-up when the browser asks to save data', async () => {
    Object.defineProperty(navigator, 'connection', { value: { saveData: true }, configurable: true });
    const assets = countedAssets();
    element = createWidget((el) => (el.assets = assets.base));
    document.body.append(element);
    await sleep(WARM_UP_WOULD_HAVE_STARTED_MS);
    expect(await assets.counts()).to.deep.equal({});
  });

  it('preloadLivenessAssets() loads before any element exists; the element takes that detector over', async () => {
    const assets = countedAssets();
    await preloadLivenessAssets({ assets: assets.base });
    expect(await assets.counts()).to.deep.equal({ [LOADER]: 1, [WASM]: 1, [MODEL]: 1 });
    element = createWidget((el) => {
      el.assets = assets.base;
      el.preload = 'none';
    });
    document.body.append(element);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    void element.start();
    expect((await ready).detail.detector).to.equal('worker');
    expect(await assets.counts()).to.deep.equal({ [LOADER]: 1, [WASM]: 1, [MODEL]: 1 });
  });
});
