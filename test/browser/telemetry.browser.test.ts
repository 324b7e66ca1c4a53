/// <reference types="mocha" />
/**
 * MediaPipe Tasks posts usage logs to Google every minute and when a task closes. The widget must never let
 * that request out: a fetch spy installed before the element must not see it, even after a capture closes the
 * detector (which flushes MediaPipe's log). The worker path is covered by the network-level distribution test.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../src/element.js';
import { nextEvent, sleep } from './support/events.js';

describe('no third-party requests from the detector', () => {
  let element: LivenessCheckElement;
  const originalFetch = window.fetch;
  afterEach(() => {
    element?.remove();
    window.fetch = originalFetch;
  });

  it('never lets MediaPipe telemetry reach fetch on the main-thread path', async () => {
    const requested: string[] = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      requested.push(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url);
      return originalFetch(input, init);
    };
    element = document.createElement('liveness-check');
    element.noWorker = true;
    element.autostart = true;
    element.mode = 'image';
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    const captured = nextEvent(element, 'liveness-capture', 60_000);
    document.body.append(element);
    expect((await ready).detail.detector).to.equal('main-thread');
    await captured;
    // The capture closes the detector, which flushes MediaPipe's usage log.
    await sleep(1_000);
    expect(requested.some((url) => url.endsWith('.tflite')), 'the spy sees the model fetch').to.equal(true);
    const foreign = requested.filter((url) => new URL(url, location.href).origin !== location.origin);
    expect(foreign).to.deep.equal([]);
  });
});
