/// <reference types="mocha" />
/**
 * The camera switcher. Chromium's fake device is a single camera, so enumerateDevices is made to list a second
 * one; getUserMedia records the constraints it gets and opens the fake camera whatever they ask for.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { expectNoAxeViolations } from './support/axe.js';
import { nextEvent } from './support/events.js';
import { replaceProperty, waitFor } from './support/stubs.js';
import { createWidget, mountGuidingWidget, part } from './support/widget.js';

const SECOND_CAMERA = 'second-camera-id';

function requestedDevice(constraints: MediaStreamConstraints): unknown {
  return typeof constraints.video === 'object' ? constraints.video.deviceId : undefined;
}

describe('<liveness-check> camera switcher', () => {
  let element: LivenessCheckElement;
  const restores: Array<() => void> = [];
  let calls: MediaStreamConstraints[];

  /** Lists a second camera, and lets every getUserMedia call open the one fake camera. */
  function withTwoCameras(): void {
    calls = [];
    const realGetUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    const realEnumerate = navigator.mediaDevices.enumerateDevices.bind(navigator.mediaDevices);
    restores.push(
      replaceProperty(navigator.mediaDevices, 'getUserMedia', (constraints?: MediaStreamConstraints) => {
        calls.push(constraints ?? {});
        return realGetUserMedia({ video: true, audio: false });
      }),
      replaceProperty(navigator.mediaDevices, 'enumerateDevices', async () => {
        const second = { deviceId: SECOND_CAMERA, groupId: 'g2', kind: 'videoinput', label: 'Rear camera' };
        return [...(await realEnumerate()), { ...second, toJSON: () => second } as MediaDeviceInfo];
      }),
    );
  }

  afterEach(() => {
    element?.remove();
    while (restores.length > 0) restores.pop()!();
  });

  it('shows no switcher with a single camera', async () => {
    ({ element } = await mountGuidingWidget());
    await element.updateComplete;
    expect(part(element, 'camera-select')).to.equal(null);
  });

  it('lists both cameras in a labelled select, and choosing one restarts with that exact device', async () => {
    withTwoCameras();
    element = createWidget((el) => {
      el.autostart = true;
      el.holdDuration = 60_000;
    });
    const firstChange = nextEvent(element, 'liveness-camera-change', 60_000);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    const activeCamera = (await firstChange).detail;
    expect(activeCamera.deviceId).to.be.a('string').and.not.empty;
    await ready;
    expect(requestedDevice(calls[0]!), 'the first start asks for no particular camera').to.equal(undefined);
    expect(calls[0]!.video).to.have.property('facingMode', 'user');

    const select = await waitFor(() => part<HTMLSelectElement>(element, 'camera-select'), 'the camera select');
    const options = [...select.options];
    expect(options.map((o) => o.value)).to.deep.equal([activeCamera.deviceId, SECOND_CAMERA]);
    expect(options[1]!.textContent.trim()).to.equal('Rear camera');
    expect(select.value, 'the camera in use is selected').to.equal(activeCamera.deviceId);
    expect([...(select.labels ?? [])].map((l) => l.textContent?.trim())).to.deep.equal([en['camera.label']]);
    await expectNoAxeViolations(element, 'guiding with a camera switcher');

    const change = nextEvent(element, 'liveness-camera-change', 60_000);
    const readyAgain = nextEvent(element, 'liveness-ready', 60_000);
    select.value = SECOND_CAMERA;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await change;
    await readyAgain;
    expect(element.cameraId).to.equal(SECOND_CAMERA);
    expect(calls).to.have.length(2);
    expect(requestedDevice(calls[1]!)).to.deep.equal({ exact: SECOND_CAMERA });
    expect(element.phase).to.equal('guiding');
  });

  it('opens the camera named by the camera-id attribute', async () => {
    withTwoCameras();
    ({ element } = await mountGuidingWidget((el) => el.setAttribute('camera-id', SECOND_CAMERA)));
    expect(element.cameraId).to.equal(SECOND_CAMERA);
    expect(requestedDevice(calls[0]!)).to.deep.equal({ exact: SECOND_CAMERA });
  });

  it('falls back to the default camera when camera-id names a camera that no longer exists', async () => {
    element = createWidget((el) => {
      el.setAttribute('camera-id', 'unplugged-camera');
      el.autostart = true;
      el.holdDuration = 60_000;
    });
    const events: string[] = [];
    element.addEventListener('liveness-error', (e) => events.push(e.detail.code));
    const change = nextEvent(element, 'liveness-camera-change', 60_000);
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    document.body.append(element);
    const { detail } = await change;
    await ready;
    expect(detail.deviceId, 'the camera actually opened is reported').to.be.a('string');
    expect(detail.deviceId).to.not.equal('unplugged-camera');
    expect(events).to.deep.equal([]);
    expect(element.phase).to.equal('guiding');
  });
});
