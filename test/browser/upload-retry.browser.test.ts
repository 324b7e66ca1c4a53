/// <reference types="mocha" />
/**
 * Retrying after the network fails, against the real backend. The capture token is single use, so a failed
 * upload is re-sent as the same upload (same idempotency key, no new capture), and a failure while waiting for
 * an accepted check resumes that wait instead of capturing again.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { nextEvent, recordEvents } from './support/events.js';
import { expectBothProvidersDone, newSession, readResult } from './support/integrator.js';
import { replaceProperty, waitFor } from './support/stubs.js';
import { createWidget, part } from './support/widget.js';

interface BackendCall {
  method: string;
  url: string;
  idempotencyKey: string | null;
}

function firstError(events: ReturnType<typeof recordEvents>) {
  const errors = events.of('liveness-error');
  return errors.length > 0 ? errors : null;
}

describe('<liveness-check> retry after network failures', () => {
  let element: LivenessCheckElement;
  let restore: (() => void) | null = null;

  afterEach(() => {
    element?.remove();
    restore?.();
    restore = null;
  });

  /**
   * Routes the widget's backend calls through `fail`: when it returns true the call fails as a dropped
   * connection would (a TypeError from fetch), otherwise it reaches the real backend.
   */
  function interceptBackend(endpoint: string, fail: (call: BackendCall) => boolean): BackendCall[] {
    const calls: BackendCall[] = [];
    const realFetch = window.fetch;
    restore = replaceProperty(window, 'fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = input instanceof Request ? input.url : String(input);
      if (!url.startsWith(endpoint)) return realFetch.call(window, input, init);
      const headers = new Headers(init?.headers);
      const call = { method: init?.method ?? 'GET', url, idempotencyKey: headers.get('idempotency-key') };
      calls.push(call);
      if (fail(call)) throw new TypeError('Failed to fetch');
      return realFetch.call(window, input, init);
    });
    return calls;
  }

  async function startCapture(endpoint: string, token: string): Promise<ReturnType<typeof recordEvents>> {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.endpoint = endpoint;
      el.token = token;
    });
    const events = recordEvents(element, ['liveness-capture', 'liveness-submitted', 'liveness-error']);
    document.body.append(element);
    return events;
  }

  it('re-sends the same upload when sending failed, without capturing again', async () => {
    const { endpoint, session } = await newSession();
    let online = false;
    const calls = interceptBackend(endpoint, () => !online);
    const events = await startCapture(endpoint, session.captureToken);
    const [error] = await waitFor(() => firstError(events), 'the upload to fail', 30_000);
    expect(error).to.include({ code: 'network', recoverable: true });
    await element.updateComplete;
    expect(part(element, 'error-message')?.textContent).to.equal(en['error.network']);
    const uploadsWhileOffline = calls.filter((c) => c.method === 'POST');
    expect(uploadsWhileOffline.length, 'the client retried on its own first').to.be.greaterThan(1);

    online = true;
    const complete = nextEvent(element, 'liveness-complete', 60_000);
    part<HTMLButtonElement>(element, 'retry-button')!.click();
    expect((await complete).detail.status).to.equal('done');
    const uploads = calls.filter((c) => c.method === 'POST');
    expect(new Set(uploads.map((c) => c.idempotencyKey)).size, 'one idempotency key for every attempt').to.equal(1);
    expect(uploads[0]!.idempotencyKey).to.be.a('string').and.not.empty;
    expect(events.of('liveness-capture'), 'captured once').to.have.length(1);
    expect(events.of('liveness-submitted')).to.have.length(1);
    expectBothProvidersDone(await readResult(session.sessionId));
  });

  it('resumes waiting for an accepted check when the status could not be read', async () => {
    const { endpoint, session } = await newSession();
    // Uploads go through; reading the check's status fails until the retry.
    let online = false;
    const calls = interceptBackend(endpoint, (call) => call.method === 'GET' && !online);
    const events = await startCapture(endpoint, session.captureToken);
    const [error] = await waitFor(() => firstError(events), 'polling to give up', 30_000);
    expect(error).to.include({ code: 'network', recoverable: true });
    const [submitted] = events.of('liveness-submitted');
    expect(submitted, 'the upload had been accepted').to.exist;
    await element.updateComplete;

    online = true;
    const complete = nextEvent(element, 'liveness-complete', 60_000);
    part<HTMLButtonElement>(element, 'retry-button')!.click();
    const { detail } = await complete;
    expect(detail).to.include({ status: 'done', checkId: submitted!.checkId });
    expect(
      calls.filter((c) => c.method === 'POST'),
      'the upload was not sent again',
    ).to.have.length(1);
    expect(events.of('liveness-capture'), 'no second capture').to.have.length(1);
    expect(element.phase).to.equal('done');
    expectBothProvidersDone(await readResult(session.sessionId));
  });
});
