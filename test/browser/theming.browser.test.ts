/// <reference types="mocha" />
/**
 * Theming from the page: every documented `::part` is reachable by a page stylesheet (the oval too, though it
 * lives in an SVG inside the shadow root), the custom properties restyle the widget, and the `start`, `success`
 * and `error` slots render the page's own content.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { nextEvent } from './support/events.js';
import { replaceProperty, waitFor } from './support/stubs.js';
import { createWidget, focusedInside, isRendered, part } from './support/widget.js';

/** Each part, with the screen on which it is present. */
const PARTS_WHILE_GUIDING = [
  'base',
  'stage',
  'video',
  'overlay',
  'oval',
  'hint',
  'progress',
  'progress-bar',
  'manual-hint',
  'button',
  'capture-button',
] as const;

function addPageStyle(css: string): () => void {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  return () => style.remove();
}

/** Marks every listed part from the page with a property nothing else sets, and reads it back inside. */
function expectPartsStyledFromPage(element: LivenessCheckElement, names: readonly string[]): void {
  const rules = names.map((name) => `liveness-check.probe::part(${name}) { scroll-margin-top: 17px; }`).join('\n');
  const remove = addPageStyle(rules);
  element.classList.add('probe');
  try {
    for (const name of names) {
      const node = part<Element>(element, name);
      expect(node, `a ${name} part`).to.not.equal(null);
      expect(getComputedStyle(node!).scrollMarginTop, `::part(${name}) reaches it`).to.equal('17px');
    }
  } finally {
    remove();
    element.classList.remove('probe');
  }
}

describe('<liveness-check> theming', () => {
  let element: LivenessCheckElement;
  const restores: Array<() => void> = [];

  afterEach(() => {
    element?.remove();
    while (restores.length > 0) restores.pop()!();
  });

  it('exposes every part of the intro screen', async () => {
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    expectPartsStyledFromPage(element, ['base', 'screen', 'button', 'start-button']);
  });

  it('exposes every part of the guiding screen, including the oval inside the SVG', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.manualCaptureAfter = 200;
    });
    document.body.append(element);
    await waitFor(() => part(element, 'manual-hint'), 'the manual capture offer');
    expectPartsStyledFromPage(element, PARTS_WHILE_GUIDING);

    const oval = part<SVGEllipseElement>(element, 'oval')!;
    expect(oval.namespaceURI).to.equal('http://www.w3.org/2000/svg');
    // The oval animates stroke changes; without the transition the computed value is the final one at once.
    restores.push(
      addPageStyle('liveness-check::part(oval) { stroke: rgb(255, 0, 128); stroke-width: 9px; transition: none; }'),
    );
    expect(getComputedStyle(oval).stroke).to.equal('rgb(255, 0, 128)');
    expect(getComputedStyle(oval).strokeWidth).to.equal('9px');
  });

  it('exposes the status and error parts', async () => {
    restores.push(replaceProperty(navigator.mediaDevices, 'getUserMedia', () => new Promise<MediaStream>(() => {})));
    element = createWidget((el) => (el.autostart = true));
    document.body.append(element);
    await waitFor(() => element.phase === 'starting', 'the starting phase');
    await element.updateComplete;
    expectPartsStyledFromPage(element, ['status']);
    restores.pop()!();

    restores.push(
      replaceProperty(navigator.mediaDevices, 'getUserMedia', () =>
        Promise.reject(new DOMException('busy', 'NotReadableError')),
      ),
    );
    const failed = nextEvent(element, 'liveness-error');
    void element.start();
    await failed;
    await element.updateComplete;
    expectPartsStyledFromPage(element, ['screen', 'error-message', 'retry-button']);
  });

  it('restyles from the custom properties set on the element', async () => {
    element = createWidget();
    element.style.setProperty('--liveness-accent', 'rgb(10, 20, 30)');
    element.style.setProperty('--liveness-on-accent', 'rgb(250, 250, 240)');
    element.style.setProperty('--liveness-text', 'rgb(40, 50, 60)');
    element.style.setProperty('--liveness-surface', 'rgb(240, 240, 230)');
    element.style.setProperty('--liveness-oval-stroke', 'rgb(0, 200, 100)');
    element.style.setProperty('--liveness-font', 'monospace');
    element.style.setProperty('--liveness-radius', '3px');
    document.body.append(element);
    await element.updateComplete;
    const button = getComputedStyle(part(element, 'start-button')!);
    expect(button.backgroundColor).to.equal('rgb(10, 20, 30)');
    expect(button.color).to.equal('rgb(250, 250, 240)');
    const host = getComputedStyle(element);
    expect(host.color).to.equal('rgb(40, 50, 60)');
    expect(host.backgroundColor).to.equal('rgb(240, 240, 230)');
    expect(host.fontFamily).to.equal('monospace');
    expect(getComputedStyle(part(element, 'oval')!).stroke).to.equal('rgb(0, 200, 100)');
    expect(getComputedStyle(part(element, 'stage')!).borderTopLeftRadius).to.equal('3px');
  });

  it('renders the page content slotted as start, and keeps the start button', async () => {
    element = createWidget();
    element.innerHTML = '<div slot="start"><h2>Verify it is you</h2><p>Custom intro</p></div>';
    document.body.append(element);
    await element.updateComplete;
    const custom = element.querySelector('[slot="start"]')!;
    const slot = element.shadowRoot!.querySelector<HTMLSlotElement>('slot[name="start"]')!;
    expect(slot.assignedElements()).to.deep.equal([custom]);
    expect(isRendered(custom)).to.equal(true);
    expect(isRendered(slot.querySelector('h2')), 'the default title is replaced').to.equal(false);
    expect(isRendered(part(element, 'start-button'))).to.equal(true);
  });

  it('renders the page content slotted as success, and focuses the done screen', async () => {
    element = createWidget((el) => {
      el.autostart = true;
      el.mode = 'image';
      el.manualCaptureAfter = 200;
    });
    element.innerHTML = '<p slot="success">All set, continue below</p>';
    document.body.append(element);
    const button = await waitFor(() => part<HTMLButtonElement>(element, 'capture-button'), 'the manual button');
    button.focus();
    button.click();
    await waitFor(() => element.phase === 'done', 'the done screen');
    await element.updateComplete;
    const custom = element.querySelector('[slot="success"]')!;
    expect(isRendered(custom)).to.equal(true);
    expect(element.shadowRoot!.querySelector('h2')?.textContent).to.equal(en['status.done']);
    expect(isRendered(element.shadowRoot!.querySelector('h2')), 'the default heading is replaced').to.equal(false);
    expect(focusedInside(element), 'focus lands on the done screen').to.equal(part(element, 'screen'));
  });

  it('renders the page content slotted as error beside the message and the retry button', async () => {
    restores.push(
      replaceProperty(navigator.mediaDevices, 'getUserMedia', () =>
        Promise.reject(new DOMException('denied', 'NotAllowedError')),
      ),
    );
    element = createWidget((el) => (el.autostart = true));
    element.innerHTML = '<a slot="error" href="#help">How to allow the camera</a>';
    const failed = nextEvent(element, 'liveness-error');
    document.body.append(element);
    await failed;
    await element.updateComplete;
    expect(isRendered(element.querySelector('[slot="error"]'))).to.equal(true);
    expect(part(element, 'error-message')?.textContent).to.equal(en['error.camera-denied']);
    expect(isRendered(part(element, 'retry-button'))).to.equal(true);
  });
});
