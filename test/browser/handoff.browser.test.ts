/// <reference types="mocha" />
/**
 * A desktop without a camera (this group's Chromium runs without a fake camera): the support check finds none,
 * the element reports camera-not-found and offers the phone at once with a QR code, the link and a copy button,
 * and fires liveness-handoff. The phone side of a used link, against the real backend (whose LIVENESS_HANDOFF_URL
 * here points at this page's origin, as an integrator's own mobile page would).
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { checkSupport } from '../../src/support/index.js';
import { en } from '../../src/i18n/en.js';
import { expectNoAxeViolations } from './support/axe.js';
import { nextEvent, recordEvents, sleep } from './support/events.js';
import { newSession } from './support/integrator.js';
import { createWidget, part } from './support/widget.js';

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

describe('<liveness-check> handoff from a desktop without a camera', () => {
  let element: LivenessCheckElement | null = null;
  afterEach(() => {
    element?.remove();
    element = null;
  });

  it('finds no camera without asking for one', async () => {
    const result = await checkSupport();
    expect(result.reasons).to.include('no-camera');
    expect(result.supported).to.equal(false);
  });

  it('reports camera-not-found, then shows the QR code and link and fires liveness-handoff', async () => {
    const { endpoint, session } = await newSession();
    const widget = createWidget((el) => {
      el.endpoint = endpoint;
      el.token = session.captureToken;
    });
    element = widget;
    const events = recordEvents(widget, ['liveness-error', 'liveness-handoff']);
    const handoff = nextEvent(widget, 'liveness-handoff');
    document.body.append(widget);
    const { detail } = await handoff;
    expect(events.seen.map((event) => event.type)).to.deep.equal(['liveness-error', 'liveness-handoff']);
    expect(events.of('liveness-error')[0]).to.include({ code: 'camera-not-found', recoverable: true });
    expect(widget.phase).to.equal('handoff');
    // LIVENESS_HANDOFF_URL (web-test-runner.config.mjs) points at this page's origin, the integrator's mobile page.
    const link = new URL(detail.url);
    expect(link.origin + link.pathname).to.equal(`${location.origin}/phone`);
    expect(link.searchParams.get('code')).to.match(/^[A-Za-z0-9_-]{22}$/);
    expect(link.searchParams.get('endpoint')).to.equal(endpoint);
    expect(Date.parse(detail.expiresAt)).to.be.greaterThan(Date.now());

    await widget.updateComplete;
    const qr = part<SVGSVGElement>(widget, 'qr');
    expect(qr, 'the QR code').to.not.equal(null);
    expect(qr!.getAttribute('aria-label')).to.equal(en['handoff.qr-label']);
    expect(qr!.querySelector('path')!.getAttribute('d')!.length).to.be.greaterThan(100);
    expect(part(widget, 'link')!.textContent.trim()).to.equal(detail.url);
    expect(part(widget, 'error-message')!.textContent).to.equal(en['error.camera-not-found']);
    expect(part(widget, 'copy-button')!.textContent.trim()).to.equal(en['link.copy']);
    await expectNoAxeViolations(widget, 'handoff');
  });

  it('shows the QR code first with handoff="always"', async () => {
    const { endpoint, session } = await newSession();
    const widget = createWidget((el) => {
      el.endpoint = endpoint;
      el.token = session.captureToken;
      el.handoff = 'always';
    });
    element = widget;
    const errors = recordEvents(widget, ['liveness-error']);
    const handoff = nextEvent(widget, 'liveness-handoff');
    document.body.append(widget);
    await handoff;
    expect(errors.seen).to.deep.equal([]);
    expect(widget.phase).to.equal('handoff');
  });

  it('stays on the error screen with handoff="off"', async () => {
    const { endpoint, session } = await newSession();
    const widget = createWidget((el) => {
      el.endpoint = endpoint;
      el.token = session.captureToken;
      el.handoff = 'off';
    });
    element = widget;
    const failed = nextEvent(widget, 'liveness-error');
    const handoffs = recordEvents(widget, ['liveness-handoff']);
    document.body.append(widget);
    expect((await failed).detail.code).to.equal('camera-not-found');
    await sleep(300);
    expect(widget.phase).to.equal('error');
    expect(handoffs.seen).to.deep.equal([]);
  });

  it('tells the phone that a used link is used, and the desktop can make a new one', async () => {
    const { endpoint, session } = await newSession();
    const desktop = createWidget((el) => {
      el.endpoint = endpoint;
      el.token = session.captureToken;
      el.handoff = 'always';
    });
    element = desktop;
    const first = nextEvent(desktop, 'liveness-handoff');
    document.body.append(desktop);
    const { url } = (await first).detail;
    const code = new URL(url).searchParams.get('code')!;
    // Another phone got there first.
    const taken = await fetch(`${endpoint}/handoffs/exchange`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code }),
    });
    expect(taken.status).to.equal(200);
    // The desktop learns that the code was redeemed: the QR code goes, "continue on your phone" shows.
    await until(() => part(desktop, 'status')?.textContent === en['handoff.opened'], 'the desktop saying "opened"');
    expect(part(desktop, 'qr')).to.equal(null);

    const phone = createWidget((el) => {
      el.endpoint = endpoint;
      el.handoffCode = code;
    });
    const refused = nextEvent(phone, 'liveness-error');
    document.body.append(phone);
    try {
      expect((await refused).detail).to.include({ code: 'handoff-used', recoverable: false });
      await phone.updateComplete;
      expect(part(phone, 'error-message')!.textContent).to.equal(en['error.handoff-used']);
      expect(part(phone, 'retry-button')).to.equal(null);
    } finally {
      phone.remove();
    }

    // The desktop makes a new code: a different link that works.
    const second = nextEvent(desktop, 'liveness-handoff');
    void desktop.showHandoff();
    const next = (await second).detail.url;
    expect(next).to.not.equal(url);
    await until(() => part(desktop, 'qr') !== null, 'the new QR code');
  });
});
