/// <reference types="mocha" />
/**
 * Languages in the real element, on a clip whose face is too far: the hint is shown in the element's language,
 * Arabic and Hebrew turn the layout right to left, a language loads on demand as its own module and renders with
 * no English first, a chunk that fails leaves English and a warning, a `strings` override replaces one text, and a
 * `lang` change re-renders.
 *
 * Japanese is never imported here before its test: that test proves the element fetched it by itself.
 */
import { expect } from '@esm-bundle/chai';
import type { LivenessCheckElement } from '../../src/element.js';
import { en } from '../../src/i18n/en.js';
import { loadedMessages, registerLocale } from '../../src/i18n/index.js';
import ar from '../../src/i18n/locales/ar.js';
import de from '../../src/i18n/locales/de.js';
import fr from '../../src/i18n/locales/fr.js';
import he from '../../src/i18n/locales/he.js';
import { nextEvent } from './support/events.js';
import { waitFor } from './support/stubs.js';
import { createWidget, part } from './support/widget.js';

describe('<liveness-check> languages', () => {
  let element: LivenessCheckElement;
  afterEach(() => element?.remove());

  /** Starts the widget and waits for its first too-far hint; returns the guidance event's message. */
  async function tooFarHint(setup: (el: LivenessCheckElement) => void): Promise<string> {
    element = createWidget((el) => {
      el.autostart = true;
      setup(el);
    });
    const messages: string[] = [];
    element.addEventListener('liveness-guidance', (e) => {
      if (e.detail.code === 'too-far') messages.push(e.detail.message);
    });
    document.body.append(element);
    await waitFor(() => messages.length > 0, 'a too-far hint', 30_000);
    await element.updateComplete;
    return messages[0]!;
  }

  it('shows Arabic hints right to left with lang="ar"', async () => {
    const message = await tooFarHint((el) => el.setAttribute('lang', 'ar'));
    expect(message).to.equal(ar['hint.too-far']);
    expect(part(element, 'hint')?.textContent).to.equal(ar['hint.too-far']);
    const base = part(element, 'base')!;
    expect(base.getAttribute('dir')).to.equal('rtl');
    expect(base.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(part(element, 'hint')!).direction).to.equal('rtl');
    expect(part(element, 'progress')?.getAttribute('aria-label')).to.equal(ar['progress.label']);
  });

  it('shows Hebrew hints right to left with lang="he"', async () => {
    const message = await tooFarHint((el) => el.setAttribute('lang', 'he'));
    expect(message).to.equal(he['hint.too-far']);
    expect(part(element, 'hint')?.textContent).to.equal(he['hint.too-far']);
    const base = part(element, 'base')!;
    expect([base.getAttribute('lang'), base.getAttribute('dir')]).to.deep.equal(['he', 'rtl']);
    expect(getComputedStyle(part(element, 'hint')!).direction).to.equal('rtl');
    expect(part(element, 'stage')?.getAttribute('aria-label')).to.equal(he['video.label']);
  });

  it('loads Japanese on demand and renders it first, with no English before it', async () => {
    const chunkRequests = () =>
      performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/src/i18n/locales/ja.'));
    expect(loadedMessages('ja'), 'Japanese is not loaded before the element asks for it').to.equal(undefined);
    expect(chunkRequests()).to.have.length(0);
    element = createWidget((el) => el.setAttribute('lang', 'ja-JP'));
    const rendered: string[] = [];
    document.body.append(element);
    // Every text the shadow root ever shows, from its very first render.
    const observer = new MutationObserver(() => rendered.push(element.shadowRoot!.textContent ?? ''));
    observer.observe(element.shadowRoot!, { childList: true, subtree: true, characterData: true });
    await element.updateComplete;
    observer.disconnect();
    const { default: ja } = await import('../../src/i18n/locales/ja.js');
    expect(part(element, 'start-button')?.textContent).to.equal(ja['intro.start']);
    expect(part(element, 'base')!.getAttribute('lang')).to.equal('ja');
    expect(rendered.length).to.be.greaterThan(0);
    expect(
      rendered.filter((text) => text.includes(en['intro.start']) || text.includes(en['intro.title'])),
    ).to.deep.equal([]);
    expect(chunkRequests()).to.have.length(1);
  });

  it('shows English and warns when a language chunk cannot be loaded', async () => {
    registerLocale('eo', () => Promise.reject(new Error('chunk offline')));
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
    try {
      element = createWidget((el) => el.setAttribute('lang', 'eo'));
      document.body.append(element);
      await element.updateComplete;
      expect(part(element, 'start-button')?.textContent).to.equal(en['intro.start']);
      expect(part(element, 'base')!.getAttribute('lang')).to.equal('en');
      expect(warnings.filter((text) => text.includes('"eo"') && text.includes('chunk offline'))).to.have.length(1);
      // The element still works in English.
      const ready = nextEvent(element, 'liveness-ready', 60_000);
      part<HTMLButtonElement>(element, 'start-button')!.click();
      await ready;
      expect(part(element, 'stage')?.getAttribute('aria-label')).to.equal(en['video.label']);
    } finally {
      console.warn = warn;
      registerLocale('eo', {});
    }
  });

  it('shows German hints left to right with lang="de"', async () => {
    const message = await tooFarHint((el) => el.setAttribute('lang', 'de'));
    expect(message).to.equal(de['hint.too-far']);
    expect(part(element, 'hint')?.textContent).to.equal(de['hint.too-far']);
    expect(part(element, 'base')!.getAttribute('dir')).to.equal('ltr');
    expect(part(element, 'base')!.getAttribute('lang')).to.equal('de');
  });

  it('takes the language from the closest ancestor with lang', async () => {
    const section = document.createElement('section');
    section.lang = 'de-AT';
    document.body.append(section);
    try {
      element = createWidget();
      section.append(element);
      await element.updateComplete;
      expect(part(element, 'start-button')?.textContent).to.equal(de['intro.start']);
      expect(part(element, 'base')!.getAttribute('lang')).to.equal('de');
    } finally {
      section.remove();
    }
  });

  it('uses a strings override for that key and the locale for the others', async () => {
    const message = await tooFarHint((el) => {
      el.setAttribute('lang', 'de');
      el.strings = { 'hint.too-far': 'Bitte etwas näher an die Kamera' };
    });
    expect(message).to.equal('Bitte etwas näher an die Kamera');
    expect(part(element, 'hint')?.textContent).to.equal('Bitte etwas näher an die Kamera');
    expect(part(element, 'progress')?.getAttribute('aria-label')).to.equal(de['progress.label']);
  });

  it('re-renders when lang changes', async () => {
    element = createWidget();
    document.body.append(element);
    await element.updateComplete;
    expect(part(element, 'start-button')?.textContent).to.equal(en['intro.start']);
    element.setAttribute('lang', 'fr');
    await element.updateComplete;
    expect(part(element, 'start-button')?.textContent).to.equal(fr['intro.start']);
    element.setAttribute('lang', 'ar');
    await element.updateComplete;
    expect(part(element, 'base')!.getAttribute('dir')).to.equal('rtl');
    const ready = nextEvent(element, 'liveness-ready', 60_000);
    part<HTMLButtonElement>(element, 'start-button')!.click();
    await ready;
    expect(part(element, 'stage')?.getAttribute('aria-label')).to.equal(ar['video.label']);
  });
});
