/// <reference types="mocha" />
/**
 * Accessibility of every screen, with the astronaut clip and the real backend: axe-core finds no violation on
 * any of them, the widget works from the keyboard, focus lands on each new screen, the progress bar and the
 * overlay are labelled or hidden, and reduced motion turns the animations off.
 */
import { expect } from '@esm-bundle/chai';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { expectNoAxeViolations } from './support/axe.js';
import { nextEvent } from './support/events.js';
import { newSession } from './support/integrator.js';
import { gate, replaceProperty, waitFor } from './support/stubs.js';
import { createWidget, focusedInside, isRendered, liveText, mountGuidingWidget, part } from './support/widget.js';

/** WCAG relative luminance of an sRGB colour given as 0–255 channels. */
function luminance([r, g, b]: readonly number[]): number {
  const linear = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r!) + 0.7152 * linear(g!) + 0.0722 * linear(b!);
}

function contrast(a: readonly number[], b: readonly number[]): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Parses `rgb(r, g, b)` / `rgba(r, g, b, a)` as computed styles give them. */
function rgba(color: string): [number, number, number, number] {
  const parts = /rgba?\(([^)]+)\)/
    .exec(color)?.[1]
    ?.split(',')
    .map((p) => Number.parseFloat(p));
  if (!parts || parts.length < 3) throw new Error(`not an rgb colour: ${color}`);
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
}

/** A translucent colour laid over an opaque one. */
function over(top: [number, number, number, number], under: readonly number[]): number[] {
  return [0, 1, 2].map((i) => top[i]! * top[3] + under[i]! * (1 - top[3]));
}

