/// <reference types="mocha" />
/**
 * Manual capture, with a clip that never passes the gates (the face is too far): the button appears after
 * `manual-capture-after`, or at once when face detection cannot load, works from the keyboard, and the report
 * says the capture was manual and why. A manual capture in video mode is accepted by the real backend.
 */
import { expect } from '@esm-bundle/chai';
import { sendKeys } from '@web/test-runner-commands';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { nextEvent, recordEvents } from './support/events.js';
import { expectBothProvidersDone, newSession, readResult } from './support/integrator.js';
import { waitFor } from './support/stubs.js';
import { createWidget, isRendered, liveText, part } from './support/widget.js';

describe('<liveness-check> manual capture', () => {
  let element: LivenessCheckElement;

  afterEach(() => element?.remove());

  it('offers the button after manual-capture-after, and Enter captures a report marked manual (timeout)', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.manualCaptureAfter = 1_000;
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-error']);
    let buttonWhenGuidingBegan: Element | null | undefined;
    // The offer is scheduled when the camera starts playing, which is when the camera change is announced.
    const noteButton = () => (buttonWhenGuidingBegan = part(element, 'capture-button'));
    element.addEventListener('liveness-camera-change', noteButton, { once: true });
    document.body.append(element);

    const button = await waitFor(() => part<HTMLButtonElement>(element, 'capture-button'), 'the manual button');
    expect(buttonWhenGuidingBegan, 'no button before the delay').to.equal(null);
    expect(events.of('liveness-capture'), 'too far: never captured automatically').to.deep.equal([]);
    expect(button.textContent?.trim()).to.equal(en['manual.capture']);
    expect(part(element, 'manual-hint')?.textContent).to.equal(en['manual.hint']);
    expect(liveText(element)).to.equal(en['manual.hint']);
    // Guidance goes on beside the button (on a slow machine the offer may come before detection has loaded).
    await waitFor(
      () => part(element, 'hint')?.textContent === en['hint.too-far'],
      'the too-far hint beside the button',
    );
    expect(part(element, 'capture-button'), 'the offer stays').to.equal(button);

    button.focus();
    const capture = nextEvent(element, 'liveness-capture');
    await sendKeys({ press: 'Enter' });
    const { detail } = await capture;
    expect(detail.report).to.include({ automatic: false, manualReason: 'timeout', mode: 'image' });
    expect(detail.report.face, 'the last verdict still had the face').to.not.equal(null);
    expect(detail.report.metrics.faceWidthRatio).to.be.below(0.6);
    expect(detail.media.type).to.equal('image/jpeg');
    expect(events.of('liveness-error')).to.deep.equal([]);
    expect(element.phase).to.equal('done');
  });

  it('never offers the button when manual-capture-after is 0 and detection runs', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.manualCaptureAfter = 0;
    });
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    await ready;
    // Several seconds of failing guidance, far beyond the small delays the other tests use.
    await waitFor(() => part(element, 'hint')?.textContent === en['hint.too-far'], 'the too-far hint');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(part(element, 'capture-button')).to.equal(null);
  });

  it('offers manual capture at once when the model cannot load, and reports detector-unavailable', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.assets = '/no-such-assets/';
    });
    const events = recordEvents(element, ['liveness-error', 'liveness-guidance']);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    const { detail } = await ready;
    expect(detail.detector).to.equal('unavailable');
    const [error] = events.of('liveness-error');
    expect(error).to.include({ code: 'model-load-failed', recoverable: true });
    await element.updateComplete;

    expect(element.phase, 'still capturing, not an error screen').to.equal('guiding');
    const button = part<HTMLButtonElement>(element, 'capture-button');
    expect(isRendered(button), 'the button is there at once').to.equal(true);
    expect(part(element, 'hint')?.textContent).to.equal(en['error.model-load-failed']);
    expect(part(element, 'progress'), 'no progress bar without automatic capture').to.equal(null);
    expect(events.of('liveness-guidance')).to.deep.equal([]);

    button!.focus();
    const capture = nextEvent(element, 'liveness-capture');
    await sendKeys({ press: 'Space' });
    const { report } = (await capture).detail;
    expect(report).to.include({ automatic: false, manualReason: 'detector-unavailable' });
    expect(report.face).to.equal(null);
  });

  it('sends a manual video-mode capture as a one-frame shotset that the backend accepts', async () => {
    const { endpoint, session } = await newSession();
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'video';
      el.manualCaptureAfter = 300;
      el.endpoint = endpoint;
      el.token = session.captureToken;
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-error']);
    document.body.append(element);
    const button = await waitFor(() => part<HTMLButtonElement>(element, 'capture-button'), 'the manual button');
    const complete = nextEvent(element, 'liveness-complete', 60_000);
    button.click();
    expect((await complete).detail.status).to.equal('done');
    expect(events.of('liveness-error')).to.deep.equal([]);
    const [capture] = events.of('liveness-capture');
    expect(capture!.media.type).to.equal('application/zip');
    expect(capture!.report).to.include({ mode: 'shotset', automatic: false, frameCount: 1 });
    expectBothProvidersDone(await readResult(session.sessionId));
  });
});
