/// <reference types="mocha" />
/** With a camera that shows no face (a cup of coffee), the element says so and never captures. */
import { expect } from '@esm-bundle/chai';
import '../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../src/element.js';
import { nextEvent, recordEvents, sleep } from './support/events.js';

describe('<liveness-check> without a face', () => {
  let element: LivenessCheckElement;

  afterEach(() => element?.remove());

  it('reports no-face guidance, announces it, and takes no capture', async () => {
    element = document.createElement('liveness-check');
    element.autostart = true;
    element.holdDuration = 500;
    const events = recordEvents(element, ['liveness-guidance', 'liveness-capture', 'liveness-error']);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    expect((await ready).detail.detector).to.equal('worker');
    const guidance = await nextEvent(element, 'liveness-guidance', 10_000);
    expect(guidance.detail.code).to.equal('no-face');
    expect(guidance.detail.failing[0]).to.equal('no-face');
    expect(guidance.detail.metrics.faceCount).to.equal(0);
    expect(guidance.detail.message).to.be.a('string').and.not.empty;

    // Several hold durations pass: a capture would have happened by now if a frame had passed the gates.
    await sleep(4_000);
    expect(events.of('liveness-capture')).to.deep.equal([]);
    expect(events.of('liveness-error')).to.deep.equal([]);
    expect(events.of('liveness-guidance').every((g) => g.code === 'no-face')).to.equal(true);
    expect(element.phase).to.equal('guiding');
    const hint = element.shadowRoot!.querySelector('[part="hint"]')!;
    expect(hint.textContent).to.equal(guidance.detail.message);
    const live = element.shadowRoot!.querySelector('[aria-live]')!;
    expect(live.textContent).to.equal(guidance.detail.message);
  });
});