describe('<liveness-check> accessibility', () => {
  let element: LivenessCheckElement;
  const restores: Array<() => void> = [];

  afterEach(() => {
    element?.remove();
    while (restores.length > 0) restores.pop()!();
  });

  it('intro: passes axe, and the start button takes focus and starts the camera with Enter', async () => {
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    await expectNoAxeViolations(element, 'intro');

    const start = part<HTMLButtonElement>(element, 'start-button')!;
    expect(start.tagName).to.equal('BUTTON');
    start.focus();
    expect(focusedInside(element), 'the start button is focusable').to.equal(start);

    const ready = nextEvent(element, 'liveness-ready', 60_000);
    await sendKeys({ press: 'Enter' });
    await waitFor(() => element.phase !== 'intro', 'Enter to start');
    await element.updateComplete;
    const stage = part(element, 'stage')!;
    expect(focusedInside(element), 'focus moves to the camera view when the start button goes').to.equal(stage);
    expect(stage.getAttribute('role')).to.equal('group');
    expect(stage.getAttribute('aria-label')).to.equal(en['video.label']);
    await ready;
  });

  it('intro: Space starts the camera too', async () => {
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    part<HTMLButtonElement>(element, 'start-button')!.focus();
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    await sendKeys({ press: 'Space' });
    expect((await ready).detail.camera.width).to.be.greaterThan(0);
    expect(element.phase).to.equal('guiding');
  });

  it('starting: passes axe while the camera opens and says so', async () => {
    const cameraOpen = gate();
    const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    restores.push(
      replaceProperty(navigator.mediaDevices, 'getUserMedia', async (constraints?: MediaStreamConstraints) => {
        await cameraOpen.promise;
        return realGetUserMedia(constraints);
      }),
    );
    element = createWidget((el) => (el.autostart = true));
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    await waitFor(() => element.phase === 'starting', 'the starting phase');
    await element.updateComplete;
    expect(part(element, 'status')?.textContent).to.equal(en['status.starting']);
    expect(liveText(element)).to.equal(en['status.starting']);
    await expectNoAxeViolations(element, 'starting');
    cameraOpen.open();
    await ready;
  });

  it('guiding: hint, labelled progress, hidden overlay and manual capture pass axe; Space captures', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      // Long enough that the good clip never captures on its own while the screen is checked.
      el.holdDuration = 60_000;
      el.manualCaptureAfter = 300;
    });
    document.body.append(element);
    await waitFor(() => part(element, 'capture-button'), 'the manual capture button');
    const progress = await waitFor(() => {
      const bar = part(element, 'progress');
      return bar && Number(bar.getAttribute('aria-valuenow')) >= 1 ? bar : null;
    }, 'progress while the good frame holds');
    await waitFor(() => part(element, 'hint')?.textContent === en['hint.ok'], 'the ok hint');
    await expectNoAxeViolations(element, 'guiding');

    expect(progress.getAttribute('role')).to.equal('progressbar');
    expect(progress.getAttribute('aria-label')).to.equal(en['progress.label']);
    expect(progress.getAttribute('aria-valuemin')).to.equal('0');
    expect(progress.getAttribute('aria-valuemax')).to.equal('100');
    expect(part(element, 'overlay')!.getAttribute('aria-hidden')).to.equal('true');
    expect(part(element, 'video')!.getAttribute('aria-hidden')).to.equal('true');
    const button = part<HTMLButtonElement>(element, 'capture-button')!;
    const description = button.getAttribute('aria-describedby');
    expect(element.shadowRoot!.getElementById(description ?? '')?.textContent).to.equal(en['manual.hint']);

    button.focus();
    const capture = nextEvent(element, 'liveness-capture');
    await sendKeys({ press: 'Space' });
    const { report } = (await capture).detail;
    expect(report.automatic).to.equal(false);
    expect(report.manualReason).to.equal('timeout');
  });

  it('capturing: passes axe while the frame is being packaged', async () => {
    const encoding = gate();
    const realConvert = OffscreenCanvas.prototype.convertToBlob;
    restores.push(
      replaceProperty(
        OffscreenCanvas.prototype,
        'convertToBlob',
        async function (this: OffscreenCanvas, options?: ImageEncodeOptions) {
          await encoding.promise;
          return realConvert.call(this, options);
        },
      ),
    );
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
    });
    document.body.append(element);
    await waitFor(() => element.phase === 'capturing', 'the automatic capture', 30_000);
    await element.updateComplete;
    expect(part(element, 'status')?.textContent).to.equal(en['status.capturing']);
    await expectNoAxeViolations(element, 'capturing');
    const capture = nextEvent(element, 'liveness-capture');
    encoding.open();
    await capture;
  });

  it('uploading, processing and done pass axe, and focus lands on the done heading', async () => {
    const { endpoint, session } = await newSession();
    const upload = gate();
    const status = gate();
    const realFetch = window.fetch;
    restores.push(
      replaceProperty(window, 'fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.startsWith(endpoint) && init?.method === 'POST') await upload.promise;
        else if (url.startsWith(endpoint)) await status.promise;
        return realFetch.call(window, input, init);
      }),
    );
    element = createWidget((el) => {
      el.autostart = true;
      el.endpoint = endpoint;
      el.token = session.captureToken;
    });
    document.body.append(element);

    await waitFor(() => element.phase === 'uploading', 'the upload', 30_000);
    await element.updateComplete;
    expect(part(element, 'status')?.textContent).to.equal(en['status.uploading']);
    expect(liveText(element)).to.equal(en['status.uploading']);
    await expectNoAxeViolations(element, 'uploading');

    upload.open();
    await waitFor(() => element.phase === 'processing', 'processing');
    await element.updateComplete;
    expect(part(element, 'status')?.textContent).to.equal(en['status.processing']);
    await expectNoAxeViolations(element, 'processing');

    const complete = nextEvent(element, 'liveness-complete', 60_000);
    status.open();
    expect((await complete).detail.status).to.equal('done');
    await element.updateComplete;
    const heading = element.shadowRoot!.querySelector('h2')!;
    expect(heading.textContent).to.equal(en['status.done']);
    expect(focusedInside(element), 'focus moves to the done heading').to.equal(heading);
    expect(liveText(element)).to.equal(en['status.done']);
    await expectNoAxeViolations(element, 'done');
  });

  it('recoverable error: passes axe, focuses the heading, and the retry button works from the keyboard', async () => {
    restores.push(
      replaceProperty(navigator.mediaDevices, 'getUserMedia', () =>
        Promise.reject(new DOMException('Permission denied', 'NotAllowedError')),
      ),
    );
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    part<HTMLButtonElement>(element, 'start-button')!.focus();
    const failed = nextEvent(element, 'liveness-error');
    await sendKeys({ press: 'Enter' });
    expect((await failed).detail.code).to.equal('camera-denied');
    await element.updateComplete;

    const heading = element.shadowRoot!.querySelector('h2')!;
    expect(heading.textContent).to.equal(en['error.title']);
    expect(focusedInside(element), 'focus moves to the error heading').to.equal(heading);
    expect(part(element, 'error-message')?.textContent).to.equal(en['error.camera-denied']);
    expect(liveText(element)).to.equal(en['error.camera-denied']);
    await expectNoAxeViolations(element, 'recoverable error');

    restores.pop()!();
    const retry = part<HTMLButtonElement>(element, 'retry-button')!;
    retry.focus();
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    await sendKeys({ press: 'Enter' });
    await ready;
    expect(element.phase).to.equal('guiding');
  });

  it('unrecoverable error: passes axe and offers no retry', async () => {
    element = createWidget((el) => {
      el.endpoint = 'http://127.0.0.1:9/';
      el.autostart = true;
    });
    const failed = nextEvent(element, 'liveness-error');
    document.body.append(element);
    const { detail } = await failed;
    expect(detail).to.include({ code: 'token-missing', recoverable: false });
    await element.updateComplete;
    expect(part(element, 'retry-button')).to.equal(null);
    expect(focusedInside(element)?.textContent).to.equal(en['error.title']);
    await expectNoAxeViolations(element, 'unrecoverable error');
  });

  it('keeps status text over the video readable whatever the video shows, and text on the surface at AA', async () => {
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    const style = getComputedStyle(element);
    const surface = rgba(style.backgroundColor);
    const text = rgba(style.color);
    expect(contrast(text, surface), 'body text').to.be.at.least(4.5);
    const startButton = part(element, 'start-button')!;
    const button = getComputedStyle(startButton);
    expect(contrast(rgba(button.color), rgba(button.backgroundColor)), 'button text').to.be.at.least(4.5);
    const muted = getComputedStyle(element.shadowRoot!.querySelector('.screen p')!);
    expect(contrast(rgba(muted.color), surface), 'intro text').to.be.at.least(4.5);
    // The keyboard focus ring must stand out from the surface (non-text contrast).
    startButton.focus();
    await sendKeys({ press: 'Shift' });
    expect(startButton.matches(':focus-visible'), 'keyboard focus is visible').to.equal(true);
    expect(button.outlineStyle).to.equal('solid');
    expect(Number.parseFloat(button.outlineWidth)).to.be.at.least(2);
    expect(contrast(rgba(button.outlineColor), surface), 'focus ring').to.be.at.least(3);

    // The stage status sits on a translucent band over live video: check it over pure white and pure black.
    const stageStatus = document.createElement('p');
    stageStatus.className = 'stage-status';
    element.shadowRoot!.append(stageStatus);
    const band = getComputedStyle(stageStatus);
    for (const video of [
      [255, 255, 255],
      [0, 0, 0],
    ]) {
      const backdrop = over(rgba(band.backgroundColor), video);
      expect(contrast(rgba(band.color), backdrop), `status over ${video.join(',')}`).to.be.at.least(4.5);
    }
    stageStatus.remove();

    const errorText = document.createElement('p');
    errorText.className = 'error-message';
    element.shadowRoot!.append(errorText);
    expect(contrast(rgba(getComputedStyle(errorText).color), surface), 'error text').to.be.at.least(4.5);
    errorText.remove();
  });

  it('turns transitions off when the person prefers reduced motion', async () => {
    ({ element } = await mountGuidingWidget());
    const oval = part(element, 'oval')!;
    const bar = part(element, 'progress-bar')!;
    expect(isRendered(bar)).to.equal(true);
    expect(getComputedStyle(oval).transitionDuration).to.not.equal('0s');
    expect(getComputedStyle(bar).transitionDuration).to.not.equal('0s');
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      expect(getComputedStyle(oval).transitionDuration).to.equal('0s');
      expect(getComputedStyle(bar).transitionDuration).to.equal('0s');
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});
