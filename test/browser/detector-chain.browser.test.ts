/// <reference types="mocha" />
/**
 * The detector's start-up chain, walked in Chromium by taking capabilities away through the detector's test hooks:
 * a worker without WebGL gives up before loading any WASM and the main thread takes over; with no WebGL anywhere
 * the element is ready for the manual capture and says why. WebKit walks the first step for real (test/engines).
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { DETECTOR_TEST_HOOKS_GLOBAL, type DetectorTestHooks } from '../../src/capture/detector/test-hooks.js';
import { createFrameAnalyzer, type FrameAnalyzer } from '../../src/capture/detector/analyzer.js';
import { detectorOptions } from '../../src/capture/detector/preload.js';
import { proofFrame, proveAnalyzer } from '../../src/capture/detector/proof-frame.js';
import type { FrameAnalysis } from '../../src/capture/detector/protocol.js';
import { DEFAULT_THRESHOLDS } from '../../src/quality/thresholds.js';
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

describe('the proof frame', () => {
  it('holds a face the real detector finds, so the first camera face meets a warm detection path', async () => {
    const analyzer = await createFrameAnalyzer(detectorOptions());
    const bitmap = proofFrame();
    try {
      const analysis = analyzer.analyze(bitmap, 0, true);
      expect(analysis.faces).to.have.length(1);
      expect(analysis.faces[0]!.score).to.be.at.least(DEFAULT_THRESHOLDS.minDetectionScore);
      // Centred, about a third of the frame high: inside the oval, as a camera face would be.
      const { box } = analysis.faces[0]!;
      expect(box.x + box.width / 2).to.be.closeTo(bitmap.width / 2, bitmap.width * 0.1);
      expect(box.height).to.be.within(bitmap.height * 0.25, bitmap.height * 0.7);
      // The face crop was measured: the frame statistics carry the face's light and sharpness.
      expect(analysis.stats.faceSharpness).to.be.a('number');
      // A proof never starts the face landmarker.
      expect(analysis.landmarks).to.deep.include({ measures: null });
    } finally {
      bitmap.close();
      analyzer.close();
    }
  });

  it('goes through the analyzer more than once, as proof frames, with increasing timestamps', () => {
    const calls: Array<{ width: number; timestamp: number; proof: boolean | undefined }> = [];
    const analyzer: FrameAnalyzer = {
      analyze(bitmap, timestamp, proof) {
        calls.push({ width: bitmap.width, timestamp, proof });
        return {} as FrameAnalysis;
      },
      close: () => undefined,
    };
    proveAnalyzer(analyzer);
    expect(calls.length).to.be.at.least(2);
    expect(calls.every((call) => call.proof === true && call.width === 320)).to.equal(true);
    expect(calls.map((call) => call.timestamp)).to.deep.equal(
      [...calls.map((call) => call.timestamp)].sort((a, b) => a - b),
    );
    expect(new Set(calls.map((call) => call.timestamp)).size).to.equal(calls.length);
  });

  it('fails the proof with what the analyzer threw', () => {
    const analyzer: FrameAnalyzer = {
      analyze() {
        throw new Error('no GL upload');
      },
      close: () => undefined,
    };
    expect(() => proveAnalyzer(analyzer)).to.throw('no GL upload');
  });
});
