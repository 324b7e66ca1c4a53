/// <reference types="mocha" />
/**
 * Camera faults, each with its stable `liveness-error` code, a clear error screen and a retry that reopens the
 * camera and guides again; and a hidden page pausing the guidance until it is shown again. getUserMedia is made
 * to reject with the DOMException a browser gives for each fault, which is the contract the widget relies on.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import type { LivenessErrorCode } from '../../src/errors.js';
import { en } from '../../src/i18n/en.js';
import { nextEvent, recordEvents, sleep } from './support/events.js';
import { replaceProperty, setPageVisibility } from './support/stubs.js';
import { createWidget, liveText, mountGuidingWidget, part } from './support/widget.js';

const FAULTS: Array<{ domError: string; code: LivenessErrorCode }> = [
  { domError: 'NotAllowedError', code: 'camera-denied' },
  { domError: 'NotFoundError', code: 'camera-not-found' },
  { domError: 'NotReadableError', code: 'camera-in-use' },
];

function previewTracks(element: LivenessCheckElement): MediaStreamTrack[] {
  const stream = element.shadowRoot!.querySelector('video')!.srcObject as MediaStream | null;
  return stream?.getVideoTracks() ?? [];
}

/** Presses retry and waits until the camera is open again and guidance has been given. */
async function retryAndExpectGuidance(element: LivenessCheckElement): Promise<void> {
  const retry = part<HTMLButtonElement>(element, 'retry-button');
  expect(retry, 'a retry button').to.not.equal(null);
  const ready = nextEvent(element, 'liveness-ready', 60_000);
  const guidance = nextEvent(element, 'liveness-guidance', 30_000);
  retry!.click();
  expect((await ready).detail.detector).to.equal('worker');
  await guidance;
  expect(element.phase).to.equal('guiding');
  expect(previewTracks(element).every((t) => t.readyState === 'live')).to.equal(true);
}

describe('<liveness-check> camera faults', () => {
  let element: LivenessCheckElement;
  const restores: Array<() => void> = [];

  afterEach(() => {
    element?.remove();
    while (restores.length > 0) restores.pop()!();
  });

  for (const { domError, code } of FAULTS) {
    it(`reports ${code} when getUserMedia fails with ${domError}, and retry opens the camera`, async () => {
      const calls: MediaStreamConstraints[] = [];
      restores.push(
        replaceProperty(navigator.mediaDevices, 'getUserMedia', (constraints?: MediaStreamConstraints) => {
          calls.push(constraints ?? {});
          return Promise.reject(new DOMException(`${domError} from the test`, domError));
        }),
      );
      element = createWidget((el) => (el.autostart = true));
      const failed = nextEvent(element, 'liveness-error');
      document.body.append(element);
      const { detail } = await failed;
      expect(detail).to.include({ code, recoverable: true });
      expect(calls).to.have.length(1);
      expect(calls[0]!.audio, 'the microphone is never requested').to.equal(false);
      await element.updateComplete;
      expect(element.phase).to.equal('error');
      expect(part(element, 'error-message')?.textContent).to.equal(en[`error.${code}`]);
      expect(liveText(element)).to.equal(en[`error.${code}`]);

      restores.pop()!();
      await retryAndExpectGuidance(element);
    });
  }

  it('reports camera-ended when the track ends mid-capture, releases the camera, and retry reopens it', async () => {
    // The good clip must not be captured before the track ends.
    ({ element } = await mountGuidingWidget());
    const [track] = previewTracks(element);
    expect(track?.readyState).to.equal('live');

    const failed = nextEvent(element, 'liveness-error');
    track!.dispatchEvent(new Event('ended'));
    expect((await failed).detail).to.include({ code: 'camera-ended', recoverable: true });
    await element.updateComplete;
    expect(element.phase).to.equal('error');
    expect(track!.readyState, 'the widget stopped the track').to.equal('ended');
    expect(part(element, 'error-message')?.textContent).to.equal(en['error.camera-ended']);

    await retryAndExpectGuidance(element);
    expect(previewTracks(element)[0], 'a new track').to.not.equal(track);
  });

  it('pauses guidance while the page is hidden and resumes it when shown, then captures', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.holdDuration = 500;
    });
    const events = recordEvents(element, ['liveness-guidance', 'liveness-capture', 'liveness-error']);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    await ready;
    restores.push(setPageVisibility('hidden'));
    await element.updateComplete;
    expect(part(element, 'status')?.textContent).to.equal(en['status.paused']);
    expect(liveText(element)).to.equal(en['status.paused']);
    const guidanceWhenPaused = events.of('liveness-guidance').length;

    // The good clip is captured within about a second of guiding; paused, nothing may happen for much longer.
    await sleep(2_500);
    expect(events.of('liveness-capture'), 'no capture while hidden').to.deep.equal([]);
    expect(events.of('liveness-guidance').length, 'no guidance while hidden').to.equal(guidanceWhenPaused);
    expect(element.phase).to.equal('guiding');
    expect(previewTracks(element)[0]?.readyState, 'the camera stays open').to.equal('live');

    const capture = nextEvent(element, 'liveness-capture', 30_000);
    restores.pop()!();
    restores.push(setPageVisibility('visible'));
    await element.updateComplete;
    expect(part(element, 'status'), 'the paused status goes away').to.equal(null);
    const { report } = (await capture).detail;
    expect(report.automatic).to.equal(true);
    expect(events.of('liveness-guidance').length).to.be.greaterThan(guidanceWhenPaused);
    expect(events.of('liveness-error')).to.deep.equal([]);
  });
});
