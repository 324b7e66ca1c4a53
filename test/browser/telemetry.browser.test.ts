/// <reference types="mocha" />
/**
 * MediaPipe Tasks posts usage logs to Google every minute and when a task closes. The widget must never let
 * that request out. The page's fetch is replaced, before the element exists, by a stand-in for the network that
 * records what reaches it; the widget's guard then wraps it when detection loads on the main thread. Once
 * detection is ready, an observer over the guard sees what MediaPipe asks for and what the guard refuses. The
 * test proves that MediaPipe did send its log (after a capture closes the detector, which flushes it), that the
 * guard refused it, that the network never saw it, and that the very same request, sent without the guard,
 * reaches the network. The worker path is covered by the network-level distribution test.
 */
import { expect } from '@esm-bundle/chai';
import '../../src/liveness-check.js';
import type { LivenessCheckElement } from '../../src/element.js';
import { nextEvent } from './support/events.js';
import { waitFor } from './support/stubs.js';

const TELEMETRY_ORIGIN = 'https://odml.pa.googleapis.com';

function urlOf(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}

const isForeign = (url: string) => new URL(url, location.href).origin !== location.origin;

// The network, as far as this page can tell: every request that gets past the guard lands here. Foreign ones
// are answered here rather than sent, so the test never reaches Google whatever happens. It is installed once
// and never removed: the guard wraps it, and taking it away would silently take the guard with it.
const originalFetch = window.fetch.bind(window);
const requested: string[] = [];
const network = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
  const url = urlOf(input);
  requested.push(url);
  return isForeign(url) ? Promise.resolve(new Response(null, { status: 204 })) : originalFetch(input, init);
};
window.fetch = network;

describe('no third-party requests from the detector', () => {
  let element: LivenessCheckElement;
  let guarded: typeof window.fetch | null = null;

  afterEach(async () => {
    element?.remove();
    // Only the test's observer goes; the guard stays, and must still be refusing for the next test.
    if (guarded) window.fetch = guarded;
    const stillGuarded = await window.fetch(`${TELEMETRY_ORIGIN}/v1/log`, { method: 'POST' }).then(
      () => false,
      () => true,
    );
    expect(stillGuarded, 'the telemetry guard is still installed').to.equal(true);
  });

  it('never lets MediaPipe telemetry reach fetch on the main-thread path', async () => {
    element = document.createElement('liveness-check');
    element.noWorker = true;
    element.autostart = true;
    element.mode = 'image';
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    const captured = nextEvent(element, 'liveness-capture', 60_000);
    document.body.append(element);
    expect((await ready).detail.detector).to.equal('main-thread');
    expect(window.fetch, 'detection installed its guard over the page fetch').to.not.equal(network);

    // Over the guard: what MediaPipe asks for, and which of those requests the guard refused.
    guarded = window.fetch;
    const guard = guarded;
    const attempted: Array<{ url: string; init: RequestInit | undefined }> = [];
    const refused: Array<{ url: string; error: unknown }> = [];
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = urlOf(input);
      attempted.push({ url, init });
      return guard(input, init).catch((error: unknown) => {
        refused.push({ url, error });
        throw error;
      });
    };

    await captured;
    // The capture closes the detector, which flushes MediaPipe's usage log.
    await waitFor(() => refused.length > 0, "MediaPipe's usage log being refused");
    const telemetry = attempted.filter(({ url }) => url.startsWith(`${TELEMETRY_ORIGIN}/`));
    expect(telemetry.length, 'MediaPipe sent its usage log').to.be.greaterThan(0);
    expect(refused.map(({ url }) => url)).to.deep.equal(telemetry.map(({ url }) => url));
    expect(String(refused[0]!.error)).to.match(/liveness-check blocked a third-party request/);

    expect(
      requested.some((url) => url.endsWith('.tflite')),
      'the spy sees the model fetch',
    ).to.equal(true);
    const foreign = requested.filter(isForeign);
    expect(foreign).to.deep.equal([]);

    // The control: the same request without the guard in the way does reach the network.
    const { url, init } = telemetry[0]!;
    await network(url, init);
    expect(requested.filter(isForeign)).to.deep.equal([url]);
  });
});
