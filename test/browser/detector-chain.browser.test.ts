/// <reference types="mocha" />
/**
 * The detector's start-up chain, walked in Chromium by taking capabilities away through the detector's test hooks:
 * a worker without WebGL gives up before loading any WASM and the main thread takes over; with no WebGL anywhere
 * the element is ready for the manual capture and says why. WebKit walks the first step for real (test/engines).
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { DETECTOR_TEST_HOOKS_GLOBAL, type DetectorTestHooks } from '../../src/capture/detector/test-hooks.js';
import { nextEvent } from './support/events.js';
import { waitFor } from './support/stubs.js';
import { mountGuidingWidget, part } from './support/widget.js';

function setHooks(hooks: DetectorTestHooks | undefined): void {
  (globalThis as Record<string, unknown>)[DETECTOR_TEST_HOOKS_GLOBAL] = hooks;
}

describe('<liveness-check> detector runtime chain', () => {
  let element: LivenessCheckElement;

  afterEach(() => {
    element?.remove();
    setHooks(undefined);
  });

  it('is ready in the worker only after a real frame, with nothing given up', async () => {
    const mounted = await mountGuidingWidget((el) => (el.mode = 'image'));
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('worker');
    expect(mounted.ready.fallbacks).to.deep.equal([]);
  });

  it('falls back to the main thread when the worker has no WebGL, before the worker loads any WASM', async () => {
    setHooks({ workerWebGL: false });
    const mounted = await mountGuidingWidget((el) => (el.mode = 'image'));
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('main-thread');
    expect(mounted.ready.fallbacks).to.have.length(1);
    expect(mounted.ready.fallbacks[0]).to.include({ runtime: 'worker', reason: 'no-webgl' });
    // The fake camera shows a face: the main-thread detector guides.
    const guidance = await nextEvent(element, 'liveness-guidance', 30_000);
    expect(guidance.detail.code).to.be.a('string');
  });

  it('offers the manual capture with the reason when no runtime has WebGL', async () => {
    setHooks({ workerWebGL: false, mainThreadWebGL: false });
    // The earlier test's main-thread load is in the page's resource timing.
    performance.clearResourceTimings();
    const mounted = await mountGuidingWidget((el) => {
      el.mode = 'image';
      el.manualCaptureAfter = 0;
    });
    element = mounted.element;
    expect(mounted.ready.detector).to.equal('unavailable');
    expect(mounted.ready.fallbacks.map((f) => [f.runtime, f.reason])).to.deep.equal([
      ['worker', 'no-webgl'],
      ['main-thread', 'no-webgl'],
    ]);
    // Neither runtime downloaded the WASM: the probes ran first.
    expect(performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'))).to.deep.equal([]);
    await waitFor(() => part(element, 'capture-button'), 'the manual capture button');
    const captured = nextEvent(element, 'liveness-capture', 30_000);
    part<HTMLButtonElement>(element, 'capture-button')!.click();
    const { report } = (await captured).detail;
    expect(report.automatic).to.equal(false);
    expect(report.manualReason).to.equal('detector-unavailable');
  });
});
