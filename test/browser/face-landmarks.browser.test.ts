/// <reference types="mocha" />
/**
 * The face landmarker around the eye and mouth checks, through the real element, with the `eyes-closed` clip
 * (lids painted shut) on the fake camera: it never delays the first guidance, it runs on the main-thread fallback
 * too, and `face-landmarks="off"` skips it, so the same clip is then captured.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../src/element.js';
import { nextEvent, recordEvents, sleep } from './support/events.js';

async function waitForHint(events: ReturnType<typeof recordEvents>, code: string, timeoutMs = 20_000) {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const hint = events.of('liveness-guidance').find((g) => g.code === code);
    if (hint) return hint;
    await sleep(100);
  }
  throw new Error(
    `no ${code} hint (saw ${events
      .of('liveness-guidance')
      .map((g) => g.code)
      .join(', ')})`,
  );
}

describe('face landmarks', () => {
  let element: LivenessCheckElement;
  afterEach(() => element?.remove());

  it('loads after the first guidance, then reports eyes-closed with its measured values', async () => {
    element = document.createElement('liveness-check');
    element.autostart = true;
    const events = recordEvents(element, ['liveness-guidance', 'liveness-capture']);
    document.body.append(element);
    const hint = await waitForHint(events, 'eyes-closed');
    // The first hint came from BlazeFace alone: the landmarker had not loaded, so nothing of it was measured.
    const first = events.of('liveness-guidance')[0]!;
    expect(first.metrics.eyeAspectRatio, 'first guidance without landmarks').to.equal(undefined);
    expect(hint.metrics.eyeAspectRatio).to.be.below(0.2);
    expect(hint.metrics.eyesClosedMs).to.be.at.least(300);
    expect(hint.metrics.eyeLumaRatio).to.be.a('number');
    expect(hint.metrics.mouthSkinShare).to.be.a('number');
    expect(events.of('liveness-capture')).to.deep.equal([]);
  });

  it('runs in the main-thread fallback too', async () => {
    element = document.createElement('liveness-check');
    element.autostart = true;
    element.noWorker = true;
    const events = recordEvents(element, ['liveness-guidance', 'liveness-capture']);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    expect((await ready).detail.detector).to.equal('main-thread');
    await waitForHint(events, 'eyes-closed');
    expect(events.of('liveness-capture')).to.deep.equal([]);
  });

  it('face-landmarks="off" skips the landmark checks: the same clip is captured, with no landmark metric', async () => {
    element = document.createElement('liveness-check');
    element.setAttribute('face-landmarks', 'off');
    element.autostart = true;
    element.mode = 'image';
    const events = recordEvents(element, ['liveness-guidance']);
    const capture = nextEvent(element, 'liveness-capture', 30_000);
    document.body.append(element);
    const { report } = (await capture).detail;
    expect(element.faceLandmarks).to.equal('off');
    expect(report.automatic).to.equal(true);
    for (const metric of ['eyeAspectRatio', 'eyeLumaRatio', 'eyeContrast', 'mouthSkinShare', 'eyesClosedMs']) {
      expect(report.metrics[metric], metric).to.equal(undefined);
    }
    expect(events.of('liveness-guidance').some((g) => g.code === 'eyes-closed')).to.equal(false);
  });
});
